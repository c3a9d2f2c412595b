import pLimit from 'p-limit';

/** Thrown when an appliance's queue is full. */
export class BulkheadFullError extends Error {
  constructor() {
    super('bulkhead full');
    this.name = 'BulkheadFullError';
  }
}

/**
 * At most `maxConcurrent` requests in flight to one appliance and at most `maxQueued`
 * waiting; past that, callers are refused at once, so that one slow appliance never holds
 * the gateway's sockets and memory for the others.
 */
export class Bulkhead {
  readonly #limit: pLimit.Limit;
  readonly #capacity: number;
  /** Calls admitted and not yet settled (running or queued), for `whenIdle`. */
  #entered = 0;
  readonly #idleWaiters = new Set<() => void>();

  constructor(maxConcurrent: number, maxQueued: number) {
    this.#limit = pLimit(maxConcurrent);
    this.#capacity = maxConcurrent + maxQueued;
  }

  get active(): number {
    return this.#limit.activeCount;
  }

  get queued(): number {
    return this.#limit.pendingCount;
  }

  /** Runs work when a slot is free; rejects with BulkheadFullError when the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#limit.activeCount + this.#limit.pendingCount >= this.#capacity) {
      return Promise.reject(new BulkheadFullError());
    }
    this.#entered += 1;
    return this.#limit(work).finally(() => this.#leave());
  }

  /**
   * Resolves true once nothing runs or waits, or false after `timeoutMs` with calls still
   * in flight (an appliance removed by a reload waits here before its pool is closed).
   */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.#entered === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean): void => {
        clearTimeout(timer);
        this.#idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#idleWaiters.add(onIdle);
    });
  }

  #leave(): void {
    this.#entered -= 1;
    if (this.#entered > 0) return;
    for (const waiter of [...this.#idleWaiters]) waiter();
  }
}
