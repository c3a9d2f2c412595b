import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { Appliance } from '../appliances/appliance';
import type { ApplianceRegistry } from '../appliances/registry';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { canWatch } from './appliance-tasks';
import { pollDueTasks } from './poll-tasks';
import { sweepExpired } from './sweep-expired';
import { syncRecentTasks } from './sync-tasks';
import { forgetTaskCounts, recordTaskCounts } from './task-gauge';
import { TaskLease } from './task-lease';
import type { TaskStore } from './task-store';
import type { WatchContext } from './watch-context';

/** What the watcher needs from the gateway. */
export interface WatcherDeps {
  registry: ApplianceRegistry;
  tasks: TaskStore;
  log: Logger;
  metrics: Metrics;
}

/** `tasks.pollIntervalMs` and `tasks.syncIntervalMs`. */
export interface WatcherSettings {
  pollIntervalMs: number;
  syncIntervalMs: number;
}

/** Appliances worked on at once by one replica. */
const APPLIANCE_CONCURRENCY = 16;
/** The lease of the sweep of expired tasks, beside the appliances' leases. */
const SWEEP = '_sweep';

/**
 * Keeps the feed current. Every round (the shorter of the two intervals) it takes or renews
 * a lease per appliance; for each appliance it holds, it polls the running tasks that are
 * due and, once per sync interval, reads what changed in the appliance's task list. With
 * several replicas on one store each appliance is worked by one of them; a lease that is
 * not renewed (its replica died) expires and another replica takes it on its next round.
 */
export class TaskWatcher {
  readonly #deps: WatcherDeps;
  readonly #settings: WatcherSettings;
  readonly #owner = randomUUID();
  readonly #leases = new Map<string, TaskLease>();
  readonly #nextSync = new Map<string, number>();
  readonly #context: WatchContext;
  readonly #roundMs: number;
  readonly #limit = pLimit(APPLIANCE_CONCURRENCY);
  /** Appliances whose work is in flight: a slow one skips rounds, the others go on. */
  readonly #busy = new Map<string, Promise<void>>();
  readonly #leaseMs: number;
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;

  constructor(deps: WatcherDeps, settings: WatcherSettings) {
    this.#deps = deps;
    this.#settings = settings;
    this.#roundMs = Math.min(settings.pollIntervalMs, settings.syncIntervalMs);
    this.#leaseMs = Math.min(30_000, Math.max(2_000, this.#roundMs * 5));
    this.#context = {
      registry: deps.registry,
      tasks: deps.tasks,
      log: deps.log,
      pollIntervalMs: settings.pollIntervalMs,
      callTimeoutMs: Math.floor(this.#leaseMs / 2),
      unchanged: new Map(),
    };
  }

  /** The lease time: how long a dead replica's appliances wait for another to take them. */
  get leaseMs(): number {
    return this.#leaseMs;
  }

  /** Starts the rounds; the first runs at once. */
  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Stops the rounds, waits for work in flight, and gives the leases up for others. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await Promise.all(this.#busy.values());
    await Promise.all([...this.#leases.values()].map((lease) => lease.release()));
  }

  /**
   * Starts a round: each appliance not still busy with the last one gets its turn, and the
   * leases of those still busy are renewed, so that a slow appliance's long round does not
   * let its lease lapse and another replica watch it at the same time.
   */
  async runRound(): Promise<void> {
    const watchable = this.#deps.registry.all().filter(canWatch);
    await this.#releaseGone(new Set(watchable.map((appliance) => appliance.id)));
    for (const appliance of watchable) {
      if (this.#busy.has(appliance.id)) {
        void this.#renew(appliance);
        continue;
      }
      const work = this.#limit(() => this.#watch(appliance)).finally(() =>
        this.#busy.delete(appliance.id),
      );
      this.#busy.set(appliance.id, work);
    }
    await this.#sweep();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.runRound()
        .catch((error: unknown) =>
          this.#deps.log.error({ err: error }, 'task watcher round failed'),
        )
        .finally(() => this.#schedule(this.#roundMs));
    }, delayMs);
    this.#timer.unref();
  }

  async #watch(appliance: Appliance): Promise<void> {
    const lease = this.#lease(appliance.id);
    const wasHeld = lease.held;
    if (!(await lease.hold())) {
      if (wasHeld) this.#lost(appliance);
      return;
    }
    if (!wasHeld) appliance.log.info({ leaseMs: this.#leaseMs }, 'watching tasks');
    try {
      await pollDueTasks(this.#context, appliance);
      if (Date.now() >= (this.#nextSync.get(appliance.id) ?? 0)) {
        this.#nextSync.set(appliance.id, Date.now() + this.#settings.syncIntervalMs);
        await syncRecentTasks(this.#context, appliance);
        await recordTaskCounts(this.#deps.tasks.store, this.#deps.metrics, appliance.id);
      }
    } catch (error) {
      appliance.log.debug({ err: error }, 'task watch round failed; trying next round');
    }
  }

  async #renew(appliance: Appliance): Promise<void> {
    const lease = this.#leases.get(appliance.id);
    if (lease?.held && !(await lease.hold())) this.#lost(appliance);
  }

  #lost(appliance: Appliance): void {
    appliance.log.info('no longer watching tasks: another replica holds the lease');
    this.#forget(appliance.id);
  }

  /**
   * Gives up the leases of appliances a reload removed (or made passthrough), so that a
   * replica still configured with them takes them at once rather than after expiry.
   */
  async #releaseGone(watchable: Set<string>): Promise<void> {
    for (const [name, lease] of this.#leases) {
      if (name === SWEEP || watchable.has(name) || this.#busy.has(name)) continue;
      this.#leases.delete(name);
      this.#forget(name);
      await lease.release();
    }
  }

  #forget(applianceId: string): void {
    this.#nextSync.delete(applianceId);
    forgetTaskCounts(this.#deps.metrics, applianceId);
    for (const key of this.#context.unchanged.keys()) {
      if (key.startsWith(`${applianceId}:`)) this.#context.unchanged.delete(key);
    }
  }

  async #sweep(): Promise<void> {
    const lease = this.#lease(SWEEP);
    if (Date.now() < (this.#nextSync.get(SWEEP) ?? 0) || !(await lease.hold())) return;
    this.#nextSync.set(SWEEP, Date.now() + this.#settings.syncIntervalMs);
    await sweepExpired(this.#deps.tasks.store, Date.now()).catch((error: unknown) =>
      this.#deps.log.debug({ err: error }, 'task sweep failed; trying next round'),
    );
  }

  #lease(name: string): TaskLease {
    let lease = this.#leases.get(name);
    if (!lease) {
      lease = new TaskLease(this.#deps.tasks.store, name, this.#owner, this.#leaseMs);
      this.#leases.set(name, lease);
    }
    return lease;
  }
}
