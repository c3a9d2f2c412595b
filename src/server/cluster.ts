import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import type { Logger } from '../observability/logger';

/** The message a primary sends a worker to drain and exit. */
const STOP_MESSAGE = 'ovgw:stop';
/** The message a primary sends every worker on SIGHUP: reload the configuration. */
const RELOAD_MESSAGE = 'ovgw:reload';
/** Time a worker is given beyond its own shutdown timeout before it is killed. */
const KILL_GRACE_MS = 5000;
/** A worker that dies within this time of its start is failing, not crashing once. */
const STARTUP_WINDOW_MS = 10_000;

/** How the primary runs its workers. */
export interface PrimaryOptions {
  workers: number;
  /** `server.shutdownTimeoutMs`: how long a worker may drain before it is killed. */
  shutdownTimeoutMs: number;
  log: Logger;
}

/** True when `server.workers` asks for more than one process and this one is the primary. */
export function shouldFork(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}

/** True in a process forked by `runPrimary`. */
export function isWorker(): boolean {
  return cluster.isWorker;
}

/**
 * The primary of `server.workers > 1`: forks the workers, which share the listening port
 * through node:cluster and each run a whole gateway. SIGTERM and SIGINT are relayed to every
 * worker as a stop message (a Ctrl-C reaches the workers too, and a signal twice would cut
 * their drain short); the primary exits once all have stopped, 0 when all exited cleanly.
 * A worker that dies later is forked again; one that dies while starting stops the lot,
 * since its siblings would fail the same way.
 */
export function runPrimary(options: PrimaryOptions): void {
  const { log } = options;
  const started = new Map<Worker, number>();
  let stopping = false;
  let failed = false;

  const fork = (): void => {
    const worker = cluster.fork();
    started.set(worker, Date.now());
  };

  cluster.on('exit', (worker, code, signal) => {
    const startedAt = started.get(worker) ?? 0;
    started.delete(worker);
    if (code !== 0) failed = true;
    if (stopping) {
      if (started.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'gateway worker exited');
    if (Date.now() - startedAt < STARTUP_WINDOW_MS) {
      log.error('a worker failed while starting; stopping every worker');
      stop();
      return;
    }
    fork();
  });

  const stop = (): void => {
    if (stopping) {
      // A second signal: the operator does not want to wait for the drain.
      for (const worker of started.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    if (started.size === 0) process.exit(failed ? 1 : 0);
    for (const worker of started.keys()) worker.send(STOP_MESSAGE);
    setTimeout(() => {
      for (const worker of started.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, options.shutdownTimeoutMs + KILL_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Each worker runs its own gateway, so each reloads its own configuration.
  process.on('SIGHUP', () => {
    for (const worker of started.keys()) worker.send(RELOAD_MESSAGE);
  });

  log.info({ workers: options.workers }, 'starting gateway workers');
  for (let index = 0; index < options.workers; index += 1) fork();
}

/**
 * In a worker: drains the gateway and exits when the primary asks, or when the primary is
 * gone. Signals are left to the primary: a Ctrl-C reaches the whole process group, and the
 * worker must not stop twice.
 */
export function stopOnPrimaryRequest(gateway: { close(): Promise<void> }): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => undefined);
  process.on('SIGINT', () => undefined);
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) stop();
  });
  process.on('disconnect', stop);
}

/**
 * In a worker: reloads when the primary relays a SIGHUP. The signal itself is ignored
 * here, since a hangup sent to the whole process group would otherwise reload twice.
 */
export function reloadOnPrimaryRequest(reload: () => void): void {
  process.on('SIGHUP', () => undefined);
  process.on('message', (message) => {
    if (message === RELOAD_MESSAGE) reload();
  });
}
