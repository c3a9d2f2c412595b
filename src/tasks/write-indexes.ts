import type { Store } from '../store/store';
import { TASK_KEYS } from './task-keys';
import { TASK_STATES } from './task-state';
import type { TaskState } from './task-state';
import type { TaskOrigin } from './task-types';

/** Where one task goes in the feed's indexes. */
export interface IndexEntry {
  applianceId: string;
  taskId: string;
  member: string;
  /** `modified`, epoch ms. */
  score: number;
  state: TaskState;
  previousState: TaskState | null;
  origin: TaskOrigin;
  previousOrigin: TaskOrigin | null;
  /** Set once the task is terminal. */
  expiresAt: number | null;
  /** Next poll time while it runs. */
  dueAt: number;
}

/**
 * Puts a task in every index the feed reads: all tasks, by state, by appliance, by both,
 * by origin;
 * the poll schedule while it runs, the expiry schedule once it ends. The writes are
 * independent, so they go out together and cost one round trip of latency.
 */
export async function writeIndexes(store: Store, entry: IndexEntry): Promise<void> {
  const { applianceId, member, score, state, previousState } = entry;
  const writes = [
    store.indexAdd(TASK_KEYS.all, score, member),
    store.indexAdd(TASK_KEYS.byState(state), score, member),
    store.indexAdd(TASK_KEYS.byAppliance(applianceId), score, member),
    store.indexAdd(TASK_KEYS.byApplianceState(applianceId, state), score, member),
    store.indexAdd(TASK_KEYS.byOrigin(entry.origin), score, member),
  ];
  if (entry.previousOrigin !== null && entry.previousOrigin !== entry.origin) {
    writes.push(store.indexRemove(TASK_KEYS.byOrigin(entry.previousOrigin), member));
  }
  if (previousState !== null && previousState !== state) {
    writes.push(store.indexRemove(TASK_KEYS.byState(previousState), member));
    writes.push(store.indexRemove(TASK_KEYS.byApplianceState(applianceId, previousState), member));
  }
  if (entry.expiresAt === null) {
    writes.push(store.indexAdd(TASK_KEYS.active(applianceId), entry.dueAt, entry.taskId));
  } else {
    writes.push(store.indexRemove(TASK_KEYS.active(applianceId), entry.taskId));
    writes.push(store.indexAdd(TASK_KEYS.expiry, entry.expiresAt, member));
  }
  await Promise.all(writes);
}

/**
 * Removes a task from every index. With its last state known only its own state indexes
 * are touched; without it (the record already gone), every state's.
 */
export async function removeFromIndexes(
  store: Store,
  entry: Pick<IndexEntry, 'applianceId' | 'taskId' | 'member'>,
  lastState: TaskState | null,
): Promise<void> {
  const { applianceId, taskId, member } = entry;
  const states = lastState === null ? TASK_STATES : [lastState];
  await Promise.all([
    store.indexRemove(TASK_KEYS.all, member),
    store.indexRemove(TASK_KEYS.byOrigin('gateway'), member),
    store.indexRemove(TASK_KEYS.byOrigin('appliance'), member),
    store.indexRemove(TASK_KEYS.byAppliance(applianceId), member),
    store.indexRemove(TASK_KEYS.active(applianceId), taskId),
    store.indexRemove(TASK_KEYS.expiry, member),
    ...states.flatMap((state) => [
      store.indexRemove(TASK_KEYS.byState(state), member),
      store.indexRemove(TASK_KEYS.byApplianceState(applianceId, state), member),
    ]),
  ]);
}
