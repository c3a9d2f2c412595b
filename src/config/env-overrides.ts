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
  /** The dotted key path each variable set, with its name, so that errors can name it. */
  sources: Map<string, string>;
  /** `OVGW_` variables that name no key: reported, not fatal (platforms inject their own). */
  unknown: string[];
}

/**
 * Reads `OVGW_` + the key path in upper snake case (`OVGW_SERVER_PORT` is `server.port`)
 * and `REDIS_URL`. `leafPaths` are the dotted paths that can be set this way; `8081` is
 * read as a number, `true` as a boolean, `null` as null, and anything else as a string.
 */
export function readEnvOverrides(
  env: NodeJS.ProcessEnv,
  leafPaths: readonly string[],
): EnvOverrides {
  const byName = new Map<string, string>(leafPaths.map((path) => [envNameOf(path), path]));
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const unknown: string[] = [];
  const set = (name: string, path: string, raw: string): void => {
    setPath(values, path.split('.'), parseScalar(raw));
    sources.set(path, name);
  };

  // Aliases first, so that the generated name (OVGW_STORE_REDIS_URL) wins over REDIS_URL.
  for (const [name, path] of Object.entries(ALIASES)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') set(name, path, raw);
  }
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('OVGW_') || name in ALIASES || NOT_KEYS.has(name)) continue;
    if (raw === undefined || raw === '') continue;
    const path = byName.get(name);
    if (path === undefined) unknown.push(name);
    else set(name, path, raw);
  }
  return { values, sources, unknown };
}

/** `server.shutdownTimeoutMs` becomes `OVGW_SERVER_SHUTDOWN_TIMEOUT_MS`. */
export function envNameOf(path: string): string {
  const snake = path
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase())
    .join('_');
  return `OVGW_${snake}`;
}

/** Numbers, true, false and null as such; anything else stays the string it is. */
function parseScalar(raw: string): unknown {
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null') return null;
  return raw;
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
