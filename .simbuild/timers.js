"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TimerSet = void 0;
/** Timers that a closing simulator must cancel (delayed answers, a pending re-listen). */
class TimerSet {
    timers = new Set();
    /** Runs `task` after `ms`, unless cleared first. */
    delay(ms, task) {
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            task();
        }, ms);
        this.timers.add(timer);
    }
    /** Cancels every pending timer. */
    clear() {
        for (const timer of this.timers)
            clearTimeout(timer);
        this.timers.clear();
    }
}
exports.TimerSet = TimerSet;
