"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.handleControl = handleControl;
const errors_1 = require("./errors");
const faults_1 = require("./faults");
const headers_1 = require("./headers");
/**
 * Serves `/_sim/`: `GET stats`, `GET requests[?limit=N]` (up to 50, oldest first),
 * `GET faults`, `POST faults` (400 on an invalid body), `POST reset` (204).
 */
function handleControl(target, req, res, path, query, body) {
    const key = `${req.method ?? 'GET'} ${path}`;
    switch (key) {
        case 'GET /_sim/stats':
            return (0, headers_1.sendJson)(res, 200, JSON.stringify(target.stats()));
        case 'GET /_sim/requests':
            return (0, headers_1.sendJson)(res, 200, JSON.stringify({ requests: target.listRequests(readLimit(query)) }));
        case 'GET /_sim/faults':
            return (0, headers_1.sendJson)(res, 200, JSON.stringify(target.describeFaults()));
        case 'POST /_sim/faults':
            return postFaults(target, res, body);
        case 'POST /_sim/reset':
            target.reset();
            return (0, headers_1.sendEmpty)(res, 204);
        default: {
            const error = (0, errors_1.createError)(404, {
                errorCode: 'RESOURCE_NOT_FOUND',
                message: `No control endpoint ${key}.`,
                recommendedActions: [
                    'Use GET /_sim/stats, GET /_sim/requests, POST /_sim/faults or POST /_sim/reset.',
                ],
            });
            return (0, headers_1.sendJson)(res, 404, error.json);
        }
    }
}
function postFaults(target, res, body) {
    let faults;
    try {
        faults = (0, faults_1.parseFaults)(JSON.parse(body.toString('utf8') || 'null'));
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const invalid = (0, errors_1.createError)(400, {
            errorCode: 'INVALID_FAULT',
            message: `Invalid faults: ${message}`,
            recommendedActions: [
                'Send a JSON object with latencyMs, failNext, expireSessions, setVersion, taskOutcome or refuseConnections.',
            ],
        });
        return (0, headers_1.sendJson)(res, 400, invalid.json);
    }
    const deferred = [];
    target.applyFaults(faults, (work) => deferred.push(work));
    res.on('finish', () => deferred.forEach((work) => work()));
    (0, headers_1.sendJson)(res, 200, JSON.stringify(target.describeFaults()));
}
function readLimit(query) {
    const match = /(?:^|&)limit=(\d+)/.exec(query);
    return Math.min(50, Math.max(0, Number(match?.[1] ?? 50)));
}
