import { idOf } from '../appliance-data';
import { createValidationError } from '../error-catalogue';
import { GENERIC_ETAG_MISMATCH } from '../etag-errors';
import { checkOptionalEtag, requireCurrentEtag } from '../etags';
import { formatTimestamp, type JsonObject, printValue, readText } from '../json';
import { readJsonObject } from '../request-body';
import type { Reply, RequestContext } from '../request-context';
import type { ResourceTable } from '../resource-table';
import type { Route } from '../router';
import { buildNetwork } from '../seed/ethernet-networks';
import { createUuid } from '../seed/identifiers';
import { describeResource } from '../tasks/seed-tasks';
import type { TaskPlan } from '../tasks/task-record';
import { startTask } from '../tasks/start-task';
import * as table from './table-handlers';

const WRITABLE = ['name', 'description', 'purpose', 'smartLink', 'privateNetwork'];

/** `/rest/ethernet-networks`: create and delete are tasks, update is synchronous. */
export const ETHERNET_NETWORK_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/rest/ethernet-networks',
    handle: (ctx) => table.listTable(ctx, networks(ctx)),
  },
  {
    method: 'GET',
    pattern: '/rest/ethernet-networks/{id}',
    handle: (ctx) => table.getTableItem(ctx, networks(ctx)),
  },
  { method: 'POST', pattern: '/rest/ethernet-networks', handle: createNetwork },
  { method: 'PUT', pattern: '/rest/ethernet-networks/{id}', handle: updateNetwork },
  { method: 'DELETE', pattern: '/rest/ethernet-networks/{id}', handle: deleteNetwork },
];

function networks(ctx: RequestContext): ResourceTable {
  return ctx.appliance.data.ethernetNetworks;
}

function createNetwork(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  table.checkBodyType(ctx, networks(ctx), body);
  const type = body['ethernetNetworkType'] ?? 'Tagged';
  const vlanId = body['vlanId'] ?? (type === 'Tagged' ? undefined : 0);
  if (typeof vlanId !== 'number' || !Number.isInteger(vlanId) || vlanId < 0 || vlanId > 4094) {
    throw createValidationError(
      'INVALID_VLAN_ID',
      'vlanId must be an integer from 1 to 4094.',
      'vlanId',
    );
  }
  const network = buildNetwork(ctx.appliance.random, {
    name: requireName(body),
    vlanId,
    purpose: typeof body['purpose'] === 'string' ? body['purpose'] : 'General',
    fabricUri: ctx.appliance.data.fabricUri,
    createdMs: ctx.now,
    smartLink: body['smartLink'] !== false,
    privateNetwork: body['privateNetwork'] === true,
    ethernetNetworkType: printValue(type),
  });
  return startTask(ctx, {
    ...describeWork('Create', network),
    apply: () => networks(ctx).set(idOf(network), network),
  });
}

function updateNetwork(ctx: RequestContext): Reply {
  const stored = table.findResource(ctx, networks(ctx));
  const body = readJsonObject(ctx);
  table.checkBodyType(ctx, networks(ctx), body);
  requireCurrentEtag(ctx, table.etagOf(stored), body, GENERIC_ETAG_MISMATCH);
  if (body['name'] !== undefined) requireName(body);
  const updated = networks(ctx).set(stored.id, {
    ...stored.body,
    ...table.pickWritable(body, WRITABLE),
    modified: formatTimestamp(ctx.now),
    eTag: createUuid(ctx.appliance.random),
  });
  return table.replyResource(ctx, networks(ctx), updated, 200);
}

function deleteNetwork(ctx: RequestContext): Reply {
  const stored = table.findResource(ctx, networks(ctx));
  checkOptionalEtag(ctx, table.etagOf(stored), GENERIC_ETAG_MISMATCH);
  return startTask(ctx, {
    ...describeWork('Delete', stored.body),
    apply: () => networks(ctx).delete(stored.id),
  });
}

function describeWork(name: 'Create' | 'Delete', network: JsonObject): Omit<TaskPlan, 'apply'> {
  const label = readText(network['name']);
  const verb = name.toLowerCase();
  return {
    name,
    resource: describeResource(network),
    statuses: {
      running: `${name === 'Create' ? 'Creating' : 'Deleting'} network ${label}.`,
      done: `${name} network ${label}.`,
      failed: `Unable to ${verb} network ${label}.`,
    },
    steps: [`${name} network ${label} started.`],
    errorCode: 'NETWORK_OPERATION_FAILED',
    cancellable: false,
  };
}

function requireName(body: JsonObject): string {
  const name = body['name'];
  if (typeof name !== 'string' || name.trim() === '') {
    throw createValidationError('INVALID_NAME', 'The network name is required.', 'name');
  }
  return name;
}
