import { GatewayError } from '../errors/gateway-error';
import { isTaskState } from './task-state';
import type { TaskState } from './task-state';
import type { NormalizedTask, TaskOrigin } from './task-types';

/** What `GET /tasks` and `GET /tasks/events` select on (SPEC 6); null means any. */
export interface TaskFilter {
  states: TaskState[] | null;
  appliances: string[] | null;
  /** Tasks modified at or after this time (epoch ms). */
  sinceMs: number | null;
  origin: TaskOrigin | null;
}

/** Which page of the feed: `start` skipped, at most `count` returned. */
export interface TaskPaging {
  start: number;
  count: number;
}

/** A parsed query string: each parameter once or repeated. */
export type QueryValues = Record<string, unknown>;

const DEFAULT_COUNT = 50;
const MAX_COUNT = 500;

/** Reads the filters of a task query; a malformed value is `400 BAD_REQUEST` naming it. */
export function parseTaskFilter(query: QueryValues): TaskFilter {
  const states = readList(query, 'state');
  const bad = states?.find((state) => !isTaskState(state));
  if (bad !== undefined) {
    throw badRequest(
      'state',
      bad,
      'queued, running, completed, warning, failed, cancelled, unknown',
    );
  }
  const since = readOne(query, 'since');
  const sinceMs = since === null ? null : Date.parse(since);
  if (since !== null && !Number.isFinite(sinceMs)) throw badRequest('since', since, 'an ISO time');
  const origin = readOne(query, 'origin');
  if (origin !== null && origin !== 'gateway' && origin !== 'appliance') {
    throw badRequest('origin', origin, 'gateway or appliance');
  }
  return {
    states: states as TaskState[] | null,
    appliances: readList(query, 'appliance'),
    sinceMs,
    origin,
  };
}

/** Reads `start` and `count` (default 50, at most 500). */
export function parseTaskPaging(query: QueryValues): TaskPaging {
  return {
    start: readInteger(query, 'start', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    count: readInteger(query, 'count', 0, MAX_COUNT) ?? DEFAULT_COUNT,
  };
}

/** Tells whether a task passes the filter. */
export function matchesFilter(task: NormalizedTask, filter: TaskFilter): boolean {
  if (filter.states && !filter.states.includes(task.state)) return false;
  if (filter.appliances && !filter.appliances.includes(task.applianceId)) return false;
  if (filter.origin && task.origin !== filter.origin) return false;
  if (filter.sinceMs !== null && !(Date.parse(task.modified) >= filter.sinceMs)) return false;
  return true;
}

/** Reads an integer parameter within bounds; null when absent. */
export function readInteger(
  query: QueryValues,
  name: string,
  min: number,
  max: number,
): number | null {
  const text = readOne(query, name);
  if (text === null) return null;
  const value = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw badRequest(name, text, `an integer from ${min} to ${max}`);
  }
  return value;
}

function readList(query: QueryValues, name: string): string[] | null {
  const raw = query[name];
  const texts = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === 'string',
  );
  const items = texts.flatMap((text) => text.split(',')).map((item) => item.trim());
  const present = items.filter((item) => item !== '');
  return present.length === 0 ? null : [...new Set(present)];
}

function readOne(query: QueryValues, name: string): string | null {
  const raw = query[name];
  const text = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  return typeof text === 'string' && text !== '' ? text : null;
}

function badRequest(name: string, value: string, expected: string): GatewayError {
  return new GatewayError(
    'BAD_REQUEST',
    `Query parameter ${name} is "${value}"; expected ${expected}.`,
    { details: name },
  );
}
