"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FaultState = void 0;
/** The faults in force; cleared by a reset. */
class FaultState {
    initialLatencyMs;
    latencyMs;
    taskOutcome = undefined;
    failNext;
    constructor(initialLatencyMs) {
        this.initialLatencyMs = initialLatencyMs;
        this.latencyMs = initialLatencyMs;
    }
    /** Arms `failNext`, replacing any earlier one. */
    armFailure(failNext) {
        this.failNext = {
            count: failNext.count ?? 1,
            status: failNext.status ?? 500,
            body: failNext.body ?? 'json',
            path: failNext.path,
        };
    }
    /** Takes one failure for a request to `path`, if one is armed for it. */
    takeFailure(method, path) {
        const armed = this.failNext;
        if (armed === undefined)
            return undefined;
        const applies = armed.path === undefined
            ? !(method === 'GET' && path === '/rest/version')
            : path.startsWith(armed.path);
        if (!applies)
            return undefined;
        armed.count -= 1;
        if (armed.count <= 0)
            this.failNext = undefined;
        return { status: armed.status, body: armed.body };
    }
    /** What is in force, for `GET /_sim/faults`. */
    describe() {
        return {
            latencyMs: this.latencyMs,
            taskOutcome: this.taskOutcome ?? null,
            failNext: this.failNext ?? null,
        };
    }
    /** Back to no faults. */
    reset() {
        this.latencyMs = this.initialLatencyMs;
        this.taskOutcome = undefined;
        this.failNext = undefined;
    }
}
exports.FaultState = FaultState;
