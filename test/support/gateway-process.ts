import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { recordShown } from './secret-audit';
import { hashKey } from '../../src/auth/clients';
import type { SimulatorHandle } from '../../src/simulator';
import { ADMIN_KEY, SIM_PASSWORD } from './gateway-harness';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The variable the child reads appliance passwords from (`passwordEnv`). */
const PASSWORD_ENV = 'OVGW_TEST_APPLIANCE_PASSWORD';

/** One JSON log line of a child gateway. */
export type LogLine = Record<string, unknown>;

/** A `node dist/cli.js serve` child process; `stop()` kills it exactly once. */
export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  lines: LogLine[];
  /** Resolves with the first log line (already written or to come) that `match` accepts. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** fetch on the gateway with the admin key. */
  fetch(route: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** An appliance entry of a test config file: a simulator, with credentials or passthrough. */
export function applianceEntry(
  id: string,
  simulator: SimulatorHandle,
  options: { passthrough?: boolean } = {},
): Record<string, unknown> {
  if (options.passthrough) return { id, url: simulator.url };
  return {
    id,
    url: simulator.url,
    credentials: { userName: 'Administrator', passwordEnv: PASSWORD_ENV },
  };
}

/** A config file for a test gateway: loopback, a free port, the admin client, info logs. */
export function testConfig(extra: {
  redisUrl: string;
  keyPrefix: string;
  appliances: Array<Record<string, unknown>>;
  server?: Record<string, unknown>;
  tasks?: Record<string, unknown>;
  clients?: Array<Record<string, unknown>>;
  /** Default: out of the way of tests that send hundreds of requests. */
  rateLimit?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    server: { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 5000, ...extra.server },
    store: { redisUrl: extra.redisUrl, keyPrefix: extra.keyPrefix },
    appliances: extra.appliances,
    auth: {
      mode: 'keys',
      clients: [{ id: 'admin', keySha256: hashKey(ADMIN_KEY) }, ...(extra.clients ?? [])],
    },
    ...(extra.tasks ? { tasks: extra.tasks } : {}),
    rateLimit: extra.rateLimit ?? { perClientPerSecond: 1_000_000, burst: 1_000_000 },
    logging: { level: 'info' },
  };
}

/** A fresh folder for a test's config files. */
export function configFolder(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `ovgw-${label}-`));
}

/** Writes a configuration as YAML, replacing the file. */
export function writeConfig(file: string, config: Record<string, unknown>): void {
  writeFileSync(file, stringify(config));
}

/** The environment of a test child: the appliance password, no stray OVGW_ or Redis keys. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(OVGW_|REDIS_URL$)/.test(name)),
  );
  return { ...env, [PASSWORD_ENV]: SIM_PASSWORD };
}

/**
 * Starts `node dist/cli.js serve --config FILE` and resolves once it logs 'gateway
 * listening'. The build must exist (`npm ci` or `npm run build` makes it).
 */
export async function spawnGateway(
  configFile: string,
  timeoutMs = 15_000,
): Promise<GatewayProcess> {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
  }
  const child = spawn(process.execPath, [CLI, 'serve', '--config', configFile], {
    cwd: ROOT,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  const stderr: string[] = [];
  readLines(child, lines, () => waiters.forEach((waiter) => waiter()));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      waiters.forEach((waiter) => waiter());
    }),
  );

  const waitForLine = (match: (line: LogLine) => boolean, ms = 10_000): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = lines.find(match);
        if (found) finish(() => resolve(found));
        else if (child.exitCode !== null || child.signalCode !== null) {
          finish(() => reject(new Error(`gateway exited first; stderr: ${stderr.join('')}`)));
        }
      };
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no matching log line within ${ms} ms`))),
        ms,
      );
      waiters.add(check);
      check();
    });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    })();
    return stopped;
  };

  try {
    const listening = await waitForLine((line) => line.msg === 'gateway listening', timeoutMs);
    const url = String(listening.url);
    return {
      child,
      url,
      lines,
      waitForLine,
      exited,
      fetch: (route, init = {}) =>
        fetch(url + route, {
          ...init,
          headers: { 'x-api-key': ADMIN_KEY, ...(init.headers as Record<string, string>) },
        }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readLines(child: ChildProcess, lines: LogLine[], notify: () => void): void {
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      recordShown(text);
      if (text.startsWith('{')) lines.push(JSON.parse(text) as LogLine);
    }
    notify();
  });
}
