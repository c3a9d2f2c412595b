import { ApplianceRegistry } from './appliances/registry';
import { VersionCache } from './appliances/version-cache';
import { ClientDirectory } from './auth/clients';
import { RateLimits } from './auth/rate-limits';
import { SDK_SESSION_DEFAULTS, SdkSessions } from './auth/sdk-sessions';
import type { LoadedConfig } from './config/load-config';
import type { GatewayConfig } from './config/schema';
import { createApplianceFace } from './faces/appliance-face';
import type { FaceDeps } from './faces/request-context';
import { createLogger, createRequestLogger } from './observability/logger';
import type { Logger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import type { Metrics } from './observability/metrics';
import { createApp } from './server/create-app';
import { createFront } from './server/create-front';
import {
  configuredCertificate,
  createServer,
  drain,
  hostForUrl,
  listen,
} from './server/http-servers';
import { drainSdkListeners, startSdkListeners } from './server/sdk-listeners';
import { combineHooks } from './server/feature';
import type { FeatureFactory, GatewayContext } from './server/feature';
import { FEATURES } from './features';
import { createStore } from './store/create-store';
import { RedisStore } from './store/redis-store';
import type { Store } from './store/store';

/** A running gateway. `close()` drains, logs out and closes the store, exactly once. */
export interface GatewayHandle {
  url: string;
  port: number;
  /** The URL of each appliance served on its own `sdkPort`, by appliance id. */
  sdkPorts: Record<string, string>;
  config: GatewayConfig;
  registry: ApplianceRegistry;
  /** The API clients; a reload replaces what it holds (server/reload-config.ts). */
  clients: ClientDirectory;
  store: Store;
  metrics: Metrics;
  log: Logger;
  close(): Promise<void>;
}

/** What may be given besides the configuration (tests pass their own logger). */
export interface StartOptions {
  logger?: Logger;
  /** The features to run; all of FEATURES by default. */
  features?: FeatureFactory[];
}

/** Starts the gateway on its configured host and port. */
export async function startGateway(
  loaded: LoadedConfig,
  options: StartOptions = {},
): Promise<GatewayHandle> {
  const { config } = loaded;
  const log = options.logger ?? createLogger(config.logging.level);
  const metrics = createMetrics();
  const store = await openStore(config, log);

  const versions = new VersionCache(
    store,
    { ttlMs: config.apiVersion.cacheTtlSeconds * 1000 },
    metrics,
    log,
  );
  await versions
    .start()
    .catch((error: unknown) => log.warn({ err: error }, 'no version invalidations'));
  const registry = new ApplianceRegistry(config, {
    versions,
    metrics,
    log,
    passwords: loaded.passwords,
  });
  const clients = new ClientDirectory(config.auth);
  const rateLimits = new RateLimits(config.rateLimit, store, log);
  rateLimits.start();
  const sdkSessions = new SdkSessions(store, SDK_SESSION_DEFAULTS, log);
  await sdkSessions
    .start()
    .catch((error: unknown) => log.warn({ err: error }, 'no session ends from other replicas'));
  const context: GatewayContext = {
    config,
    store,
    registry,
    clients,
    rateLimits,
    log,
    requestLog: createRequestLogger(log),
    metrics,
    hooks: {},
  };
  const features = (options.features ?? FEATURES).map((create) => create(context));
  const deps: FaceDeps = { ...context, hooks: combineHooks(features, context.hooks) };

  const mounts = features.flatMap((feature) =>
    feature.mount ? [feature.mount.bind(feature)] : [],
  );
  const app = createApp({ ...deps, store }, mounts);
  const certificate = configuredCertificate(config);
  const front = createFront(createApplianceFace(deps), app);
  const server = createServer(config, front, certificate);
  for (const feature of features) await feature.start?.();
  const port = await listen(server, config.server.host, config.server.port);
  const scheme = certificate ? 'https' : 'http';
  const url = `${scheme}://${hostForUrl(config.server.host)}:${port}`;
  const sdkListeners = await startSdkListeners({ ...deps, sdkSessions });
  log.info({ url, appliances: registry.all().length, store: store.kind }, 'gateway listening');
  if (registry.all().length === 0) log.warn('no appliances configured: add appliances[]');
  if (config.auth.mode === 'keys' && config.auth.clients.length === 0) {
    log.warn('no API clients configured: every request that needs a key is refused (401)');
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const drained = Promise.all([
        drain(server, config.server.shutdownTimeoutMs),
        drainSdkListeners(sdkListeners, config.server.shutdownTimeoutMs),
      ]);
      // Logged once the port is closed: from this line on, new connections are refused.
      log.info('shutting down: draining in-flight requests');
      // Features end their long-lived answers (event streams) so that draining can finish.
      for (const feature of features) await feature.stop?.();
      await drained;
      await registry.close();
      await rateLimits.stop();
      await sdkSessions.stop();
      await versions.stop();
      await store.close();
      log.info('gateway stopped');
    })();
    return closing;
  };

  const sdkPorts = Object.fromEntries(sdkListeners.map((l) => [l.applianceId, l.url]));
  return { url, port, sdkPorts, config, registry, clients, store, metrics, log, close };
}

async function openStore(config: GatewayConfig, log: Logger): Promise<Store> {
  const store = createStore({
    ...config.store,
    onStatus: (status, error) => {
      if (status === 'up') log.info('store connected');
      else log.warn({ err: error }, 'store unavailable; serving from process memory');
    },
  });
  if (store instanceof RedisStore) {
    const ready = await store.waitUntilReady(2000);
    if (!ready) log.warn('store not reachable at start; the gateway serves without it until it is');
  } else {
    log.info('no store.redisUrl: in-process store, single-instance mode');
  }
  return store;
}
