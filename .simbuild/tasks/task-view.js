"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.describeTask = describeTask;
const errors_1 = require("../errors");
const json_1 = require("../json");
const task_phase_1 = require("./task-phase");
/**
 * Renders a task as `GET /rest/tasks/{id}` shows it at `now`, with every TaskResource field.
 * `taskErrors` is filled only when the task failed; terminal tasks are at 100 %.
 */
function describeTask(task, now, type) {
    const phase = (0, task_phase_1.computePhase)(task, now);
    return {
        type,
        uri: `/rest/tasks/${task.id}`,
        category: 'tasks',
        name: task.name,
        description: null,
        owner: task.owner,
        taskType: 'User',
        userInitiated: true,
        hidden: false,
        isCancellable: task.cancellable && !phase.terminal && phase.taskState !== 'Cancelling',
        taskState: phase.taskState,
        taskStatus: describeStatus(task, phase),
        stateReason: phase.stateReason,
        percentComplete: phase.percentComplete,
        computedPercentComplete: phase.percentComplete,
        completedSteps: phase.stepsDone,
        totalSteps: task.steps.length,
        expectedDuration: Math.ceil(task.durationMs / 1000),
        associatedResource: { ...task.resource },
        associatedTaskUri: null,
        parentTaskUri: null,
        progressUpdates: describeUpdates(task, phase),
        taskErrors: phase.taskState === 'Error' ? [describeError(task)] : [],
        taskOutput: [],
        data: null,
        eTag: phase.eTag,
        created: (0, json_1.formatTimestamp)(task.createdMs),
        modified: (0, json_1.formatTimestamp)(phase.modifiedMs),
    };
}
function describeStatus(task, phase) {
    switch (phase.taskState) {
        case 'Completed':
            return task.statuses.done;
        case 'Warning':
            return `${task.statuses.done} Completed with warnings.`;
        case 'Error':
            return task.statuses.failed;
        case 'Cancelling':
            return 'Cancelling the task.';
        case 'Terminated':
            return 'The task was cancelled.';
        default:
            return task.statuses.running;
    }
}
function describeUpdates(task, phase) {
    const spacing = task.durationMs / Math.max(1, task.steps.length);
    return task.steps.slice(0, phase.stepsDone).map((statusUpdate, index) => ({
        timestamp: (0, json_1.formatTimestamp)(task.createdMs + Math.floor(index * spacing)),
        statusUpdate,
        id: task.firstUpdateId + index,
    }));
}
function describeError(task) {
    return (0, errors_1.createErrorMessage)({
        errorCode: task.errorCode,
        message: task.statuses.failed,
        details: `The operation on ${task.resource.resourceName} could not be completed.`,
        recommendedActions: ['Correct the cause of the failure, then retry the operation.'],
        errorSource: task.resource.resourceUri,
    });
}
