import { randomUUID } from 'node:crypto';
import { TASK_TYPES } from '../resource-types';
import type { Reply, RequestContext } from '../request-context';
import { selectTypeName } from '../versions';
import type { TaskPlan } from './task-record';
import { describeTask } from './task-view';

/**
 * Starts a task and answers as appliances do for asynchronous calls: 202, the task URI in
 * `Location` (relative unless `absoluteLocation`) and the task itself in the body. `id` is
 * given by callers whose resource names its task (a backup's `taskUri`).
 */
export function startTask(ctx: RequestContext, plan: TaskPlan, id: string = createTaskId()): Reply {
  const appliance = ctx.appliance;
  const task = {
    ...plan,
    id,
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
  const body = describeTask(task, ctx.now, selectTypeName(TASK_TYPES, ctx.version));
  return { status: 202, json: JSON.stringify(body), headers: ['Location', location] };
}

/** A new task id, upper-case as appliances write them. */
export function createTaskId(): string {
  return randomUUID().toUpperCase();
}
