/**
 * How far an appliance's task list was read: the newest `modified` seen, and the tasks
 * seen at exactly that time. The next sync asks for `modified >= cursor` and skips those,
 * so tasks that share a timestamp are neither missed nor read twice.
 */
export interface SyncCursor {
  modified: string;
  seen: string[];
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

/** The task list query of a sync: newest first, only what changed since the cursor. */
export function syncPath(cursor: SyncCursor | null, count: number): string {
  const base = `/rest/tasks?sort=modified:desc&count=${count}`;
  if (cursor === null) return base;
  const filter = `"modified>='${cursor.modified.replace(/'/g, '')}'"`;
  return `${base}&filter=${encodeURIComponent(filter)}`;
}

/** Reads a stored cursor; null when absent or unreadable. */
export function parseCursor(text: string | null): SyncCursor | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<SyncCursor>;
    return typeof value.modified === 'string' && Array.isArray(value.seen)
      ? { modified: value.modified, seen: value.seen.filter((id) => typeof id === 'string') }
      : null;
  } catch {
    return null;
  }
}
