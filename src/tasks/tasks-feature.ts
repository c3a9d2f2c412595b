import type { FeatureFactory } from '../server/feature';
import { registerTask } from './register-task';
import { TaskEventLog } from './task-events';
import { TaskStore } from './task-store';
import { TaskWatcher } from './task-watcher';
import { createTasksRouter } from './tasks-router';

/** SSE comment interval (SPEC 6): under the idle timeout of common proxies. */
const KEEP_ALIVE_MS = 15_000;
/** How long start and stop wait for the event subscription before going on without it. */
const SUBSCRIBE_WAIT_MS = 1000;

/**
 * The unified task view (SPEC 6): registers the tasks proxied 202s reveal, watches them and
 * each appliance's own task list, and serves `/tasks`, `/tasks/{appliance}/{task}` and
 * `/tasks/events` from the store.
 */
export const tasksFeature: FeatureFactory = (context) => {
  const settings = context.config.tasks;
  const events = new TaskEventLog(context.store, context.log);
  const tasks = new TaskStore(
    context.store,
    {
      retentionMs: settings.retentionHours * 3600 * 1000,
      pollIntervalMs: settings.pollIntervalMs,
    },
    events,
  );
  const watcher = new TaskWatcher({ ...context, tasks }, settings);
  const log = context.log.child({ component: 'tasks' });

  return {
    hooks: {
      onTask: (request, taskUri, body) => {
        registerTask(tasks, request, taskUri, body).catch((error: unknown) =>
          log.warn({ err: error, reqId: request.requestId }, 'task not registered'),
        );
      },
    },
    mount(app) {
      app.use(
        createTasksRouter({
          registry: context.registry,
          clients: context.clients,
          tasks,
          events,
          retryAfterSeconds: Math.max(1, Math.ceil(settings.pollIntervalMs / 1000)),
          keepAliveMs: KEEP_ALIVE_MS,
        }),
      );
    },
    async start() {
      // A store that is down at start must not hold the gateway back: the subscription
      // goes on in the background and the watcher copes with the store on every round.
      const subscribed = events
        .start()
        .catch((error: unknown) =>
          log.warn({ err: error }, 'task events not subscribed; SSE clients see no live events'),
        );
      await settleWithin(subscribed, SUBSCRIBE_WAIT_MS);
      watcher.start();
    },
    async stop() {
      await watcher.stop();
      await settleWithin(events.stop(), SUBSCRIBE_WAIT_MS);
    },
  };
};

/** Waits for a promise at most `ms`; what it does after that goes on unobserved. */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}
