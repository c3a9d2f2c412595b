import type { FailNext, FailureBody } from './faults';
import type { TaskOutcome } from './tasks/task-record';

/** A failure to inject into one request. */
export interface Failure {
  status: number;
  body: FailureBody;
}

/** The faults in force; cleared by a reset. */
export class FaultState {
  latencyMs: number;
  taskOutcome: TaskOutcome | undefined = undefined;
  private failNext: (Required<Omit<FailNext, 'path'>> & { path?: string }) | undefined;

  constructor(private readonly initialLatencyMs: number) {
    this.latencyMs = initialLatencyMs;
  }

  /** Arms `failNext`, replacing any earlier one. */
  armFailure(failNext: FailNext): void {
    this.failNext = {
      count: failNext.count ?? 1,
      status: failNext.status ?? 500,
      body: failNext.body ?? 'json',
      path: failNext.path,
    };
  }

  /** Takes one failure for a request to `path`, if one is armed for it. */
  takeFailure(method: string, path: string): Failure | undefined {
    const armed = this.failNext;
    if (armed === undefined) return undefined;
    const applies =
      armed.path === undefined
        ? !(method === 'GET' && path === '/rest/version')
        : path.startsWith(armed.path);
    if (!applies) return undefined;
    armed.count -= 1;
    if (armed.count <= 0) this.failNext = undefined;
    return { status: armed.status, body: armed.body };
  }

  /** What is in force, for `GET /_sim/faults`. */
  describe(): Record<string, unknown> {
    return {
      latencyMs: this.latencyMs,
      taskOutcome: this.taskOutcome ?? null,
      failNext: this.failNext ?? null,
    };
  }

  /** Back to no faults. */
  reset(): void {
    this.latencyMs = this.initialLatencyMs;
    this.taskOutcome = undefined;
    this.failNext = undefined;
  }
}
