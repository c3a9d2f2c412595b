"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TaskStore = void 0;
const task_record_1 = require("./task-record");
/** Tasks kept, oldest dropped first, as appliances purge old tasks. */
const RETAINED_TASKS = 5000;
/**
 * Every task of the appliance, in creation order. Successful tasks apply their change
 * when a request first observes them terminal (`settle`), so no timer runs per task.
 */
class TaskStore {
    tasks = new Map();
    pending = [];
    /** Adds a task; it applies its change once terminal. */
    add(task) {
        this.tasks.set(task.id, task);
        if (task.apply !== undefined)
            this.pending.push(task);
        if (this.tasks.size > RETAINED_TASKS) {
            const oldest = this.tasks.keys().next().value;
            if (oldest !== undefined)
                this.tasks.delete(oldest);
        }
    }
    /** The task with this id, if any. */
    get(id) {
        return this.tasks.get(id);
    }
    /** Every task, oldest first. */
    list() {
        return [...this.tasks.values()];
    }
    /** Applies the changes of tasks that have succeeded by `now`; cheap when none is pending. */
    settle(now) {
        if (this.pending.length === 0)
            return;
        const waiting = [];
        for (const task of this.pending) {
            if (!(0, task_record_1.isTerminalAt)(task, now)) {
                waiting.push(task);
            }
            else if (task.cancelledMs === undefined && task.outcome !== 'Error') {
                task.apply?.();
            }
        }
        this.pending = waiting;
    }
}
exports.TaskStore = TaskStore;
