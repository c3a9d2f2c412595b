import pLimit from 'p-limit';

/** Thrown when an appliance's queue is full. */
export class BulkheadFullError extends Error {
  constructor() {
    super('bulkhead full');
    this.name = 'BulkheadFullError';
  }
}

/** What can end a wait for a slot: the request's deadline. */
export interface WaitLimit {
  race<T>(pending: Promise<T>): Promise<T>;
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

  /**
   * Runs work when a slot is free; rejects with BulkheadFullError when the queue is full,
   * and with the limit's reason when `waitLimit` ends the wait first (the work never runs).
   */
  run<T>(work: () => Promise<T>, waitLimit?: WaitLimit): Promise<T> {
    if (this.#limit.activeCount + this.#limit.pendingCount >= this.#capacity) {
      return Promise.reject(new BulkheadFullError());
    }
    this.#entered += 1;
    return this.#runInSlot(work, waitLimit).finally(() => this.#leave());
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

  async #runInSlot<T>(work: () => Promise<T>, waitLimit: WaitLimit | undefined): Promise<T> {
    const slot = this.#acquire();
    let release: () => void;
    try {
      release = await (waitLimit ? waitLimit.race(slot) : slot);
    } catch (error) {
      // Given up while queued: the slot is freed as soon as it comes.
      void slot.then((free) => free());
      throw error;
    }
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Waits for a slot; resolves with the function that frees it. */
  #acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      void this.#limit(() => new Promise<void>((free) => resolve(() => free())));
    });
  }

  #leave(): void {
    this.#entered -= 1;
    if (this.#entered > 0) return;
    for (const waiter of [...this.#idleWaiters]) waiter();
  }
}
