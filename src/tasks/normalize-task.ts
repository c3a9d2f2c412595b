import { normalizeErrorMessage } from '../errors/normalize-error-message';
import { taskIdOf } from '../proxy/rewrite-location';
import { mapTaskState } from './task-state';
import type { NormalizedTask, TaskError, TaskRegistration, TaskResourceLink } from './task-types';

/** What a task is normalized against: its appliance, and its registration when known. */
export interface NormalizeContext {
  applianceId: string;
  /** Used when the task body names no `uri` (a truncated 202 body). */
  taskId?: string;
  registration: TaskRegistration | null;
  /** Stands in for missing timestamps. */
  now: Date;
}

type Json = Record<string, unknown>;

/**
 * Turns a OneView TaskResource of any release into the gateway's task (SPEC 6). Returns
 * null when the body is not a task the gateway can name (no task id anywhere).
 */
export function normalizeTask(raw: unknown, context: NormalizeContext): NormalizedTask | null {
  if (!isRecord(raw)) return null;
  const taskId = (typeof raw.uri === 'string' ? taskIdOf(raw.uri) : null) ?? context.taskId;
  if (!taskId) return null;

  const { applianceId, registration } = context;
  const { state, terminal } = mapTaskState(raw.taskState);
  const requestId = registration?.requestId ?? null;
  return {
    id: `${applianceId}:${taskId}`,
    applianceId,
    uri: `/tasks/${applianceId}/${taskId}`,
    applianceTaskUri: `/appliances/${applianceId}/rest/tasks/${taskId}`,
    name: text(raw.name),
    owner: text(raw.owner),
    origin: registration ? 'gateway' : 'appliance',
    state,
    terminal,
    taskState: text(raw.taskState),
    taskStatus: text(raw.taskStatus),
    percentComplete: readPercent(raw, terminal),
    associatedResource: linkResource(raw.associatedResource, applianceId),
    errors: readErrors(raw.taskErrors, applianceId, requestId),
    created: timestamp(raw.created, context.now),
    modified: timestamp(raw.modified, context.now),
    requestId,
    startedBy: registration?.startedBy ?? null,
  };
}

/** A task's `modified` as epoch milliseconds, the score of the feed's indexes. */
export function modifiedMs(task: NormalizedTask): number {
  const parsed = Date.parse(task.modified);
  return Number.isFinite(parsed) ? parsed : 0;
}

function readPercent(raw: Json, terminal: boolean): number {
  const value = [raw.percentComplete, raw.computedPercentComplete].find(
    (candidate): candidate is number => typeof candidate === 'number' && Number.isFinite(candidate),
  );
  // The schema sets 100 on terminal tasks; older bodies sometimes leave it out.
  if (value === undefined) return terminal ? 100 : 0;
  return Math.min(100, Math.max(0, value));
}

function linkResource(value: unknown, applianceId: string): TaskResourceLink | null {
  if (!isRecord(value)) return null;
  const uri = text(value.resourceUri);
  if (uri === '' && text(value.resourceName) === '') return null;
  return {
    name: text(value.resourceName),
    category: text(value.resourceCategory),
    uri,
    gatewayUri: uri.startsWith('/rest/') ? `/appliances/${applianceId}${uri}` : null,
  };
}

function readErrors(value: unknown, applianceId: string, requestId: string | null): TaskError[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.flatMap((item) => {
    const message = normalizeErrorMessage(item);
    return message ? [{ ...message, source: 'appliance' as const, applianceId, requestId }] : [];
  });
}

function timestamp(value: unknown, now: Date): string {
  if (typeof value === 'string' && Number.isFinite(Date.parse(value))) return value;
  return now.toISOString();
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
