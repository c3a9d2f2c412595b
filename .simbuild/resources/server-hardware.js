"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.SERVER_HARDWARE_ROUTES = void 0;
const error_catalogue_1 = require("../error-catalogue");
const etag_errors_1 = require("../etag-errors");
const etags_1 = require("../etags");
const json_1 = require("../json");
const request_body_1 = require("../request-body");
const seed_tasks_1 = require("../tasks/seed-tasks");
const start_task_1 = require("../tasks/start-task");
const table = __importStar(require("./table-handlers"));
/** `/rest/server-hardware`: list, get, update (sync, ETag) and power (task). */
exports.SERVER_HARDWARE_ROUTES = [
    {
        method: 'GET',
        pattern: '/rest/server-hardware',
        handle: (ctx) => table.listTable(ctx, servers(ctx)),
    },
    {
        method: 'GET',
        pattern: '/rest/server-hardware/{id}',
        handle: (ctx) => table.getTableItem(ctx, servers(ctx)),
    },
    { method: 'PUT', pattern: '/rest/server-hardware/{id}', handle: updateServer },
    { method: 'PUT', pattern: '/rest/server-hardware/{id}/powerState', handle: setPowerState },
];
const WRITABLE = ['name', 'description', 'uidState', 'licensingIntent'];
const POWER_STATES = ['On', 'Off'];
const POWER_CONTROLS = ['MomentaryPress', 'PressAndHold', 'ColdBoot', 'Reset'];
function servers(ctx) {
    return ctx.appliance.data.serverHardware;
}
function updateServer(ctx) {
    const stored = table.findResource(ctx, servers(ctx));
    const body = (0, request_body_1.readJsonObject)(ctx);
    table.checkBodyType(ctx, servers(ctx), body);
    (0, etags_1.requireCurrentEtag)(ctx, table.etagOf(stored), body, etag_errors_1.GENERIC_ETAG_MISMATCH);
    const updated = servers(ctx).set(stored.id, {
        ...stored.body,
        ...table.pickWritable(body, WRITABLE),
        modified: (0, json_1.formatTimestamp)(ctx.now),
        eTag: table.nextEpochEtag(table.etagOf(stored), ctx.now),
    });
    return table.replyResource(ctx, servers(ctx), updated, 200);
}
function setPowerState(ctx) {
    const stored = table.findResource(ctx, servers(ctx));
    const body = (0, request_body_1.readJsonObject)(ctx);
    const powerState = body['powerState'];
    const powerControl = body['powerControl'] ?? 'MomentaryPress';
    if (typeof powerState !== 'string' || !POWER_STATES.includes(powerState)) {
        throw (0, error_catalogue_1.createValidationError)('INVALID_POWER_STATE', 'powerState must be On or Off.', 'powerState');
    }
    if (typeof powerControl !== 'string' || !POWER_CONTROLS.includes(powerControl)) {
        throw (0, error_catalogue_1.createValidationError)('INVALID_POWER_CONTROL', `powerControl must be one of ${POWER_CONTROLS.join(', ')}.`, 'powerControl');
    }
    const target = powerControl === 'Reset' || powerControl === 'ColdBoot' ? 'On' : powerState;
    const name = powerControl === 'Reset' || powerControl === 'ColdBoot'
        ? 'Reset'
        : `Power ${target.toLowerCase()}`;
    return (0, start_task_1.startTask)(ctx, {
        name,
        resource: (0, seed_tasks_1.describeResource)(stored.body),
        statuses: {
            running: `${name} ${(0, json_1.readText)(stored.body['name'])}.`,
            done: `${name} ${(0, json_1.readText)(stored.body['name'])} completed.`,
            failed: `Unable to ${name.toLowerCase()} ${(0, json_1.readText)(stored.body['name'])}.`,
        },
        steps: [`${name} requested.`, `Waiting for the server to reach power state ${target}.`],
        errorCode: 'POWER_STATE_CHANGE_FAILED',
        cancellable: false,
        apply: () => applyPowerState(servers(ctx), stored.id, target),
    });
}
function applyPowerState(servers, id, powerState) {
    const current = servers.get(id);
    if (current === undefined)
        return;
    const now = Date.now();
    const body = {
        ...current.body,
        powerState,
        modified: (0, json_1.formatTimestamp)(now),
        eTag: table.nextEpochEtag(table.etagOf(current), now),
    };
    servers.set(id, body);
}
