import { idOf } from '../appliance-data';
import { createValidationError } from '../error-catalogue';
import { GENERIC_ETAG_MISMATCH } from '../etag-errors';
import { checkOptionalEtag, requireCurrentEtag } from '../etags';
import { formatTimestamp, type Json, type JsonObject, printValue, readText } from '../json';
import { readJsonObject } from '../request-body';
import type { Reply, RequestContext } from '../request-context';
import type { ResourceTable } from '../resource-table';
import type { Route } from '../router';
import { buildProfile } from '../seed/server-profiles';
import { describeResource } from '../tasks/seed-tasks';
import { startTask } from '../tasks/start-task';
import type { TaskPlan } from '../tasks/task-record';
import { assignProfile } from './profile-assignment';
import * as table from './table-handlers';

// Appliances name a missing profile with this code (redfish-toolkit treats it as not found).
const NOT_FOUND = 'ProfileNotFoundException';
const WRITABLE = ['name', 'description', 'affinity', 'boot', 'bootMode', 'bios', 'firmware'];

/** `/rest/server-profiles`: list and get; create, update and delete are tasks. */
export const SERVER_PROFILE_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/rest/server-profiles',
    handle: (ctx) => table.listTable(ctx, profiles(ctx)),
  },
  {
    method: 'GET',
    pattern: '/rest/server-profiles/{id}',
    handle: (ctx) => table.getTableItem(ctx, profiles(ctx), NOT_FOUND),
  },
  { method: 'POST', pattern: '/rest/server-profiles', handle: createProfile },
  { method: 'PUT', pattern: '/rest/server-profiles/{id}', handle: updateProfile },
  { method: 'DELETE', pattern: '/rest/server-profiles/{id}', handle: deleteProfile },
];

function profiles(ctx: RequestContext): ResourceTable {
  return ctx.appliance.data.serverProfiles;
}

function createProfile(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  table.checkBodyType(ctx, profiles(ctx), body);
  const name = requireName(body);
  const server = findServer(ctx, body['serverHardwareUri']);
  const networks = ctx.appliance.data.ethernetNetworks.list().map((stored) => stored.body);
  const profile = buildProfile(ctx.appliance.random, {
    name,
    description: typeof body['description'] === 'string' ? body['description'] : '',
    server,
    createdMs: ctx.now,
    networks,
  });
  return startTask(ctx, {
    ...describeWork('Create', profile, [
      'Validating the profile.',
      'Applying server settings.',
      'Configuring connections.',
    ]),
    apply: () => {
      profiles(ctx).set(idOf(profile), { ...profile, modified: formatTimestamp(Date.now()) });
      assignProfile(
        ctx.appliance.data.serverHardware,
        profile['serverHardwareUri'],
        profile['uri'] ?? null,
      );
    },
  });
}

function updateProfile(ctx: RequestContext): Reply {
  const stored = table.findResource(ctx, profiles(ctx), NOT_FOUND);
  const body = readJsonObject(ctx);
  table.checkBodyType(ctx, profiles(ctx), body);
  requireCurrentEtag(ctx, table.etagOf(stored), body, GENERIC_ETAG_MISMATCH);
  if (body['name'] !== undefined) requireName(body);
  const changes = table.pickWritable(body, WRITABLE);
  return startTask(ctx, {
    ...describeWork('Update', stored.body, [
      'Validating the profile.',
      'Applying server settings.',
    ]),
    apply: () => {
      const current = profiles(ctx).get(stored.id);
      if (current === undefined) return;
      const revision = Number(table.etagOf(current).split('/')[1] ?? 1) + 1;
      const now = Date.now();
      profiles(ctx).set(stored.id, {
        ...current.body,
        ...changes,
        modified: formatTimestamp(now),
        eTag: `${now}/${revision}`,
      });
    },
  });
}

function deleteProfile(ctx: RequestContext): Reply {
  const stored = table.findResource(ctx, profiles(ctx), NOT_FOUND);
  checkOptionalEtag(ctx, table.etagOf(stored), GENERIC_ETAG_MISMATCH);
  return startTask(ctx, {
    // oneview-python's task monitor returns true for a task named Delete instead of a resource.
    ...describeWork('Delete', stored.body, ['Removing server settings.', 'Deleting the profile.']),
    apply: () => {
      profiles(ctx).delete(stored.id);
      assignProfile(ctx.appliance.data.serverHardware, stored.body['serverHardwareUri'], null);
    },
  });
}

const PROGRESS: Record<ProfileWork, string> = {
  Create: 'Creating',
  Update: 'Updating',
  Delete: 'Deleting',
};

type ProfileWork = 'Create' | 'Update' | 'Delete';

function describeWork(
  name: ProfileWork,
  profile: JsonObject,
  steps: string[],
): Omit<TaskPlan, 'apply'> {
  const label = readText(profile['name']);
  return {
    name,
    resource: describeResource(profile),
    statuses: {
      running: `${PROGRESS[name]} server profile ${label}.`,
      done: `${name} server profile ${label}.`,
      failed: `Unable to ${name.toLowerCase()} server profile ${label}.`,
    },
    steps,
    errorCode: 'PROFILE_OPERATION_FAILED',
    // Creating and updating can be cancelled; a delete cannot.
    cancellable: name !== 'Delete',
  };
}

function requireName(body: JsonObject): string {
  const name = body['name'];
  if (typeof name !== 'string' || name.trim() === '') {
    throw createValidationError('INVALID_NAME', 'The server profile name is required.', 'name');
  }
  return name;
}

// A body URI naming a missing resource is a 400 on appliances, not a 404.
function findServer(ctx: RequestContext, uri: Json | undefined): JsonObject | undefined {
  if (uri === undefined || uri === null) return undefined;
  const id = typeof uri === 'string' ? uri.slice(uri.lastIndexOf('/') + 1) : '';
  const server = ctx.appliance.data.serverHardware.get(id);
  if (server === undefined || server.body['uri'] !== uri) {
    throw createValidationError(
      'INVALID_SERVER_HARDWARE_URI',
      `The server hardware ${printValue(uri)} does not exist.`,
      'serverHardwareUri',
    );
  }
  return server.body;
}
