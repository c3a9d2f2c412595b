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
exports.ALERT_ROUTES = void 0;
const error_catalogue_1 = require("../error-catalogue");
const etag_errors_1 = require("../etag-errors");
const etags_1 = require("../etags");
const json_1 = require("../json");
const request_body_1 = require("../request-body");
const table = __importStar(require("./table-handlers"));
const ALERT_STATES = ['Active', 'Locked', 'Cleared'];
/** `/rest/alerts`: list, get, and update (state, assignee, notes) with the alert's ETag. */
exports.ALERT_ROUTES = [
    { method: 'GET', pattern: '/rest/alerts', handle: (ctx) => table.listTable(ctx, alerts(ctx)) },
    {
        method: 'GET',
        pattern: '/rest/alerts/{id}',
        handle: (ctx) => table.getTableItem(ctx, alerts(ctx)),
    },
    { method: 'PUT', pattern: '/rest/alerts/{id}', handle: updateAlert },
];
function alerts(ctx) {
    return ctx.appliance.data.alerts;
}
function updateAlert(ctx) {
    const stored = table.findResource(ctx, alerts(ctx));
    const body = (0, request_body_1.readJsonObject)(ctx);
    (0, etags_1.requireCurrentEtag)(ctx, table.etagOf(stored), body, etag_errors_1.ALERT_ETAG_MISMATCH);
    const changes = {};
    const state = body['alertState'];
    if (state !== undefined) {
        if (typeof state !== 'string' || !ALERT_STATES.includes(state)) {
            throw (0, error_catalogue_1.createValidationError)('INVALID_ALERT_STATE', `alertState must be one of ${ALERT_STATES.join(', ')}.`, 'alertState');
        }
        changes['alertState'] = state;
        changes['clearedByUser'] = state === 'Cleared' ? userOf(ctx) : null;
        changes['clearedTime'] = state === 'Cleared' ? (0, json_1.formatTimestamp)(ctx.now) : null;
    }
    if (body['assignedToUser'] !== undefined)
        changes['assignedToUser'] = body['assignedToUser'];
    const updated = alerts(ctx).set(stored.id, {
        ...stored.body,
        ...changes,
        changeLog: appendNotes(ctx, stored.body['changeLog'], body['notes']),
        modified: (0, json_1.formatTimestamp)(ctx.now),
        eTag: table.nextEpochEtag(table.etagOf(stored), ctx.now),
    });
    return table.replyResource(ctx, alerts(ctx), updated, 200);
}
function appendNotes(ctx, changeLog, notes) {
    const log = Array.isArray(changeLog) ? changeLog : [];
    if (typeof notes !== 'string' || notes === '')
        return log;
    const entry = {
        notes,
        username: userOf(ctx),
        userEntered: true,
        created: (0, json_1.formatTimestamp)(ctx.now),
    };
    return [...log, entry];
}
function userOf(ctx) {
    return ctx.session?.userName ?? 'Administrator';
}
