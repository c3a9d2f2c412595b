import type { TaskEventLog } from './task-events';
import type { NormalizedTask } from './task-types';

/** What a long poll waits with. */
export interface TaskWait {
  events: TaskEventLog;
  /** The task as first read. */
  initial: NormalizedTask;
  /** Reads the task again (after listening starts, so that no change falls between). */
  reread: () => Promise<NormalizedTask | null>;
  waitMs: number;
  /** Aborted when the client hangs up. */
  signal: AbortSignal;
}

/**
 * Holds a `?wait=N` request until the task is terminal, the wait ends or the client goes:
 * it wakes on the task's own events (from whichever replica saw the change), never by
 * reading the store in a loop. Resolves with the newest state seen, never rejects.
 */
export function waitForTask(wait: TaskWait): Promise<NormalizedTask> {
  const { events, initial, signal } = wait;
  if (initial.terminal || wait.waitMs <= 0 || signal.aborted) return Promise.resolve(initial);

  return new Promise((resolve) => {
    let latest = initial;
    const offer = (task: NormalizedTask): void => {
      if (task.modified >= latest.modified || task.terminal) latest = task;
      if (latest.terminal) finish();
    };
    const stopListening = events.listen((event) => {
      if (event.task.id === initial.id) offer(event.task);
    });
    const timer = setTimeout(finish, wait.waitMs);
    signal.addEventListener('abort', finish, { once: true });
    function finish(): void {
      clearTimeout(timer);
      stopListening();
      signal.removeEventListener('abort', finish);
      resolve(latest);
    }

    wait
      .reread()
      .then((task) => {
        if (task) offer(task);
      })
      .catch(() => undefined);
  });
}
