import { parseCollectionQuery } from '../collection-query';
import { renderCollection } from '../collections';
import { createResourceNotFoundError, createValidationError } from '../error-catalogue';
import { answerNotModified } from '../etags';
import { type JsonObject, readText } from '../json';
import { readJson } from '../request-body';
import { readParam, type Reply, type RequestContext } from '../request-context';
import { TASK_COLLECTION_TYPES, TASK_TYPES } from '../resource-types';
import type { Route } from '../router';
import { isTerminalAt, type TaskRecord } from '../tasks/task-record';
import { describeTask } from '../tasks/task-view';
import { selectTypeName } from '../versions';

/** `/rest/tasks`: the collection (oldest first unless sorted), one task, and cancel (≥ 1200). */
export const TASK_ROUTES: Route[] = [
  { method: 'GET', pattern: '/rest/tasks', handle: listTasks },
  { method: 'GET', pattern: '/rest/tasks/{id}', handle: getTask },
  { method: 'PATCH', pattern: '/rest/tasks/{id}', minVersion: 1200, handle: cancelTask },
];

function listTasks(ctx: RequestContext): Reply {
  const query = parseCollectionQuery(ctx.query);
  const type = selectTypeName(TASK_TYPES, ctx.version);
  // Views are computed once per request: task fields move with the clock.
  const views = ctx.appliance.data.tasks.list().map((task) => describeTask(task, ctx.now, type));
  const json = renderCollection<JsonObject>(
    {
      path: '/rest/tasks',
      type: selectTypeName(TASK_COLLECTION_TYPES, ctx.version),
      category: 'tasks',
      items: views,
      view: (view) => view,
      render: (view) => JSON.stringify(view),
    },
    query,
    ctx.appliance.options.pageSize,
  );
  return { status: 200, json };
}

function getTask(ctx: RequestContext): Reply {
  const task = findTask(ctx);
  const view = describeTask(task, ctx.now, selectTypeName(TASK_TYPES, ctx.version));
  const eTag = readText(view['eTag']);
  const notModified = answerNotModified(ctx, eTag);
  if (notModified) return notModified;
  // `?view=tree` wraps the task as a TaskTree; the simulator's tasks have no children.
  const tree = /(^|&)view=tree(&|$)/.test(ctx.query);
  const body = tree ? { resource: view, children: [] } : view;
  return { status: 200, json: JSON.stringify(body), headers: ['ETag', eTag] };
}

// The cancel request oneview-python sends: [{"op":"replace","path":"/taskState","value":"Cancelling"}].
function cancelTask(ctx: RequestContext): Reply {
  const task = findTask(ctx);
  const patch = readJson(ctx);
  const operation = Array.isArray(patch) && patch.length === 1 ? patch[0] : undefined;
  const valid =
    typeof operation === 'object' &&
    operation !== null &&
    !Array.isArray(operation) &&
    operation['op'] === 'replace' &&
    operation['path'] === '/taskState' &&
    operation['value'] === 'Cancelling';
  if (!valid) {
    throw createValidationError(
      'INVALID_TASK_PATCH',
      'Only replacing /taskState with Cancelling is supported.',
      'taskState',
    );
  }
  if (!task.cancellable || task.cancelledMs !== undefined || isTerminalAt(task, ctx.now)) {
    throw createValidationError(
      'TASK_NOT_CANCELLABLE',
      `The task ${task.name} cannot be cancelled now.`,
      'taskState',
    );
  }
  task.cancelledMs = ctx.now;
  const view = describeTask(task, ctx.now, selectTypeName(TASK_TYPES, ctx.version));
  return { status: 200, json: JSON.stringify(view), headers: ['ETag', readText(view['eTag'])] };
}

function findTask(ctx: RequestContext): TaskRecord {
  const task = ctx.appliance.data.tasks.get(readParam(ctx));
  if (task === undefined) throw createResourceNotFoundError(ctx.path);
  return task;
}
