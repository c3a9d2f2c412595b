"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveOptions = resolveOptions;
const DEFAULTS = {
    id: 'sim-1',
    port: 0,
    host: '127.0.0.1',
    tls: false,
    minimumVersion: 120,
    currentVersion: 8600,
    servers: 24,
    seed: 1,
    pageSize: 32,
    taskMs: 1500,
    user: 'Administrator',
    password: 'admin123',
    latencyMs: 0,
    sessionIdleMs: 24 * 60 * 60 * 1000,
    backupMb: 1,
    absoluteLocation: false,
    maxSessions: 2400,
};
const LOWER_BOUNDS = {
    port: 0,
    minimumVersion: 1,
    currentVersion: 1,
    servers: 0,
    seed: 0,
    pageSize: 1,
    taskMs: 0,
    latencyMs: 0,
    sessionIdleMs: 1,
    backupMb: 0,
    maxSessions: 1,
};
/** Fills in defaults and rejects values no appliance could have, naming the option. */
function resolveOptions(options = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    const resolved = { ...DEFAULTS, ...defined };
    for (const [key, min] of Object.entries(LOWER_BOUNDS)) {
        const value = resolved[key];
        if (typeof value !== 'number' || !Number.isInteger(value) || value < (min ?? 0)) {
            throw new Error(`Simulator option ${key} must be an integer >= ${min}, got ${String(value)}.`);
        }
    }
    if (resolved.minimumVersion > resolved.currentVersion) {
        throw new Error(`Simulator minimumVersion ${resolved.minimumVersion} is above currentVersion ${resolved.currentVersion}.`);
    }
    return resolved;
}
