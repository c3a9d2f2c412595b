/** Options of one simulated appliance; every field has a default. */
export interface SimulatorOptions {
  /** Name shown in stats and by `startSimulators` (`sim-1`, `sim-2`, ...); default `sim-1`. */
  id?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Listening address; default `127.0.0.1`. */
  host?: string;
  /** HTTPS with a self-signed certificate for 127.0.0.1 and localhost; default false. */
  tls?: boolean;
  /** `minimumVersion` of `/rest/version`; default 120. */
  minimumVersion?: number;
  /** `currentVersion` of `/rest/version`, the highest X-API-Version accepted; default 8600. */
  currentVersion?: number;
  /** Number of server-hardware resources; default 24. */
  servers?: number;
  /** Seed of the generated resources (mixed with `id`); default 1. */
  seed?: number;
  /** The most members one collection answer holds, whatever `count` asks; default 32. */
  pageSize?: number;
  /** Time a task takes from creation to its terminal state; default 1500 ms. */
  taskMs?: number;
  /** The only local user; default `Administrator`. */
  user?: string;
  /** Its password; default `admin123`. */
  password?: string;
  /** Delay before every answer outside `/_sim/`; default 0. */
  latencyMs?: number;
  /** A session unused for this long expires; default 24 h as on an appliance. */
  sessionIdleMs?: number;
  /** Size of the backup archive served at a backup's `downloadUri`; default 1 MiB. */
  backupMb?: number;
  /** `Location` headers as absolute URLs instead of relative paths; default false. */
  absoluteLocation?: boolean;
  /** Active sessions allowed before logins are refused; default 2400 as on an appliance. */
  maxSessions?: number;
  /** Active sessions allowed from one client address; default 960 as on an appliance. */
  maxSessionsPerClient?: number;
}

/** The options with every default filled in. */
export type ResolvedOptions = Required<SimulatorOptions>;

const DEFAULTS: ResolvedOptions = {
  id: 'sim-1',
  port: 0,
  host: '127.0.0.1',
  tls: false,
  minimumVersion: 120,
  currentVersion: 8600,
  servers: 24,
  seed: 1,
  pageSize: 32,
  taskMs: 1500,
  user: 'Administrator',
  password: 'admin123',
  latencyMs: 0,
  sessionIdleMs: 24 * 60 * 60 * 1000,
  backupMb: 1,
  absoluteLocation: false,
  maxSessions: 2400,
  maxSessionsPerClient: 960,
};

const LOWER_BOUNDS: Partial<Record<keyof ResolvedOptions, number>> = {
  port: 0,
  minimumVersion: 1,
  currentVersion: 1,
  servers: 0,
  seed: 0,
  pageSize: 1,
  taskMs: 0,
  latencyMs: 0,
  sessionIdleMs: 1,
  backupMb: 0,
  maxSessions: 1,
  maxSessionsPerClient: 1,
};

/** Fills in defaults and rejects values no appliance could have, naming the option. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved: ResolvedOptions = { ...DEFAULTS, ...defined };
  for (const [key, min] of Object.entries(LOWER_BOUNDS)) {
    const value = resolved[key as keyof ResolvedOptions];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < (min ?? 0)) {
      throw new Error(
        `Simulator option ${key} must be an integer >= ${min}, got ${String(value)}.`,
      );
    }
  }
  if (resolved.minimumVersion > resolved.currentVersion) {
    throw new Error(
      `Simulator minimumVersion ${resolved.minimumVersion} is above currentVersion ${resolved.currentVersion}.`,
    );
  }
  return resolved;
}
