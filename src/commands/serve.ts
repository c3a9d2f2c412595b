import { loadConfig } from '../config/load-config';
import { startGateway } from '../gateway';
import type { GatewayHandle } from '../gateway';

/**
 * `ovgw serve`: the gateway until SIGTERM or SIGINT, which drain in-flight requests, log
 * out of appliance sessions, close the store and exit 0.
 */
export async function serve(options: { config?: string }): Promise<GatewayHandle> {
  const loaded = loadConfig({ configFile: options.config });
  const gateway = await startGateway(loaded);
  stopOnSignals(gateway);
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
