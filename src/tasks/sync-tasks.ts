import pLimit from 'p-limit';
import type { Appliance } from '../appliances/appliance';
import { taskIdOf } from '../proxy/rewrite-location';
import { getTaskResource } from './appliance-tasks';
import { TASK_KEYS } from './task-keys';
import {
  advanceCursor,
  alreadySeen,
  formatSyncState,
  nextSyncState,
  parseSyncState,
  syncPath,
} from './sync-cursor';
import type { SyncCursor } from './sync-cursor';
import type { WatchContext } from './watch-context';

/** Tasks asked for per page (appliances may answer fewer). */
const SYNC_PAGE_COUNT = 100;
/** Pages read per sync once a cursor exists; the first sync reads only the newest page. */
const MAX_SYNC_PAGES = 5;
const SAVE_CONCURRENCY = 8;

interface TaskPage {
  members?: unknown;
  nextPageUri?: unknown;
}

/**
 * Reads what changed in an appliance's task list since the last sync, newest first, and
 * saves it: tasks started on the appliance itself (not through the gateway) enter the feed
 * this way. A sync reads a bounded number of pages; when more changed than that, the next
 * syncs read the older rest before the cursor moves on, so no change is skipped. Returns
 * how many tasks were read.
 */
export async function syncRecentTasks(
  context: WatchContext,
  appliance: Appliance,
): Promise<number> {
  const { store } = context.tasks;
  const state = parseSyncState(await store.get(TASK_KEYS.cursor(appliance.id)));
  const { cursor, backlog } = state;
  const progress: Progress = { next: backlog?.next ?? cursor, oldest: null };
  let path: string | null = syncPath(cursor, SYNC_PAGE_COUNT, backlog?.until);
  let read = 0;
  let pages = 0;

  for (; path !== null && pages < (cursor ? MAX_SYNC_PAGES : 1); pages += 1) {
    const answer = await getTaskResource(
      context.registry,
      appliance,
      path,
      {},
      context.callTimeoutMs,
    );
    if (answer.status !== 200) {
      appliance.log.debug({ status: answer.status }, 'task sync refused; trying next round');
      return read;
    }
    const body = (answer.json ?? {}) as TaskPage;
    const members = Array.isArray(body.members) ? (body.members as unknown[]) : [];
    await saveMembers(context, appliance, members, cursor, progress);
    read += members.length;
    path = members.length === 0 ? null : nextPage(body.nextPageUri);
  }

  const stopped = path !== null;
  const after = nextSyncState(state, { ...progress, stopped });
  if (stopped && after.backlog === null && cursor !== null) {
    appliance.log.warn({ pages }, 'task sync left changes unread: too many share one timestamp');
  }
  if (JSON.stringify(after) !== JSON.stringify(state)) {
    await store.set(TASK_KEYS.cursor(appliance.id), formatSyncState(after));
  }
  return read;
}

/** How far a sync got: the cursor it reached, and the oldest change it read. */
interface Progress {
  next: SyncCursor | null;
  oldest: string | null;
}

async function saveMembers(
  context: WatchContext,
  appliance: Appliance,
  members: unknown[],
  cursor: SyncCursor | null,
  progress: Progress,
): Promise<void> {
  const limit = pLimit(SAVE_CONCURRENCY);
  const saves: Array<Promise<unknown>> = [];
  for (const member of members) {
    const { uri, modified, eTag } = (member ?? {}) as Record<string, unknown>;
    const taskId = typeof uri === 'string' ? taskIdOf(uri) : null;
    if (taskId === null || typeof modified !== 'string') continue;
    if (progress.oldest === null || modified < progress.oldest) progress.oldest = modified;
    if (alreadySeen(cursor, modified, taskId)) continue;
    progress.next = advanceCursor(progress.next, modified, taskId);
    const save = { applianceId: appliance.id, taskId, body: member };
    saves.push(limit(() => context.tasks.save({ ...save, eTag: text(eTag) })));
  }
  await Promise.all(saves);
}

/** The next page, only when it is a path of the same collection (never another host). */
function nextPage(uri: unknown): string | null {
  if (typeof uri !== 'string' || uri === '') return null;
  try {
    const url = new URL(uri, 'http://appliance.invalid');
    return url.pathname === '/rest/tasks' ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
