import { parse as parseYamlScalar } from 'yaml';

/** Environment names that SPEC section 2 gives besides the generated ones. */
const ALIASES: Record<string, string> = {
  REDIS_URL: 'store.redisUrl',
  OVGW_LOG_LEVEL: 'logging.level',
};

/** Variables that name no key on purpose. */
const NOT_KEYS = new Set(['OVGW_CONFIG']);

/** The result of reading overrides: an object to merge, and the variables that named nothing. */
export interface EnvOverrides {
  values: Record<string, unknown>;
  problems: string[];
}

/**
 * Reads `OVGW_` + the key path in upper snake case (`OVGW_SERVER_PORT` is `server.port`)
 * and `REDIS_URL`. `leafPaths` are the dotted paths that can be set this way; values are
 * read as YAML scalars, so `8081` is a number and `true` a boolean.
 */
export function readEnvOverrides(
  env: NodeJS.ProcessEnv,
  leafPaths: readonly string[],
): EnvOverrides {
  const byName = new Map<string, string>(leafPaths.map((path) => [envNameOf(path), path]));
  const values: Record<string, unknown> = {};
  const problems: string[] = [];

  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined || raw === '' || NOT_KEYS.has(name)) continue;
    const path = ALIASES[name] ?? (name.startsWith('OVGW_') ? byName.get(name) : undefined);
    if (path === undefined) {
      if (name.startsWith('OVGW_')) problems.push(`${name}: names no configuration key`);
      continue;
    }
    setPath(values, path.split('.'), parseScalar(raw));
  }
  return { values, problems };
}

/** `server.shutdownTimeoutMs` becomes `OVGW_SERVER_SHUTDOWN_TIMEOUT_MS`. */
export function envNameOf(path: string): string {
  const snake = path
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase())
    .join('_');
  return `OVGW_${snake}`;
}

function parseScalar(raw: string): unknown {
  try {
    const value: unknown = parseYamlScalar(raw);
    return typeof value === 'object' && value !== null ? raw : value;
  } catch {
    return raw;
  }
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let current = target;
  keys.slice(0, -1).forEach((key) => {
    const next = current[key];
    if (typeof next !== 'object' || next === null) current[key] = {};
    current = current[key] as Record<string, unknown>;
  });
  current[keys[keys.length - 1] as string] = value;
}
