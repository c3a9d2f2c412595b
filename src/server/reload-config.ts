import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import type { LoadOptions, LoadedConfig } from '../config/load-config';
import { copyReloadableKeys, keysNeedingRestart } from '../config/reloadable-keys';
import type { RegistryChanges } from '../appliances/registry';
import type { GatewayHandle } from '../gateway';

/** The parts of a running gateway a reload changes. */
export type ReloadTarget = Pick<GatewayHandle, 'config' | 'registry' | 'clients' | 'log'>;

/** How a reload ended. */
export type ReloadResult =
  | {
      ok: true;
      added: string[];
      removed: string[];
      changed: string[];
      /** Changed keys left at their running values until a restart. */
      needsRestart: string[];
      /** Settles once removed and replaced appliances have drained and logged out. */
      retired: Promise<void>;
    }
  | { ok: false; problems: string[] };

/**
 * Reads the configuration again (the same files and environment as at start) and applies
 * it: appliances added, removed or changed, API clients replaced, the reloadable keys
 * copied (config/reloadable-keys.ts). A configuration with any problem is refused as a
 * whole, with the one-line problems `ovgw check-config` prints, and the running one stays.
 */
export function reloadConfig(gateway: ReloadTarget, options: LoadOptions = {}): ReloadResult {
  const { log } = gateway;
  let loaded: LoadedConfig;
  let applied: RegistryChanges;
  try {
    loaded = loadConfig(options);
    const drainMs = loaded.config.server.shutdownTimeoutMs;
    // Last, and all or nothing: it throws before changing anything (an unreadable caFile).
    applied = gateway.registry.apply(loaded.config, loaded.passwords, drainMs);
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [String(error)];
    log.error({ problems }, 'configuration not reloaded: it has problems; the running one stays');
    return { ok: false, problems };
  }

  const needsRestart = keysNeedingRestart(gateway.config, loaded.config);
  gateway.clients.replace(loaded.config.auth);
  copyReloadableKeys(gateway.config, loaded.config);
  for (const warning of loaded.warnings) log.warn({ warning }, 'configuration warning');
  if (needsRestart.length > 0) {
    log.warn(
      { keys: needsRestart },
      'configuration changes that need a restart; ignored until then',
    );
  }
  const { retired, ...changes } = applied;
  log.info({ ...changes, files: loaded.files }, 'configuration reloaded');
  return { ok: true, ...changes, needsRestart, retired };
}
