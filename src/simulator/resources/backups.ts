import { createResourceNotFoundError } from '../error-catalogue';
import { formatTimestamp, type JsonObject, readText } from '../json';
import { readJson } from '../request-body';
import { readParam, type Reply, type RequestContext } from '../request-context';
import type { Route } from '../router';
import { describeRelease } from '../versions';
import { describeResource } from '../tasks/seed-tasks';
import { createTaskId, startTask } from '../tasks/start-task';
import { streamArchive } from './backup-archive';
import * as table from './table-handlers';

/** `/rest/backups`: at most one backup; creating one is a task; the archive streams. */
export const BACKUP_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/rest/backups',
    handle: (ctx) => table.listTable(ctx, ctx.appliance.data.backups),
  },
  { method: 'POST', pattern: '/rest/backups', handle: createBackup },
  {
    method: 'GET',
    pattern: '/rest/backups/{id}',
    handle: (ctx) => table.getTableItem(ctx, ctx.appliance.data.backups),
  },
  { method: 'GET', pattern: '/rest/backups/archive/{id}', handle: downloadBackup },
];

const MIB = 1024 * 1024;

function createBackup(ctx: RequestContext): Reply {
  readJson(ctx);
  const taskId = createTaskId();
  const backup = buildBackup(ctx, `/rest/tasks/${taskId}`);
  return startTask(
    ctx,
    {
      name: 'Create backup',
      resource: { ...describeResource(backup), resourceName: readText(backup['id']) },
      statuses: {
        running: 'Creating the backup file.',
        done: 'The backup was created.',
        failed: 'Unable to create the backup.',
      },
      steps: ['Backing up the database.', 'Backing up the files.', 'Compressing the backup file.'],
      errorCode: 'BACKUP_FAILED',
      cancellable: true,
      apply: () => {
        // An appliance keeps one backup: a new one replaces the old.
        const backups = ctx.appliance.data.backups;
        for (const old of backups.list()) backups.delete(old.id);
        backups.set(readText(backup['id']), { ...backup, modified: formatTimestamp(Date.now()) });
      },
    },
    taskId,
  );
}

// oneview-python follows a backup's `taskUri` when an answer hands it the backup itself.
function buildBackup(ctx: RequestContext, taskUri: string): JsonObject {
  const { hostName } = ctx.appliance.data.identity;
  const stamp = formatTimestamp(ctx.now).replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  const id = `${hostName}_backup_${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 15)}`;
  const { major, minor } = describeRelease(ctx.appliance.versions.currentVersion);
  return {
    uri: `/rest/backups/${id}`,
    category: 'backups',
    name: id,
    id,
    hostName,
    backupSize: ctx.appliance.options.backupMb * MIB,
    firmwareVersionMajor: `${major}.${minor}.00`,
    firmwareVersionMinor: '0351081',
    status: 'SUCCEEDED',
    backupType: 'FULL',
    taskUri,
    // A field of the 1.0 BackupDetail schema; none of the SDKs read it.
    resolutionParms: null,
    downloadUri: `/rest/backups/archive/${id}`,
    created: formatTimestamp(ctx.now),
    modified: formatTimestamp(ctx.now),
    eTag: String(ctx.now),
  };
}

function downloadBackup(ctx: RequestContext): Reply | undefined {
  const id = readParam(ctx);
  if (ctx.appliance.data.backups.get(id) === undefined) throw createResourceNotFoundError(ctx.path);
  streamArchive(ctx.res, `${id}.bkp`, ctx.appliance.options.backupMb * MIB);
  return undefined;
}
