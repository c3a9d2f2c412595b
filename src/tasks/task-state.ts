/** A task's state as the gateway reports it, whatever the appliance's release (SPEC 6). */
export type TaskState =
  'queued' | 'running' | 'completed' | 'warning' | 'failed' | 'cancelled' | 'unknown';

/** Every normalized state, in the order a task usually goes through them. */
export const TASK_STATES: readonly TaskState[] = [
  'queued',
  'running',
  'completed',
  'warning',
  'failed',
  'cancelled',
  'unknown',
];

/** A OneView `taskState` read as the gateway's state, and whether it is final. */
export interface MappedTaskState {
  state: TaskState;
  terminal: boolean;
}

const STATE_OF: Readonly<Record<string, TaskState>> = {
  New: 'queued',
  Pending: 'queued',
  Starting: 'queued',
  Adding: 'queued',
  Running: 'running',
  Suspended: 'running',
  Stopping: 'running',
  Cancelling: 'running',
  Completed: 'completed',
  Warning: 'warning',
  Error: 'failed',
  Interrupted: 'failed',
  Terminated: 'cancelled',
  Killed: 'cancelled',
};

const TERMINAL: ReadonlySet<TaskState> = new Set(['completed', 'warning', 'failed', 'cancelled']);

/**
 * Maps a OneView `taskState` onto the gateway's states. Values no release documents
 * (`Unknown` included) map to `unknown` and are not terminal, so the task stays watched
 * until the appliance says something the gateway understands.
 */
export function mapTaskState(taskState: unknown): MappedTaskState {
  const state =
    typeof taskState === 'string' && Object.hasOwn(STATE_OF, taskState)
      ? (STATE_OF[taskState] ?? 'unknown')
      : 'unknown';
  return { state, terminal: TERMINAL.has(state) };
}

/** Tells whether a text names a normalized state (for query parameters). */
export function isTaskState(value: string): value is TaskState {
  return (TASK_STATES as readonly string[]).includes(value);
}
