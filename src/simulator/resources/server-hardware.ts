import { createValidationError } from '../error-catalogue';
import { GENERIC_ETAG_MISMATCH } from '../etag-errors';
import { requireCurrentEtag } from '../etags';
import { formatTimestamp, type JsonObject, readText } from '../json';
import { readJsonObject } from '../request-body';
import type { Reply, RequestContext } from '../request-context';
import type { ResourceTable } from '../resource-table';
import type { Route } from '../router';
import { describeResource } from '../tasks/seed-tasks';
import { startTask } from '../tasks/start-task';
import * as table from './table-handlers';

/** `/rest/server-hardware`: list, get, update (sync, ETag) and power (task). */
export const SERVER_HARDWARE_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/rest/server-hardware',
    handle: (ctx) => table.listTable(ctx, servers(ctx)),
  },
  {
    method: 'GET',
    pattern: '/rest/server-hardware/{id}',
    handle: (ctx) => table.getTableItem(ctx, servers(ctx)),
  },
  { method: 'PUT', pattern: '/rest/server-hardware/{id}', handle: updateServer },
  { method: 'PUT', pattern: '/rest/server-hardware/{id}/powerState', handle: setPowerState },
];

const WRITABLE = ['name', 'description', 'uidState', 'licensingIntent'];
const POWER_STATES = ['On', 'Off'];
const POWER_CONTROLS = ['MomentaryPress', 'PressAndHold', 'ColdBoot', 'Reset'];

function servers(ctx: RequestContext): ResourceTable {
  return ctx.appliance.data.serverHardware;
}

function updateServer(ctx: RequestContext): Reply {
  const stored = table.findResource(ctx, servers(ctx));
  const body = readJsonObject(ctx);
  table.checkBodyType(ctx, servers(ctx), body);
  requireCurrentEtag(ctx, table.etagOf(stored), body, GENERIC_ETAG_MISMATCH);
  const updated = servers(ctx).set(stored.id, {
    ...stored.body,
    ...table.pickWritable(body, WRITABLE),
    modified: formatTimestamp(ctx.now),
    eTag: table.nextEpochEtag(table.etagOf(stored), ctx.now),
  });
  return table.replyResource(ctx, servers(ctx), updated, 200);
}

function setPowerState(ctx: RequestContext): Reply {
  const stored = table.findResource(ctx, servers(ctx));
  const body = readJsonObject(ctx);
  const powerState = body['powerState'];
  const powerControl = body['powerControl'] ?? 'MomentaryPress';
  if (typeof powerState !== 'string' || !POWER_STATES.includes(powerState)) {
    throw createValidationError(
      'INVALID_POWER_STATE',
      'powerState must be On or Off.',
      'powerState',
    );
  }
  if (typeof powerControl !== 'string' || !POWER_CONTROLS.includes(powerControl)) {
    throw createValidationError(
      'INVALID_POWER_CONTROL',
      `powerControl must be one of ${POWER_CONTROLS.join(', ')}.`,
      'powerControl',
    );
  }
  const target = powerControl === 'Reset' || powerControl === 'ColdBoot' ? 'On' : powerState;
  const name =
    powerControl === 'Reset' || powerControl === 'ColdBoot'
      ? 'Reset'
      : `Power ${target.toLowerCase()}`;
  return startTask(ctx, {
    name,
    resource: describeResource(stored.body),
    statuses: {
      running: `${name} ${readText(stored.body['name'])}.`,
      done: `${name} ${readText(stored.body['name'])} completed.`,
      failed: `Unable to ${name.toLowerCase()} ${readText(stored.body['name'])}.`,
    },
    steps: [`${name} requested.`, `Waiting for the server to reach power state ${target}.`],
    errorCode: 'POWER_STATE_CHANGE_FAILED',
    cancellable: false,
    apply: () => applyPowerState(servers(ctx), stored.id, target),
  });
}

function applyPowerState(servers: ResourceTable, id: string, powerState: string): void {
  const current = servers.get(id);
  if (current === undefined) return;
  const now = Date.now();
  const body: JsonObject = {
    ...current.body,
    powerState,
    modified: formatTimestamp(now),
    eTag: table.nextEpochEtag(table.etagOf(current), now),
  };
  servers.set(id, body);
}
