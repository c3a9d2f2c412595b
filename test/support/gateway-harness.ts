import { hashKey } from '../../src/auth/clients';
import { parseConfig } from '../../src/config/load-config';
import { startGateway } from '../../src/gateway';
import type { FeatureFactory } from '../../src/server/feature';
import type { GatewayHandle } from '../../src/gateway';
import { startSimulators } from '../../src/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../src/simulator';
import { captureLog } from './log-capture';
import { recordSecret, recordShown } from './secret-audit';
import type { CapturedLog } from './log-capture';
import { waitFor } from './simulator-client';
import { testRedisUrl, uniqueKeyPrefix } from './test-redis';
import { canWatch } from '../../src/tasks/appliance-tasks';
import { tasksFeature } from '../../src/tasks/tasks-feature';

/** The password every test simulator accepts, given to the gateway through the environment. */
export const SIM_PASSWORD = 'sim-password-7f3a';
/** The API key of the test client with every scope. */
export const ADMIN_KEY = 'test-admin-key-0c81d4';

/** A gateway started for a test, with its simulators; `close()` stops all exactly once. */
export interface TestGateway {
  gateway: GatewayHandle;
  url: string;
  simulators: SimulatorHandle[];
  log: CapturedLog;
  /** fetch on the gateway with the admin key. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** How to start a test gateway. */
export interface TestGatewayOptions {
  /** Version ranges of the simulators, one simulator each. */
  versions?: Array<[number, number]>;
  simulator?: SimulatorOptions;
  /** Reuse simulators started elsewhere instead of starting new ones. */
  simulators?: SimulatorHandle[];
  /** Appliance ids, in simulator order; default a, b, c... */
  ids?: string[];
  /** Use the test run's Redis (default) or the in-process store. */
  store?: 'redis' | 'memory';
  keyPrefix?: string;
  /** Merged into every appliance entry. */
  appliance?: Record<string, unknown>;
  /** Merged into the configuration, after everything else. */
  config?: Record<string, unknown>;
  /** Appliances without credentials (passthrough), by index. */
  passthrough?: number[];
  logLevel?: string;
  /** The features to run (the task watcher, the fleet face); all by default. */
  features?: FeatureFactory[];
}

/** Starts simulators and a gateway in front of them, on free loopback ports. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const versions = options.versions ?? [[120, 8600]];
  const simulators =
    options.simulators ??
    (await startSimulators(versions.length, {
      port: 0,
      versions,
      password: SIM_PASSWORD,
      ...options.simulator,
    }));
  const ids = options.ids ?? simulators.map((_, index) => String.fromCharCode(97 + index));
  const log = captureLog(options.logLevel ?? 'info');
  const quiet = wantsQuietWatcher(options);
  const syncsBefore = quiet ? simulators.map(countSyncs) : [];

  const loaded = parseConfig(
    {
      server: { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 2000 },
      store: {
        redisUrl: options.store === 'memory' ? null : testRedisUrl(),
        keyPrefix: options.keyPrefix ?? uniqueKeyPrefix('gw'),
      },
      appliances: simulators.map((simulator, index) => ({
        id: ids[index],
        url: simulator.url,
        ...(options.passthrough?.includes(index)
          ? {}
          : { credentials: { userName: 'Administrator', passwordEnv: 'TEST_SIM_PASSWORD' } }),
        ...options.appliance,
      })),
      auth: { mode: 'keys', clients: [{ id: 'admin', keySha256: hashKey(ADMIN_KEY) }] },
      // Out of the way of tests that send hundreds of requests; the rate limit tests set theirs.
      rateLimit: { perClientPerSecond: 1_000_000, burst: 1_000_000 },
      ...(quiet ? { tasks: { syncIntervalMs: QUIET_SYNC_INTERVAL_MS } } : {}),
      ...options.config,
    },
    { TEST_SIM_PASSWORD: SIM_PASSWORD },
  );
  const gateway = await startGateway(loaded, {
    logger: log.logger,
    ...(options.features ? { features: options.features } : {}),
  });
  if (quiet) await waitForFirstSync(gateway, simulators, syncsBefore);

  let closed: Promise<void> | undefined;
  return {
    gateway,
    url: gateway.url,
    simulators,
    log,
    fetch: async (path, init = {}) => {
      const response = await fetch(gateway.url + path, {
        ...init,
        headers: { 'x-api-key': ADMIN_KEY, ...(init.headers as Record<string, string>) },
      });
      recordAnswer(response);
      return response;
    },
    close() {
      closed ??= (async () => {
        recordSecret(SIM_PASSWORD);
        recordSecret(ADMIN_KEY);
        for (const appliance of gateway.registry.all()) recordSecret(appliance.sessions?.current());
        await gateway.close();
        if (!options.simulators) await Promise.all(simulators.map((s) => s.close()));
      })();
      return closed;
    },
  };
}

/** Keeps what a client was shown (headers and body) for the run's secret audit. */
export function recordAnswer(response: Response): void {
  const headers = JSON.stringify([...response.headers]);
  void response
    .clone()
    .text()
    .then(
      (body) => recordShown(`${headers}\n${body}`),
      () => recordShown(headers),
    );
}

/**
 * The task watcher reads every appliance's task list at start and then once per sync
 * interval. Tests that count or inspect an appliance's requests would see those reads at
 * random points, so unless a test sets its own `tasks` settings (or brings simulators that
 * other gateways may watch), the harness waits for that first read and pushes the next one
 * out of the test's way.
 */
const QUIET_SYNC_INTERVAL_MS = 3_600_000;

function wantsQuietWatcher(options: TestGatewayOptions): boolean {
  const watcherRuns = options.features?.includes(tasksFeature) ?? true;
  return watcherRuns && !options.simulators && options.config?.tasks === undefined;
}

function countSyncs(simulator: SimulatorHandle): number {
  return simulator.stats().requests.byRoute['GET /rest/tasks'] ?? 0;
}

async function waitForFirstSync(
  gateway: GatewayHandle,
  simulators: SimulatorHandle[],
  before: number[],
): Promise<void> {
  const watched = gateway.registry
    .all()
    .map((appliance, index) => ({
      appliance,
      simulator: simulators[index]!,
      before: before[index]!,
    }))
    .filter(({ appliance }) => canWatch(appliance));
  // An appliance the gateway found offline or incompatible is not synced at all.
  const settled = ({ appliance, simulator, before }: (typeof watched)[number]): boolean =>
    countSyncs(simulator) > before ||
    appliance.state === 'offline' ||
    appliance.state === 'incompatible';
  await waitFor(() => watched.every(settled) || undefined, 5000);
}

/** Reads a simulator's counters. */
export async function simStats(
  simulator: SimulatorHandle,
): Promise<ReturnType<SimulatorHandle['stats']>> {
  return Promise.resolve(simulator.stats());
}
