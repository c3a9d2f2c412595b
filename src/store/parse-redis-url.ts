/** One Redis Sentinel to ask where the master is. */
export interface SentinelAddress {
  host: string;
  port: number;
}

/**
 * Where the Redis store connects: a URL ioredis reads itself (`redis://`, `rediss://`, a
 * Unix socket path), or a master found through Sentinel.
 */
export type RedisTarget =
  | { kind: 'direct'; url: string }
  | {
      kind: 'sentinel';
      sentinels: SentinelAddress[];
      /** The master group name the sentinels monitor (`sentinel monitor NAME ...`). */
      name: string;
      db: number;
      username?: string;
      password?: string;
      /** For sentinels that require a password of their own (`requirepass` in their conf). */
      sentinelPassword?: string;
    };

/** A URL that names no usable Redis, with the reason in an operator's words. */
export type RedisUrlRead = { ok: true; target: RedisTarget } | { ok: false; problem: string };

const DEFAULT_SENTINEL_PORT = 26379;
const SENTINEL_FORM =
  'redis+sentinel://[:password@]host:port[,host:port...]/masterName[/db][?sentinelPassword=...]';
const SENTINEL_URL =
  /^redis\+sentinel:\/\/(?:([^@/]*)@)?([^/?#]+)\/([^/?#]+)(?:\/(\d+))?\/?(?:\?([^#]*))?$/i;

/**
 * Reads `store.redisUrl`. ioredis parses only `redis://` and `rediss://` URLs and reaches
 * Sentinel through options, so `redis+sentinel://` is read here into those options: the
 * sentinels, the master name, and the database and credentials of the master.
 */
export function parseRedisUrl(url: string): RedisUrlRead {
  if (url.startsWith('/')) return { ok: true, target: { kind: 'direct', url } };
  if (/^redis\+sentinel:/i.test(url)) return parseSentinelUrl(url);
  if (!/^rediss?:\/\//i.test(url)) {
    return { ok: false, problem: `expected a redis://, rediss:// or ${SENTINEL_FORM} URL` };
  }

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: 'expected a valid URL such as redis://host:6379/0' };
  }
  if (parsed.hostname === '') return { ok: false, problem: 'expected a host after redis://' };
  if (!/^\/?(\d+)?$/.test(parsed.pathname)) {
    return { ok: false, problem: 'expected nothing after the host but a database number (/0)' };
  }
  return { ok: true, target: { kind: 'direct', url } };
}

/** True when the URL carries a password (which must then not sit in a config file). */
export function hasRedisPassword(url: string): boolean {
  const userInfo = /^[a-z+]+:\/\/([^@/]*)@/i.exec(url)?.[1];
  const inUserInfo = userInfo !== undefined && userInfo.includes(':') && !userInfo.endsWith(':');
  return inUserInfo || /[?&]sentinelPassword=[^&]/.test(url);
}

function parseSentinelUrl(url: string): RedisUrlRead {
  const match = SENTINEL_URL.exec(url);
  if (!match) return { ok: false, problem: `expected ${SENTINEL_FORM}` };
  const [, userInfo, hostList = '', name = '', db = '0', query = ''] = match;
  const params = new URLSearchParams(query);
  const unknown = [...params.keys()].filter((key) => key !== 'sentinelPassword');
  if (unknown.length > 0) {
    return {
      ok: false,
      problem: `expected no query parameter but sentinelPassword, got ${unknown.join(', ')}`,
    };
  }
  const sentinelPassword = params.get('sentinelPassword');

  const sentinels: SentinelAddress[] = [];
  for (const entry of hostList.split(',')) {
    const address = parseHostPort(entry);
    if (!address)
      return { ok: false, problem: `expected host:port for each sentinel, got "${entry}"` };
    sentinels.push(address);
  }
  return {
    ok: true,
    target: {
      kind: 'sentinel',
      sentinels,
      name: decodeURIComponent(name),
      db: Number(db),
      ...credentialsOf(userInfo),
      ...(sentinelPassword ? { sentinelPassword } : {}),
    },
  };
}

/** `host`, `host:port` or `[v6]:port`; the port defaults to Sentinel's own, 26379. */
function parseHostPort(entry: string): SentinelAddress | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(entry.trim());
  if (!match) return null;
  const host = (match[1] ?? '').replace(/^\[|\]$/g, '');
  const port = match[2] === undefined ? DEFAULT_SENTINEL_PORT : Number(match[2]);
  return port >= 1 && port <= 65535 ? { host, port } : null;
}

function credentialsOf(userInfo: string | undefined): { username?: string; password?: string } {
  if (userInfo === undefined || userInfo === '') return {};
  const colon = userInfo.indexOf(':');
  const username = decodeURIComponent(colon < 0 ? userInfo : userInfo.slice(0, colon));
  const password = colon < 0 ? '' : decodeURIComponent(userInfo.slice(colon + 1));
  return {
    ...(username !== '' ? { username } : {}),
    ...(password !== '' ? { password } : {}),
  };
}
