"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TASK_ROUTES = void 0;
const collection_query_1 = require("../collection-query");
const collections_1 = require("../collections");
const error_catalogue_1 = require("../error-catalogue");
const etags_1 = require("../etags");
const json_1 = require("../json");
const request_body_1 = require("../request-body");
const request_context_1 = require("../request-context");
const resource_types_1 = require("../resource-types");
const task_record_1 = require("../tasks/task-record");
const task_view_1 = require("../tasks/task-view");
const versions_1 = require("../versions");
/** `/rest/tasks`: the collection (oldest first unless sorted), one task, and cancel (≥ 1200). */
exports.TASK_ROUTES = [
    { method: 'GET', pattern: '/rest/tasks', handle: listTasks },
    { method: 'GET', pattern: '/rest/tasks/{id}', handle: getTask },
    { method: 'PATCH', pattern: '/rest/tasks/{id}', minVersion: 1200, handle: cancelTask },
];
function listTasks(ctx) {
    const query = (0, collection_query_1.parseCollectionQuery)(ctx.query);
    const type = (0, versions_1.selectTypeName)(resource_types_1.TASK_TYPES, ctx.version);
    // Views are computed once per request: task fields move with the clock.
    const views = ctx.appliance.data.tasks.list().map((task) => (0, task_view_1.describeTask)(task, ctx.now, type));
    const json = (0, collections_1.renderCollection)({
        path: '/rest/tasks',
        type: (0, versions_1.selectTypeName)(resource_types_1.TASK_COLLECTION_TYPES, ctx.version),
        category: 'tasks',
        items: views,
        view: (view) => view,
        render: (view) => JSON.stringify(view),
    }, query, ctx.appliance.options.pageSize);
    return { status: 200, json };
}
function getTask(ctx) {
    const task = findTask(ctx);
    const view = (0, task_view_1.describeTask)(task, ctx.now, (0, versions_1.selectTypeName)(resource_types_1.TASK_TYPES, ctx.version));
    const eTag = (0, json_1.readText)(view['eTag']);
    const notModified = (0, etags_1.answerNotModified)(ctx, eTag);
    if (notModified)
        return notModified;
    // `?view=tree` wraps the task as a TaskTree; the simulator's tasks have no children.
    const tree = /(^|&)view=tree(&|$)/.test(ctx.query);
    const body = tree ? { resource: view, children: [] } : view;
    return { status: 200, json: JSON.stringify(body), headers: ['ETag', eTag] };
}
// The cancel request oneview-python sends: [{"op":"replace","path":"/taskState","value":"Cancelling"}].
function cancelTask(ctx) {
    const task = findTask(ctx);
    const patch = (0, request_body_1.readJson)(ctx);
    const operation = Array.isArray(patch) && patch.length === 1 ? patch[0] : undefined;
    const valid = typeof operation === 'object' &&
        operation !== null &&
        !Array.isArray(operation) &&
        operation['op'] === 'replace' &&
        operation['path'] === '/taskState' &&
        operation['value'] === 'Cancelling';
    if (!valid) {
        throw (0, error_catalogue_1.createValidationError)('INVALID_TASK_PATCH', 'Only replacing /taskState with Cancelling is supported.', 'taskState');
    }
    if (!task.cancellable || task.cancelledMs !== undefined || (0, task_record_1.isTerminalAt)(task, ctx.now)) {
        throw (0, error_catalogue_1.createValidationError)('TASK_NOT_CANCELLABLE', `The task ${task.name} cannot be cancelled now.`, 'taskState');
    }
    task.cancelledMs = ctx.now;
    const view = (0, task_view_1.describeTask)(task, ctx.now, (0, versions_1.selectTypeName)(resource_types_1.TASK_TYPES, ctx.version));
    return { status: 200, json: JSON.stringify(view), headers: ['ETag', (0, json_1.readText)(view['eTag'])] };
}
function findTask(ctx) {
    const task = ctx.appliance.data.tasks.get((0, request_context_1.readParam)(ctx));
    if (task === undefined)
        throw (0, error_catalogue_1.createResourceNotFoundError)(ctx.path);
    return task;
}
