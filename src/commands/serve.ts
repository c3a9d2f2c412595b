import { loadConfig } from '../config/load-config';
import { startGateway } from '../gateway';
import type { GatewayHandle } from '../gateway';
import { createLogger } from '../observability/logger';
import { isWorker, runPrimary, shouldFork, stopOnPrimaryRequest } from '../server/cluster';
import { startReloadTriggers } from '../server/reload-triggers';

/**
 * `ovgw serve`: the gateway until SIGTERM or SIGINT, which drain in-flight requests, log
 * out of appliance sessions, close the store and exit 0. SIGHUP (and, with
 * `server.watchConfig`, an edit of a config file) reloads the configuration. With
 * `server.workers` above 1 this process forks the workers, which run the gateway, and
 * returns null.
 */
export async function serve(options: { config?: string }): Promise<GatewayHandle | null> {
  const loaded = loadConfig({ configFile: options.config });
  const { server, logging } = loaded.config;
  if (shouldFork(server.workers)) {
    const log = createLogger(logging.level);
    runPrimary({ workers: server.workers, shutdownTimeoutMs: server.shutdownTimeoutMs, log });
    return null;
  }
  const reloading = startReloadTriggers({
    configFile: options.config,
    files: loaded.files,
    watch: server.watchConfig,
    worker: isWorker(),
  });
  const gateway = await startGateway(loaded);
  reloading.serve(gateway);
  const stoppable = {
    close: (): Promise<void> => {
      reloading.stop();
      return gateway.close();
    },
  };
  if (isWorker()) stopOnPrimaryRequest(stoppable);
  else stopOnSignals(stoppable);
  return gateway;
}

/** Closes the gateway on SIGTERM or SIGINT and exits 0; a second signal exits at once. */
export function stopOnSignals(gateway: { close(): Promise<void> }): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
