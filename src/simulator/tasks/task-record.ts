/** The terminal states a task can be made to reach (the `taskOutcome` fault). */
export type TaskOutcome = 'Completed' | 'Warning' | 'Error';

/** `associatedResource` of a task: the resource it creates, changes or removes. */
export interface AssociatedResource {
  resourceName: string;
  resourceUri: string;
  resourceCategory: string;
  associationType: string;
}

/** What a handler decides about a task it starts. */
export interface TaskPlan {
  /** Task name; deletes are `Delete`, which oneview-python's task monitor relies on. */
  name: string;
  resource: AssociatedResource;
  /** `taskStatus` while running, on success and on failure. */
  statuses: { running: string; done: string; failed: string };
  /** `progressUpdates` texts, spread evenly over the task's duration. */
  steps: readonly string[];
  /** errorCode of the task error when the outcome is Error. */
  errorCode: string;
  cancellable: boolean;
  /** The change the task makes, applied once when it succeeds. */
  apply?: () => void;
}

/** A task as stored: its plan plus when it started and how it will end. */
export interface TaskRecord extends TaskPlan {
  id: string;
  owner: string;
  createdMs: number;
  durationMs: number;
  outcome: TaskOutcome;
  /** When a cancel was requested (PATCH), if ever. */
  cancelledMs: number | undefined;
  /** `id` of the first progress update; the next ones count up from it. */
  firstUpdateId: number;
}

/** How long a cancelled task stays `Cancelling` before it is `Terminated`. */
export const CANCEL_MS = 200;

/** Tells whether the task has reached a terminal state at `now`. */
export function isTerminalAt(task: TaskRecord, now: number): boolean {
  if (task.cancelledMs !== undefined) return now >= task.cancelledMs + CANCEL_MS;
  return now >= task.createdMs + task.durationMs;
}
