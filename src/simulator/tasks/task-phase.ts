import { CANCEL_MS, type TaskRecord } from './task-record';

/** The time-dependent part of a task: what a GET at `now` shows. */
export interface TaskPhase {
  taskState: string;
  stateReason: string;
  percentComplete: number;
  terminal: boolean;
  modifiedMs: number;
  /** Progress updates issued so far. */
  stepsDone: number;
  /** Changes with every visible change, so If-None-Match answers 304 only when nothing moved. */
  eTag: string;
}

/**
 * Computes a task's state from the clock alone (no timer per task): `Starting` briefly,
 * then `Running` with `percentComplete` rising linearly over its duration, then its
 * outcome at 100 %. A cancelled task is `Cancelling`, then `Terminated`.
 */
export function computePhase(task: TaskRecord, now: number): TaskPhase {
  if (task.cancelledMs !== undefined) return computeCancelled(task, task.cancelledMs, now);
  const elapsed = now - task.createdMs;
  if (elapsed >= task.durationMs) return computeOutcome(task);
  const percent = percentAt(task, elapsed);
  const starting = percent === 0;
  return {
    taskState: starting ? 'Starting' : 'Running',
    stateReason: starting ? 'Starting' : 'Running',
    percentComplete: percent,
    terminal: false,
    modifiedMs: task.createdMs + Math.floor((percent * task.durationMs) / 100),
    stepsDone: stepsBefore(task, elapsed),
    eTag: String(1 + percent),
  };
}

function percentAt(task: TaskRecord, elapsed: number): number {
  const startWindow = Math.min(100, task.durationMs / 10);
  if (elapsed < startWindow) return 0;
  return Math.max(1, Math.min(99, Math.floor((elapsed * 100) / task.durationMs)));
}

function stepsBefore(task: TaskRecord, elapsed: number): number {
  const count = task.steps.length;
  if (count === 0) return 0;
  return Math.min(count, Math.floor((elapsed * count) / Math.max(1, task.durationMs)) + 1);
}

function computeOutcome(task: TaskRecord): TaskPhase {
  const failed = task.outcome === 'Error';
  return {
    taskState: task.outcome,
    stateReason: failed ? 'ValidationError' : 'Completed',
    percentComplete: 100,
    terminal: true,
    modifiedMs: task.createdMs + task.durationMs,
    stepsDone: task.steps.length,
    eTag: '101',
  };
}

function computeCancelled(task: TaskRecord, cancelledMs: number, now: number): TaskPhase {
  const before = computePhase({ ...task, cancelledMs: undefined }, cancelledMs);
  if (now < cancelledMs + CANCEL_MS) {
    return {
      ...before,
      taskState: 'Cancelling',
      stateReason: 'Cancelling',
      modifiedMs: cancelledMs,
      eTag: '102',
    };
  }
  return {
    ...before,
    taskState: 'Terminated',
    stateReason: 'Cancelled',
    percentComplete: 100,
    terminal: true,
    modifiedMs: cancelledMs + CANCEL_MS,
    eTag: '103',
  };
}
