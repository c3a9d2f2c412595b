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
    return this.#limit(work);
  }
}
