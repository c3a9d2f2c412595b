import type { Store } from '../store/store';
import { TASK_KEYS, splitMember } from './task-keys';
import type { TaskState } from './task-state';
import type { StoredTask } from './task-types';
import { removeFromIndexes } from './write-indexes';

/** Most tasks removed per sweep, so that one sweep stays short. */
const SWEEP_BATCH = 500;

/**
 * Removes terminal tasks past their retention from the records and every index. Records
 * outlive their expiry by a grace period so that the sweep still reads their last state
 * and clears only the indexes they are in. Returns how many tasks left.
 */
export async function sweepExpired(store: Store, now: number): Promise<number> {
  const members = await store.indexRangeUpTo(TASK_KEYS.expiry, now, SWEEP_BATCH);
  if (members.length === 0) return 0;
  const entries = members.map((member) => ({ member, ...splitMember(member) }));
  const texts = await store.getMany(
    entries.map((entry) => TASK_KEYS.record(entry.applianceId, entry.taskId)),
  );

  await Promise.all(
    entries.map(async (entry, index) => {
      const last = lastState(texts[index] ?? null);
      await removeFromIndexes(store, entry, last);
      await store.del(TASK_KEYS.record(entry.applianceId, entry.taskId));
      await store.del(TASK_KEYS.registration(entry.applianceId, entry.taskId));
    }),
  );
  return members.length;
}

function lastState(text: string | null): TaskState | null {
  if (text === null) return null;
  try {
    return (JSON.parse(text) as StoredTask).task.state;
  } catch {
    return null;
  }
}
