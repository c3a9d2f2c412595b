import { createValidationError } from '../error-catalogue';
import { ALERT_ETAG_MISMATCH } from '../etag-errors';
import { requireCurrentEtag } from '../etags';
import { formatTimestamp, type Json, type JsonObject } from '../json';
import { readJsonObject } from '../request-body';
import type { Reply, RequestContext } from '../request-context';
import type { ResourceTable } from '../resource-table';
import type { Route } from '../router';
import * as table from './table-handlers';

const ALERT_STATES = ['Active', 'Locked', 'Cleared'];

/** `/rest/alerts`: list, get, and update (state, assignee, notes) with the alert's ETag. */
export const ALERT_ROUTES: Route[] = [
  { method: 'GET', pattern: '/rest/alerts', handle: (ctx) => table.listTable(ctx, alerts(ctx)) },
  {
    method: 'GET',
    pattern: '/rest/alerts/{id}',
    handle: (ctx) => table.getTableItem(ctx, alerts(ctx)),
  },
  { method: 'PUT', pattern: '/rest/alerts/{id}', handle: updateAlert },
];

function alerts(ctx: RequestContext): ResourceTable {
  return ctx.appliance.data.alerts;
}

function updateAlert(ctx: RequestContext): Reply {
  const stored = table.findResource(ctx, alerts(ctx));
  const body = readJsonObject(ctx);
  requireCurrentEtag(ctx, table.etagOf(stored), body, ALERT_ETAG_MISMATCH);
  const changes: JsonObject = {};
  const state = body['alertState'];
  if (state !== undefined) {
    if (typeof state !== 'string' || !ALERT_STATES.includes(state)) {
      throw createValidationError(
        'INVALID_ALERT_STATE',
        `alertState must be one of ${ALERT_STATES.join(', ')}.`,
        'alertState',
      );
    }
    changes['alertState'] = state;
    changes['clearedByUser'] = state === 'Cleared' ? userOf(ctx) : null;
    changes['clearedTime'] = state === 'Cleared' ? formatTimestamp(ctx.now) : null;
  }
  if (body['assignedToUser'] !== undefined) changes['assignedToUser'] = body['assignedToUser'];
  const updated = alerts(ctx).set(stored.id, {
    ...stored.body,
    ...changes,
    changeLog: appendNotes(ctx, stored.body['changeLog'], body['notes']),
    modified: formatTimestamp(ctx.now),
    eTag: table.nextEpochEtag(table.etagOf(stored), ctx.now),
  });
  return table.replyResource(ctx, alerts(ctx), updated, 200);
}

function appendNotes(
  ctx: RequestContext,
  changeLog: Json | undefined,
  notes: Json | undefined,
): Json {
  const log = Array.isArray(changeLog) ? changeLog : [];
  if (typeof notes !== 'string' || notes === '') return log;
  const entry = {
    notes,
    username: userOf(ctx),
    userEntered: true,
    created: formatTimestamp(ctx.now),
  };
  return [...log, entry];
}

function userOf(ctx: RequestContext): string {
  return ctx.session?.userName ?? 'Administrator';
}
