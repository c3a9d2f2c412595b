"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startTask = startTask;
const node_crypto_1 = require("node:crypto");
const resource_types_1 = require("../resource-types");
const versions_1 = require("../versions");
const task_view_1 = require("./task-view");
/**
 * Starts a task and answers as appliances do for asynchronous calls: 202, the task URI in
 * `Location` (relative unless `absoluteLocation`) and the task itself in the body.
 */
function startTask(ctx, plan) {
    const appliance = ctx.appliance;
    const task = {
        ...plan,
        id: (0, node_crypto_1.randomUUID)().toUpperCase(),
        owner: ctx.session?.userName ?? 'Administrator',
        createdMs: ctx.now,
        durationMs: appliance.options.taskMs,
        outcome: appliance.faults.taskOutcome ?? 'Completed',
        cancelledMs: undefined,
        firstUpdateId: appliance.nextUpdateId,
    };
    appliance.nextUpdateId += plan.steps.length;
    appliance.data.tasks.add(task);
    appliance.data.tasks.settle(ctx.now);
    const uri = `/rest/tasks/${task.id}`;
    const location = appliance.options.absoluteLocation ? `${appliance.baseUrl}${uri}` : uri;
    const body = (0, task_view_1.describeTask)(task, ctx.now, (0, versions_1.selectTypeName)(resource_types_1.TASK_TYPES, ctx.version));
    return { status: 202, json: JSON.stringify(body), headers: ['Location', location] };
}
