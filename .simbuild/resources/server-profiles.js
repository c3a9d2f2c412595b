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
exports.SERVER_PROFILE_ROUTES = void 0;
const appliance_data_1 = require("../appliance-data");
const error_catalogue_1 = require("../error-catalogue");
const etag_errors_1 = require("../etag-errors");
const etags_1 = require("../etags");
const json_1 = require("../json");
const request_body_1 = require("../request-body");
const server_profiles_1 = require("../seed/server-profiles");
const seed_tasks_1 = require("../tasks/seed-tasks");
const start_task_1 = require("../tasks/start-task");
const profile_assignment_1 = require("./profile-assignment");
const table = __importStar(require("./table-handlers"));
// Appliances name a missing profile with this code (redfish-toolkit treats it as not found).
const NOT_FOUND = 'ProfileNotFoundException';
const WRITABLE = ['name', 'description', 'affinity', 'boot', 'bootMode', 'bios', 'firmware'];
/** `/rest/server-profiles`: list and get; create, update and delete are tasks. */
exports.SERVER_PROFILE_ROUTES = [
    {
        method: 'GET',
        pattern: '/rest/server-profiles',
        handle: (ctx) => table.listTable(ctx, profiles(ctx)),
    },
    {
        method: 'GET',
        pattern: '/rest/server-profiles/{id}',
        handle: (ctx) => table.getTableItem(ctx, profiles(ctx), NOT_FOUND),
    },
    { method: 'POST', pattern: '/rest/server-profiles', handle: createProfile },
    { method: 'PUT', pattern: '/rest/server-profiles/{id}', handle: updateProfile },
    { method: 'DELETE', pattern: '/rest/server-profiles/{id}', handle: deleteProfile },
];
function profiles(ctx) {
    return ctx.appliance.data.serverProfiles;
}
function createProfile(ctx) {
    const body = (0, request_body_1.readJsonObject)(ctx);
    table.checkBodyType(ctx, profiles(ctx), body);
    const name = requireName(body);
    const server = findServer(ctx, body['serverHardwareUri']);
    const networks = ctx.appliance.data.ethernetNetworks.list().map((stored) => stored.body);
    const profile = (0, server_profiles_1.buildProfile)(ctx.appliance.random, {
        name,
        description: typeof body['description'] === 'string' ? body['description'] : '',
        server,
        createdMs: ctx.now,
        networks,
    });
    return (0, start_task_1.startTask)(ctx, {
        ...describeWork('Create', profile, [
            'Validating the profile.',
            'Applying server settings.',
            'Configuring connections.',
        ]),
        apply: () => {
            profiles(ctx).set((0, appliance_data_1.idOf)(profile), { ...profile, modified: (0, json_1.formatTimestamp)(Date.now()) });
            (0, profile_assignment_1.assignProfile)(ctx.appliance.data.serverHardware, profile['serverHardwareUri'], profile['uri'] ?? null);
        },
    });
}
function updateProfile(ctx) {
    const stored = table.findResource(ctx, profiles(ctx), NOT_FOUND);
    const body = (0, request_body_1.readJsonObject)(ctx);
    table.checkBodyType(ctx, profiles(ctx), body);
    (0, etags_1.requireCurrentEtag)(ctx, table.etagOf(stored), body, etag_errors_1.GENERIC_ETAG_MISMATCH);
    if (body['name'] !== undefined)
        requireName(body);
    const changes = table.pickWritable(body, WRITABLE);
    return (0, start_task_1.startTask)(ctx, {
        ...describeWork('Update', stored.body, [
            'Validating the profile.',
            'Applying server settings.',
        ]),
        apply: () => {
            const current = profiles(ctx).get(stored.id);
            if (current === undefined)
                return;
            const revision = Number(table.etagOf(current).split('/')[1] ?? 1) + 1;
            const now = Date.now();
            profiles(ctx).set(stored.id, {
                ...current.body,
                ...changes,
                modified: (0, json_1.formatTimestamp)(now),
                eTag: `${now}/${revision}`,
            });
        },
    });
}
function deleteProfile(ctx) {
    const stored = table.findResource(ctx, profiles(ctx), NOT_FOUND);
    (0, etags_1.checkOptionalEtag)(ctx, table.etagOf(stored), etag_errors_1.GENERIC_ETAG_MISMATCH);
    return (0, start_task_1.startTask)(ctx, {
        // oneview-python's task monitor returns true for a task named Delete instead of a resource.
        ...describeWork('Delete', stored.body, ['Removing server settings.', 'Deleting the profile.']),
        apply: () => {
            profiles(ctx).delete(stored.id);
            (0, profile_assignment_1.assignProfile)(ctx.appliance.data.serverHardware, stored.body['serverHardwareUri'], null);
        },
    });
}
function describeWork(name, profile, steps) {
    const label = (0, json_1.readText)(profile['name']);
    const verb = name === 'Create' ? 'create' : name === 'Update' ? 'update' : 'delete';
    return {
        name,
        resource: (0, seed_tasks_1.describeResource)(profile),
        statuses: {
            running: `${steps[steps.length - 1] ?? name}`,
            done: `${name} server profile ${label}.`,
            failed: `Unable to ${verb} server profile ${label}.`,
        },
        steps,
        errorCode: 'PROFILE_OPERATION_FAILED',
        cancellable: name !== 'Delete',
    };
}
function requireName(body) {
    const name = body['name'];
    if (typeof name !== 'string' || name.trim() === '') {
        throw (0, error_catalogue_1.createValidationError)('INVALID_NAME', 'The server profile name is required.', 'name');
    }
    return name;
}
// A body URI naming a missing resource is a 400 on appliances, not a 404.
function findServer(ctx, uri) {
    if (uri === undefined || uri === null)
        return undefined;
    const id = typeof uri === 'string' ? uri.slice(uri.lastIndexOf('/') + 1) : '';
    const server = ctx.appliance.data.serverHardware.get(id);
    if (server === undefined || server.body['uri'] !== uri) {
        throw (0, error_catalogue_1.createValidationError)('INVALID_SERVER_HARDWARE_URI', `The server hardware ${(0, json_1.printValue)(uri)} does not exist.`, 'serverHardwareUri');
    }
    return server.body;
}
