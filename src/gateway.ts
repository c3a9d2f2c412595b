import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ApplianceRegistry } from './appliances/registry';
import { VersionCache } from './appliances/version-cache';
import { ClientDirectory } from './auth/clients';
import type { LoadedConfig } from './config/load-config';
import type { GatewayConfig } from './config/schema';
import { createApplianceFace } from './faces/appliance-face';
import type { FaceDeps } from './faces/request-context';
import { createLogger } from './observability/logger';
import type { Logger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import type { Metrics } from './observability/metrics';
import { checkExposure } from './server/check-exposure';
import { createApp } from './server/create-app';
import { createFront } from './server/create-front';
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
  checkExposure(config);
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
  const context: GatewayContext = {
    config,
    store,
    registry,
    clients,
    log,
    metrics,
    hooks: {},
  };
  const features = (options.features ?? FEATURES).map((create) => create(context));
  const deps: FaceDeps = { ...context, hooks: combineHooks(features, context.hooks) };

  const mounts = features.flatMap((feature) =>
    feature.mount ? [feature.mount.bind(feature)] : [],
  );
  const app = createApp({ ...deps, store }, mounts);
  const server = createServer(config, createFront(createApplianceFace(deps), app));
  for (const feature of features) await feature.start?.();
  const port = await listen(server, config.server.host, config.server.port);
  const scheme = config.server.tls.certFile ? 'https' : 'http';
  const url = `${scheme}://${hostForUrl(config.server.host)}:${port}`;
  log.info({ url, appliances: registry.all().length, store: store.kind }, 'gateway listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const drained = drain(server, config.server.shutdownTimeoutMs);
      // Logged once the port is closed: from this line on, new connections are refused.
      log.info('shutting down: draining in-flight requests');
      // Features end their long-lived answers (event streams) so that draining can finish.
      for (const feature of features) await feature.stop?.();
      await drained;
      await registry.close();
      await versions.stop();
      await store.close();
      log.info('gateway stopped');
    })();
    return closing;
  };

  return { url, port, config, registry, clients, store, metrics, log, close };
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

function createServer(config: GatewayConfig, listener: http.RequestListener): Server {
  const options: http.ServerOptions = {
    maxHeaderSize: config.server.maxHeaderBytes,
    headersTimeout: config.server.headersTimeoutMs,
    requestTimeout: config.server.requestTimeoutMs,
    keepAliveTimeout: config.server.keepAliveTimeoutMs,
  };
  const { certFile, keyFile } = config.server.tls;
  if (certFile && keyFile) {
    return https.createServer(
      {
        ...options,
        cert: readFileSync(certFile),
        key: readFileSync(keyFile),
        minVersion: 'TLSv1.2',
      },
      listener,
    );
  }
  return http.createServer(options, listener);
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** How often, while draining, connections whose last answer has ended are closed. */
const DRAIN_IDLE_CHECK_MS = 50;

/** Stops accepting, lets in-flight requests finish, and cuts what is left at the timeout. */
async function drain(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A keep-alive connection whose request ends during the drain would otherwise stay open
  // until the client drops it or keepAliveTimeoutMs passes, holding the exit back; Node
  // closes idle connections only once, when close() is called.
  const idle = setInterval(() => server.closeIdleConnections(), DRAIN_IDLE_CHECK_MS);
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearInterval(idle);
  clearTimeout(timer);
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
