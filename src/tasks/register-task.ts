import type { ForwardRequest } from '../proxy/forward-request';
import { taskIdOf } from '../proxy/rewrite-location';
import { canWatch } from './appliance-tasks';
import type { TaskStore } from './task-store';

/**
 * Registers the task a proxied 202 revealed: who started it and with which request, then
 * the task as the 202 body shows it (or, when the body is not a task, a poll right away).
 * Passthrough appliances are skipped: the gateway could never poll them.
 */
export async function registerTask(
  tasks: TaskStore,
  request: ForwardRequest,
  taskUri: string,
  body: unknown,
): Promise<void> {
  const taskId = taskIdOf(taskUri);
  const { appliance } = request;
  if (taskId === null || !canWatch(appliance)) return;

  await tasks.register(appliance.id, taskId, {
    startedBy: request.clientId ?? null,
    requestId: request.requestId,
    method: request.method,
    path: request.path,
    registeredAt: new Date().toISOString(),
  });
  const isTask = typeof (body as { taskState?: unknown } | undefined)?.taskState === 'string';
  if (isTask) await tasks.save({ applianceId: appliance.id, taskId, body });
  else await tasks.schedule(appliance.id, taskId, Date.now());
}
