import type { GatewayHandle } from '../gateway';
import { reloadOnPrimaryRequest } from './cluster';
import { reloadConfig } from './reload-config';
import { watchFiles } from './watch-files';

/** What starts a reload of a served gateway. */
export interface ReloadTriggers {
  /** `--config`, as given at start: a reload reads the same files as the start did. */
  configFile?: string;
  /** The files read at start, watched when `watch` is true. */
  files: string[];
  /** `server.watchConfig`. */
  watch: boolean;
  /** True in a node:cluster worker: the primary relays SIGHUP as a message. */
  worker: boolean;
}

/**
 * Reloads the configuration on SIGHUP and, with `server.watchConfig`, when a config file
 * changes. Returns a function that ends reloading, called before the gateway closes so that
 * no reload builds appliances the close would miss. The SIGHUP handler stays: without one,
 * a hangup during the drain would end the process at once.
 */
export function startReloadTriggers(gateway: GatewayHandle, triggers: ReloadTriggers): () => void {
  let stopped = false;
  const reload = (): void => {
    if (stopped) return;
    gateway.log.info('reloading the configuration');
    reloadConfig(gateway, { configFile: triggers.configFile });
  };
  if (triggers.worker) reloadOnPrimaryRequest(reload);
  else process.on('SIGHUP', reload);
  const stopWatch = triggers.watch ? watchFiles(triggers.files, reload) : () => undefined;
  return () => {
    stopped = true;
    stopWatch();
  };
}
