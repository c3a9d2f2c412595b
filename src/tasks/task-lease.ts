import type { Store } from '../store/store';
import { TASK_KEYS } from './task-keys';

/**
 * A lease in the store that one replica holds at a time: taken when free, renewed while
 * held, and lost to another replica when its holder stops renewing (it died or lost the
 * store). A holder that cannot reach the store treats the lease as lost at once, so two
 * replicas never work one appliance for longer than one round.
 */
export class TaskLease {
  #held = false;

  constructor(
    readonly store: Store,
    readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  /** True when this replica holds the lease for the next `ttlMs`. */
  async hold(): Promise<boolean> {
    const key = TASK_KEYS.lease(this.name);
    try {
      this.#held = this.#held
        ? await this.store.expireIfEquals(key, this.owner, this.ttlMs)
        : await this.store.setIfAbsent(key, this.owner, this.ttlMs);
    } catch {
      this.#held = false;
    }
    return this.#held;
  }

  /** True when the last `hold()` succeeded. */
  get held(): boolean {
    return this.#held;
  }

  /** Gives the lease up, so that another replica takes it without waiting for expiry. */
  async release(): Promise<void> {
    if (!this.#held) return;
    this.#held = false;
    await this.store.deleteIfEquals(TASK_KEYS.lease(this.name), this.owner).catch(() => false);
  }
}
