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

/** The reload triggers of one process: they apply to the gateway once it is served. */
export interface ReloadControl {
  /** The gateway to reload; a trigger that came while it was starting applies now. */
  serve(gateway: GatewayHandle): void;
  /** Ends reloading; called before the gateway closes, so that no reload races the close. */
  stop(): void;
}

/**
 * Reloads the configuration on SIGHUP and, with `server.watchConfig`, when a config file
 * changes. Installed right after the configuration is read and before the gateway starts:
 * a SIGHUP without a handler would end the process, and an edit made while the gateway
 * starts would otherwise be taken for the starting content and never applied. The SIGHUP
 * handler stays after `stop()`: without one, a hangup during the drain would end the
 * process at once.
 */
export function startReloadTriggers(triggers: ReloadTriggers): ReloadControl {
  let gateway: GatewayHandle | undefined;
  let pending = false;
  let stopped = false;
  const reload = (): void => {
    if (stopped) return;
    if (!gateway) {
      pending = true;
      return;
    }
    gateway.log.info('reloading the configuration');
    reloadConfig(gateway, { configFile: triggers.configFile });
  };

  if (triggers.worker) reloadOnPrimaryRequest(reload);
  else process.on('SIGHUP', reload);
  const stopWatch = triggers.watch ? watchFiles(triggers.files, reload) : () => undefined;

  return {
    serve(served) {
      gateway = served;
      if (pending) reload();
    },
    stop() {
      stopped = true;
      stopWatch();
    },
  };
}
