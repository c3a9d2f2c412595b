import type { GatewayConfig } from './schema';

/**
 * The keys a reload applies to a running gateway (a key stands for everything under it).
 * Appliances and API clients are rebuilt; the server keys listed are read per request or at
 * shutdown. Every other key is read once at start, so a change to it needs a restart.
 */
export const RELOADABLE_KEYS = [
  'appliances',
  'auth',
  'circuitBreaker',
  'apiVersion.max',
  'server.publicUrl',
  'server.trustProxy',
  'server.shutdownTimeoutMs',
] as const;

type Tree = Record<string, unknown>;

/** The keys, as dotted paths, whose values differ between two configurations. */
export function changedKeys(before: unknown, after: unknown, prefix = ''): string[] {
  if (isTree(before) && isTree(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) =>
      changedKeys(before[key], after[key], prefix === '' ? key : `${prefix}.${key}`),
    );
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/**
 * The changed keys a reload cannot apply: they keep their running values until a restart.
 * Appliances reload, but the SDK ports they listen on are opened at start.
 */
export function keysNeedingRestart(running: GatewayConfig, next: GatewayConfig): string[] {
  const keys = changedKeys(running, next).filter((key) => !isReloadable(key));
  if (sdkPortsOf(running) !== sdkPortsOf(next)) keys.push('appliances[].sdkPort');
  return keys;
}

function sdkPortsOf(config: GatewayConfig): string {
  return config.appliances
    .filter((entry) => entry.sdkPort !== null)
    .map((entry) => `${entry.id}:${entry.sdkPort}`)
    .sort()
    .join(',');
}

/**
 * Copies the reloadable keys of `next` into `running`. The faces and features all hold the
 * one running config object and read these keys when they need them, so an in-place
 * change reaches them without rebuilding anything.
 */
export function copyReloadableKeys(running: GatewayConfig, next: GatewayConfig): void {
  for (const key of RELOADABLE_KEYS) {
    const path = key.split('.');
    const last = path.pop() ?? key;
    const into = path.reduce<Tree>((node, step) => node[step] as Tree, running as unknown as Tree);
    const from = path.reduce<Tree>((node, step) => node[step] as Tree, next as unknown as Tree);
    into[last] = from[last];
  }
}

function isReloadable(key: string): boolean {
  return RELOADABLE_KEYS.some(
    (reloadable) => key === reloadable || key.startsWith(`${reloadable}.`),
  );
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
