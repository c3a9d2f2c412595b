"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startSimulator = startSimulator;
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
const appliance_state_1 = require("./appliance-state");
const control_api_1 = require("./control-api");
const faults_1 = require("./faults");
const handle_request_1 = require("./handle-request");
const listener_1 = require("./listener");
const options_1 = require("./options");
const routes_1 = require("./routes");
const timers_1 = require("./timers");
const tls_1 = require("./tls");
/** Starts one simulated OneView appliance and resolves once it listens. */
async function startSimulator(options = {}) {
    const resolved = (0, options_1.resolveOptions)(options);
    const appliance = (0, appliance_state_1.createApplianceState)(resolved);
    const timers = new timers_1.TimerSet();
    const certificate = resolved.tls ? await (0, tls_1.loadCertificate)() : undefined;
    let listener = undefined;
    const target = createControlTarget(appliance, () => listener);
    const pipeline = {
        appliance,
        router: (0, routes_1.createApplianceRouter)(),
        timers,
        control: (req, res, path, query, body) => (0, control_api_1.handleControl)(target, req, res, path, query, body),
    };
    const onRequest = (req, res) => (0, handle_request_1.handleRequest)(pipeline, req, res);
    const server = certificate
        ? (0, node_https_1.createServer)(certificate, onRequest)
        : (0, node_http_1.createServer)(onRequest);
    listener = new listener_1.Listener(server, resolved.host);
    const port = await listener.listen(resolved.port);
    const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
    appliance.baseUrl = `${resolved.tls ? 'https' : 'http'}://${host}:${port}`;
    const opened = listener;
    return {
        id: resolved.id,
        url: appliance.baseUrl,
        port,
        stats: () => target.stats(),
        faults: (faults) => target.applyFaults((0, faults_1.parseFaults)(faults), (work) => work()),
        reset: () => target.reset(),
        close: () => {
            timers.clear();
            return opened.close();
        },
    };
}
function createControlTarget(appliance, listener) {
    return {
        stats: () => appliance.stats.snapshot(appliance.sessions.count(Date.now())),
        listRequests: (limit) => appliance.stats.listRecorded(limit),
        describeFaults: () => ({
            ...appliance.faults.describe(),
            versions: appliance.versions,
        }),
        applyFaults: (faults, afterAnswer) => applyFaults(appliance, faults, afterAnswer, listener),
        reset: () => {
            (0, appliance_state_1.resetApplianceState)(appliance);
            listener()?.resume();
        },
    };
}
function applyFaults(appliance, faults, afterAnswer, listener) {
    if (faults.latencyMs !== undefined)
        appliance.faults.latencyMs = faults.latencyMs;
    if (faults.failNext !== undefined)
        appliance.faults.armFailure(faults.failNext);
    if (faults.expireSessions === true)
        appliance.sessions.expireAll();
    if (faults.setVersion !== undefined) {
        (0, appliance_state_1.setVersions)(appliance, faults.setVersion.minimumVersion, faults.setVersion.currentVersion);
    }
    if (faults.taskOutcome !== undefined)
        appliance.faults.taskOutcome = faults.taskOutcome;
    const refuseMs = faults.refuseConnections;
    if (refuseMs !== undefined)
        afterAnswer(() => listener()?.refuse(refuseMs));
}
