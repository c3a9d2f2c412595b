import type { TaskOutcome } from './tasks/task-record';

/** How a failed answer looks on the wire. */
export type FailureBody = 'json' | 'html' | 'empty' | 'truncated' | 'reset' | 'hang';

/** Make the next `count` matching requests fail. */
export interface FailNext {
  /** Requests to fail; default 1. */
  count?: number;
  /** HTTP status of json/html/empty/truncated answers; default 500. */
  status?: number;
  /** Default `json`. */
  body?: FailureBody;
  /**
   * Only requests whose path starts with this fail. Without it every request fails except
   * `GET /rest/version`, so that a client can still negotiate before meeting the fault.
   */
  path?: string;
}

/** Faults to inject; every field is optional and only the given ones change. */
export interface SimulatorFaults {
  /** Delay before every answer outside `/_sim/`, in ms. */
  latencyMs?: number;
  failNext?: FailNext;
  /** End every session now (clients get 401 on their next call). */
  expireSessions?: boolean;
  /** What `/rest/version` says and what X-API-Version accepts from now on. */
  setVersion?: { minimumVersion: number; currentVersion: number };
  /** Terminal state of tasks created from now on. */
  taskOutcome?: TaskOutcome;
  /** Stop listening for this many ms (connections are refused), then listen again. */
  refuseConnections?: number;
}

const BODIES: readonly FailureBody[] = ['json', 'html', 'empty', 'truncated', 'reset', 'hang'];
const OUTCOMES: readonly TaskOutcome[] = ['Completed', 'Warning', 'Error'];
const KEYS = [
  'latencyMs',
  'failNext',
  'expireSessions',
  'setVersion',
  'taskOutcome',
  'refuseConnections',
];

/** Validates a faults object (from JSON or code); throws an Error naming the bad field. */
export function parseFaults(input: unknown): SimulatorFaults {
  const source = requireObject(input, 'faults');
  const unknown = Object.keys(source).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) throw new Error(`Unknown fault ${unknown.join(', ')}.`);
  const faults: SimulatorFaults = {};
  if (source['latencyMs'] !== undefined)
    faults.latencyMs = requireInteger(source['latencyMs'], 'latencyMs', 0);
  if (source['failNext'] !== undefined) faults.failNext = parseFailNext(source['failNext']);
  if (source['expireSessions'] !== undefined) {
    if (typeof source['expireSessions'] !== 'boolean')
      throw new Error('expireSessions must be a boolean.');
    faults.expireSessions = source['expireSessions'];
  }
  if (source['setVersion'] !== undefined)
    faults.setVersion = parseVersionPair(source['setVersion']);
  if (source['taskOutcome'] !== undefined)
    faults.taskOutcome = requireOneOf(source['taskOutcome'], 'taskOutcome', OUTCOMES);
  if (source['refuseConnections'] !== undefined) {
    faults.refuseConnections = requireInteger(source['refuseConnections'], 'refuseConnections', 1);
  }
  return faults;
}

function parseFailNext(input: unknown): FailNext {
  const source = requireObject(input, 'failNext');
  const failNext: FailNext = {
    count: source['count'] === undefined ? 1 : requireInteger(source['count'], 'failNext.count', 1),
    status:
      source['status'] === undefined
        ? 500
        : requireInteger(source['status'], 'failNext.status', 100),
    body:
      source['body'] === undefined ? 'json' : requireOneOf(source['body'], 'failNext.body', BODIES),
  };
  if ((failNext.status ?? 0) > 599) throw new Error('failNext.status must be at most 599.');
  if (source['path'] !== undefined) {
    if (typeof source['path'] !== 'string' || !source['path'].startsWith('/')) {
      throw new Error('failNext.path must be a path starting with /.');
    }
    failNext.path = source['path'];
  }
  return failNext;
}

function parseVersionPair(input: unknown): { minimumVersion: number; currentVersion: number } {
  const source = requireObject(input, 'setVersion');
  const minimumVersion = requireInteger(source['minimumVersion'], 'setVersion.minimumVersion', 1);
  const currentVersion = requireInteger(source['currentVersion'], 'setVersion.currentVersion', 1);
  if (minimumVersion > currentVersion) {
    throw new Error('setVersion.minimumVersion must not be above setVersion.currentVersion.');
  }
  return { minimumVersion, currentVersion };
}

function requireObject(input: unknown, name: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(`${name} must be a JSON object.`);
  }
  return input as Record<string, unknown>;
}

function requireInteger(input: unknown, name: string, min: number): number {
  if (typeof input !== 'number' || !Number.isInteger(input) || input < min) {
    throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(input)}.`);
  }
  return input;
}

function requireOneOf<T extends string>(input: unknown, name: string, allowed: readonly T[]): T {
  if (!allowed.includes(input as T)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(input)}.`);
  }
  return input as T;
}
