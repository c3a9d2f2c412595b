import pLimit from 'p-limit';
import type { Appliance } from '../appliances/appliance';
import { answerETag, getTaskResource } from './appliance-tasks';
import type { WatchContext } from './watch-context';

/** Most tasks of one appliance polled in one round; the rest wait for the next. */
export const MAX_POLLS_PER_ROUND = 50;
/** Task GETs in flight to one appliance at once. */
export const POLL_CONCURRENCY = 4;
/** The longest a task waits between polls, in poll intervals, while it does not change. */
const MAX_BACKOFF_STEPS = 8;

/**
 * Polls an appliance's running tasks whose time has come, a few at a time. Each poll is
 * conditional on the task's ETag; a task that did not change is polled less often (1, 2,
 * 4, 8 intervals), one that moved goes back to every interval. The next poll time lives in
 * the store, so a replica taking over the appliance never polls a task early.
 */
export async function pollDueTasks(context: WatchContext, appliance: Appliance): Promise<number> {
  const due = await context.tasks.dueTasks(appliance.id, Date.now(), MAX_POLLS_PER_ROUND);
  const limit = pLimit(POLL_CONCURRENCY);
  await Promise.all(due.map((taskId) => limit(() => pollTask(context, appliance, taskId))));
  return due.length;
}

async function pollTask(
  context: WatchContext,
  appliance: Appliance,
  taskId: string,
): Promise<void> {
  const key = `${appliance.id}:${taskId}`;
  try {
    const stored = await context.tasks.read(appliance.id, taskId);
    const conditional = stored?.eTag ? { 'if-none-match': stored.eTag } : undefined;
    const answer = await getTaskResource(
      context.registry,
      appliance,
      `/rest/tasks/${encodeURIComponent(taskId)}`,
      conditional,
      context.callTimeoutMs,
    );
    if (answer.status === 404) {
      context.unchanged.delete(key);
      await context.tasks.unwatch(appliance.id, taskId);
      return;
    }
    const result =
      answer.status === 200
        ? await context.tasks.save({
            applianceId: appliance.id,
            taskId,
            body: answer.json,
            eTag: answerETag(answer),
            dueAt: Date.now() + context.pollIntervalMs,
          })
        : null;
    // A change was saved with the next poll one interval away; a terminal task is done.
    if (result?.changed || result?.stored.task.terminal) {
      context.unchanged.delete(key);
      return;
    }
    await reschedule(context, appliance.id, taskId);
  } catch (error) {
    appliance.log.debug({ err: error, taskId }, 'task poll failed; trying again later');
    await reschedule(context, appliance.id, taskId).catch(() => undefined);
  }
}

async function reschedule(
  context: WatchContext,
  applianceId: string,
  taskId: string,
): Promise<void> {
  const key = `${applianceId}:${taskId}`;
  const steps = (context.unchanged.get(key) ?? 0) + 1;
  context.unchanged.set(key, steps);
  const factor = Math.min(MAX_BACKOFF_STEPS, 2 ** (steps - 1));
  await context.tasks.schedule(applianceId, taskId, Date.now() + context.pollIntervalMs * factor);
}
