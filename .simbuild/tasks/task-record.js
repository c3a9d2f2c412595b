"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CANCEL_MS = void 0;
exports.isTerminalAt = isTerminalAt;
/** How long a cancelled task stays `Cancelling` before it is `Terminated`. */
exports.CANCEL_MS = 200;
/** Tells whether the task has reached a terminal state at `now`. */
function isTerminalAt(task, now) {
    if (task.cancelledMs !== undefined)
        return now >= task.cancelledMs + exports.CANCEL_MS;
    return now >= task.createdMs + task.durationMs;
}
