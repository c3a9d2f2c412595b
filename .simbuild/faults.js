"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseFaults = parseFaults;
const BODIES = ['json', 'html', 'empty', 'truncated', 'reset', 'hang'];
const OUTCOMES = ['Completed', 'Warning', 'Error'];
const KEYS = [
    'latencyMs',
    'failNext',
    'expireSessions',
    'setVersion',
    'taskOutcome',
    'refuseConnections',
];
/** Validates a faults object (from JSON or code); throws an Error naming the bad field. */
function parseFaults(input) {
    const source = requireObject(input, 'faults');
    const unknown = Object.keys(source).filter((key) => !KEYS.includes(key));
    if (unknown.length > 0)
        throw new Error(`Unknown fault ${unknown.join(', ')}.`);
    const faults = {};
    if (source['latencyMs'] !== undefined)
        faults.latencyMs = requireInteger(source['latencyMs'], 'latencyMs', 0);
    if (source['failNext'] !== undefined)
        faults.failNext = parseFailNext(source['failNext']);
    if (source['expireSessions'] !== undefined) {
        if (typeof source['expireSessions'] !== 'boolean')
            throw new Error('expireSessions must be a boolean.');
        faults.expireSessions = source['expireSessions'];
    }
    if (source['setVersion'] !== undefined)
        faults.setVersion = parseVersionPair(source['setVersion']);
    if (source['taskOutcome'] !== undefined)
        faults.taskOutcome = requireOneOf(source['taskOutcome'], 'taskOutcome', OUTCOMES);
    if (source['refuseConnections'] !== undefined) {
        faults.refuseConnections = requireInteger(source['refuseConnections'], 'refuseConnections', 1);
    }
    return faults;
}
function parseFailNext(input) {
    const source = requireObject(input, 'failNext');
    const failNext = {
        count: source['count'] === undefined ? 1 : requireInteger(source['count'], 'failNext.count', 1),
        status: source['status'] === undefined
            ? 500
            : requireInteger(source['status'], 'failNext.status', 100),
        body: source['body'] === undefined ? 'json' : requireOneOf(source['body'], 'failNext.body', BODIES),
    };
    if ((failNext.status ?? 0) > 599)
        throw new Error('failNext.status must be at most 599.');
    if (source['path'] !== undefined) {
        if (typeof source['path'] !== 'string' || !source['path'].startsWith('/')) {
            throw new Error('failNext.path must be a path starting with /.');
        }
        failNext.path = source['path'];
    }
    return failNext;
}
function parseVersionPair(input) {
    const source = requireObject(input, 'setVersion');
    const minimumVersion = requireInteger(source['minimumVersion'], 'setVersion.minimumVersion', 1);
    const currentVersion = requireInteger(source['currentVersion'], 'setVersion.currentVersion', 1);
    if (minimumVersion > currentVersion) {
        throw new Error('setVersion.minimumVersion must not be above setVersion.currentVersion.');
    }
    return { minimumVersion, currentVersion };
}
function requireObject(input, name) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new Error(`${name} must be a JSON object.`);
    }
    return input;
}
function requireInteger(input, name, min) {
    if (typeof input !== 'number' || !Number.isInteger(input) || input < min) {
        throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(input)}.`);
    }
    return input;
}
function requireOneOf(input, name, allowed) {
    if (!allowed.includes(input)) {
        throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(input)}.`);
    }
    return input;
}
