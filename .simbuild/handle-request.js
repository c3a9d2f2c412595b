"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.handleRequest = handleRequest;
const error_catalogue_1 = require("./error-catalogue");
const errors_1 = require("./errors");
const failures_1 = require("./failures");
const headers_1 = require("./headers");
const read_body_1 = require("./read-body");
const request_context_1 = require("./request-context");
const versions_1 = require("./versions");
/**
 * Serves one request: count it, read its body, wait out the latency fault, inject a
 * failure if one is armed, then check version, route and session and run the handler.
 */
function handleRequest(pipeline, req, res) {
    const url = toOriginForm(req.url ?? '/');
    const cut = url.indexOf('?');
    const path = cut < 0 ? url : url.slice(0, cut);
    const query = cut < 0 ? '' : url.slice(cut + 1);
    if (path.startsWith('/_sim/')) {
        (0, read_body_1.readBody)(req, (body) => pipeline.control(req, res, path, query, body));
        return;
    }
    const method = req.method ?? 'GET';
    const match = pipeline.router.match(method, path);
    const route = `${method} ${match?.template ?? '(unmatched)'}`;
    const { stats, faults } = pipeline.appliance;
    stats.count(route);
    (0, read_body_1.readBody)(req, (body) => {
        const { headers, rawHeaders } = req;
        stats.remember({ method, url, route, headers, rawHeaders, receivedMs: Date.now() }, body);
        const incoming = { req, res, method, path, query, match, body };
        if (faults.latencyMs > 0)
            pipeline.timers.delay(faults.latencyMs, () => answer(pipeline, incoming));
        else
            answer(pipeline, incoming);
    });
}
// Clients that pass an absolute `Location` straight to their HTTP library send absolute-form.
function toOriginForm(url) {
    if (url.startsWith('/'))
        return url;
    const slash = url.indexOf('/', url.indexOf('//') + 2);
    return slash < 0 ? '/' : url.slice(slash);
}
function answer(pipeline, incoming) {
    const { req, res } = incoming;
    if (res.destroyed)
        return;
    const failure = pipeline.appliance.faults.takeFailure(incoming.method, incoming.path);
    if (failure) {
        (0, failures_1.writeFailure)(req, res, failure);
        return;
    }
    try {
        const reply = dispatch(pipeline.appliance, incoming);
        if (reply === undefined)
            return;
        if (reply.json === undefined)
            (0, headers_1.sendEmpty)(res, reply.status, reply.headers);
        else
            (0, headers_1.sendJson)(res, reply.status, reply.json, reply.headers);
    }
    catch (error) {
        const failed = error instanceof errors_1.SimulatorError ? error : describeCrash(error);
        (0, headers_1.sendJson)(res, failed.status, failed.json, failed.headers);
    }
}
function dispatch(appliance, incoming) {
    const { req, match, method, path } = incoming;
    const route = match !== undefined && 'route' in match ? match.route : undefined;
    const version = route?.versionless
        ? versions_1.DEFAULT_REQUEST_VERSION
        : (0, versions_1.parseRequestedVersion)((0, request_context_1.readHeader)(req, 'x-api-version'), appliance.versions.currentVersion);
    if (match === undefined)
        throw (0, error_catalogue_1.createRouteNotFoundError)(path, version);
    if (!('route' in match))
        throw (0, error_catalogue_1.createMethodNotAllowedError)(method, match.allow);
    if (!match.route.versionless && version < (match.route.minVersion ?? 3))
        throw (0, error_catalogue_1.createRouteNotFoundError)(path, version);
    const now = Date.now();
    const session = match.route.auth === false ? undefined : appliance.sessions.use((0, request_context_1.readHeader)(req, 'auth'), now);
    if (match.route.auth !== false && session === undefined)
        throw (0, error_catalogue_1.createAuthorizationError)();
    appliance.data.tasks.settle(now);
    const { res, query, body } = incoming;
    const headers = req.headers;
    return match.route.handle({
        appliance,
        req,
        res,
        method,
        path,
        query,
        params: match.params,
        version,
        headers,
        body,
        session,
        now,
    });
}
function describeCrash(error) {
    return (0, errors_1.createError)(500, {
        errorCode: 'INTERNAL_ERROR',
        message: 'An unexpected error occurred.',
        details: error instanceof Error ? error.message : String(error),
        recommendedActions: ['Retry the request.'],
    });
}
