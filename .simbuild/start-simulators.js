"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startSimulators = startSimulators;
const simulator_1 = require("./simulator");
/**
 * Starts `count` appliances `sim-1`..`sim-N` on ports P, P+1, ... (free ports when P is 0),
 * each with the next `[minimum, current]` of `versions`, cycled. If one fails to start, the
 * ones already started are closed and the error is thrown.
 */
async function startSimulators(count, options) {
    const { versions = [], ...shared } = options;
    const handles = [];
    try {
        for (let index = 0; index < count; index += 1) {
            const range = versions.length > 0 ? versions[index % versions.length] : undefined;
            handles.push(await (0, simulator_1.startSimulator)({
                ...shared,
                id: `sim-${index + 1}`,
                port: shared.port ? shared.port + index : 0,
                ...(range ? { minimumVersion: range[0], currentVersion: range[1] } : {}),
            }));
        }
    }
    catch (error) {
        await Promise.all(handles.map((handle) => handle.close()));
        throw error;
    }
    return handles;
}
