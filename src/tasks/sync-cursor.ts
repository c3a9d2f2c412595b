/**
 * How far an appliance's task list was read: the newest `modified` seen, and the tasks
 * seen at exactly that time. The next sync asks for `modified >= cursor` and skips those,
 * so tasks that share a timestamp are neither missed nor read twice.
 */
export interface SyncCursor {
  modified: string;
  seen: string[];
}

/**
 * What a sync that stopped at its page limit left unread. The list is read newest first,
 * so the unread changes are the oldest ones: from the cursor up to `until`, the oldest
 * `modified` read so far. The cursor stays where it was until they are read, then moves to
 * `next`, the newest change the interrupted sync saw.
 */
export interface SyncBacklog {
  until: string;
  next: SyncCursor;
}

/** An appliance's sync position as the store keeps it. */
export interface SyncState {
  cursor: SyncCursor | null;
  backlog: SyncBacklog | null;
}

/** The cursor after seeing a task modified at `modified`. */
export function advanceCursor(
  cursor: SyncCursor | null,
  modified: string,
  taskId: string,
): SyncCursor {
  if (cursor === null || modified > cursor.modified) return { modified, seen: [taskId] };
  if (modified < cursor.modified || cursor.seen.includes(taskId)) return cursor;
  return { modified, seen: [...cursor.seen, taskId] };
}

/** Tells whether the last sync already read this version of the task. */
export function alreadySeen(cursor: SyncCursor | null, modified: string, taskId: string): boolean {
  return cursor !== null && modified === cursor.modified && cursor.seen.includes(taskId);
}

/**
 * The task list query of a sync: newest first, only what changed since the cursor, and
 * nothing newer than `until` while a backlog is read.
 */
export function syncPath(cursor: SyncCursor | null, count: number, until?: string): string {
  const base = `/rest/tasks?sort=modified:desc&count=${count}`;
  if (cursor === null) return base;
  const filters = [`"modified>='${quoteFree(cursor.modified)}'"`];
  if (until !== undefined) filters.push(`"modified<='${quoteFree(until)}'"`);
  return base + filters.map((filter) => `&filter=${encodeURIComponent(filter)}`).join('');
}

/**
 * Where the next sync starts, after one that read down to `oldest` (the oldest `modified`
 * it read) and reached `next`. `stopped` says it hit its page limit with pages left. The
 * first sync of an appliance reads only its newest page and leaves no backlog; a backlog
 * that did not shrink (a page limit of tasks sharing one timestamp) is given up rather
 * than read forever.
 */
export function nextSyncState(
  state: SyncState,
  read: { next: SyncCursor | null; oldest: string | null; stopped: boolean },
): SyncState {
  const { cursor, backlog } = state;
  const shrank = backlog === null || (read.oldest !== null && read.oldest < backlog.until);
  if (cursor === null || !read.stopped || read.oldest === null || !shrank) {
    return { cursor: read.next ?? cursor, backlog: null };
  }
  return { cursor, backlog: { until: read.oldest, next: read.next ?? cursor } };
}

/** The stored text of a sync state. */
export function formatSyncState(state: SyncState): string {
  return JSON.stringify({ ...state.cursor, ...(state.backlog ? { backlog: state.backlog } : {}) });
}

/** Reads a stored sync state; empty when absent or unreadable. */
export function parseSyncState(text: string | null): SyncState {
  if (text === null) return { cursor: null, backlog: null };
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const cursor = readCursor(value);
    const stored = value.backlog as Record<string, unknown> | undefined;
    const next = readCursor(stored?.next);
    const until = stored?.until;
    const backlog =
      cursor !== null && next !== null && typeof until === 'string' ? { until, next } : null;
    return { cursor, backlog };
  } catch {
    return { cursor: null, backlog: null };
  }
}

function readCursor(value: unknown): SyncCursor | null {
  const candidate = value as Partial<SyncCursor> | null | undefined;
  if (typeof candidate?.modified !== 'string' || !Array.isArray(candidate.seen)) return null;
  return {
    modified: candidate.modified,
    seen: candidate.seen.filter((id): id is string => typeof id === 'string'),
  };
}

function quoteFree(text: string): string {
  return text.replace(/'/g, '');
}
