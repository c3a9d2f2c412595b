import type { Appliance } from '../appliances/appliance';
import type { ApplianceRegistry } from '../appliances/registry';
import { GatewayError } from '../errors/gateway-error';
import { normalizeErrorMessage } from '../errors/normalize-error-message';
import type { ErrorMessage } from '../errors/error-message';
import { StoreUnavailableError } from '../store/store';
import { answerETag, canWatch, getTaskResource } from './appliance-tasks';
import { normalizeTask } from './normalize-task';
import type { TaskStore } from './task-store';
import type { NormalizedTask } from './task-types';

/** What finding one task needs. */
export interface FindTaskDeps {
  registry: ApplianceRegistry;
  tasks: TaskStore;
}

/** OneView task ids are UUIDs; a dot segment must never reach an appliance's path. */
const TASK_ID = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/;

/**
 * One task: from the store when it is there, else live from its appliance, saved so that
 * the watcher follows it from then on. `404 TASK_NOT_FOUND` when the appliance does not
 * know it either. A store that is down only costs the live call.
 */
export async function findTask(
  deps: FindTaskDeps,
  appliance: Appliance,
  taskId: string,
): Promise<NormalizedTask> {
  if (!TASK_ID.test(taskId)) throw notFound(appliance, taskId);
  const stored = await deps.tasks.read(appliance.id, taskId).catch(ignoreStoreDown);
  if (stored) return stored.task;
  if (!canWatch(appliance)) {
    throw notFound(
      appliance,
      taskId,
      'The appliance is in passthrough mode: the gateway holds no session to read its tasks.',
    );
  }

  const path = `/rest/tasks/${encodeURIComponent(taskId)}`;
  const answer = await getTaskResource(deps.registry, appliance, path);
  if (answer.status === 404) throw notFound(appliance, taskId);
  if (answer.status !== 200) throw badAnswer(appliance, answer.status, answer.json);

  const update = { applianceId: appliance.id, taskId, body: answer.json, eTag: answerETag(answer) };
  const saved = await deps.tasks.save(update).catch(ignoreStoreDown);
  const task =
    saved?.stored.task ??
    normalizeTask(answer.json, { ...update, registration: null, now: new Date() });
  if (!task) throw badAnswer(appliance, answer.status, answer.json);
  return task;
}

function ignoreStoreDown(error: unknown): null {
  if (error instanceof StoreUnavailableError) return null;
  throw error;
}

function notFound(appliance: Appliance, taskId: string, details = ''): GatewayError {
  return new GatewayError('TASK_NOT_FOUND', `Appliance ${appliance.id} has no task "${taskId}".`, {
    applianceId: appliance.id,
    details,
  });
}

function badAnswer(appliance: Appliance, status: number, body: unknown): GatewayError {
  const nested = normalizeErrorMessage(body);
  const nestedErrors: ErrorMessage[] = nested ? [nested] : [];
  return new GatewayError(
    'APPLIANCE_BAD_RESPONSE',
    `Appliance ${appliance.id} answered ${status} where a task was expected.`,
    { applianceId: appliance.id, status: status >= 400 ? status : 502, nestedErrors },
  );
}
