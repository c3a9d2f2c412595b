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
exports.ETHERNET_NETWORK_ROUTES = void 0;
const appliance_data_1 = require("../appliance-data");
const error_catalogue_1 = require("../error-catalogue");
const etag_errors_1 = require("../etag-errors");
const etags_1 = require("../etags");
const json_1 = require("../json");
const request_body_1 = require("../request-body");
const ethernet_networks_1 = require("../seed/ethernet-networks");
const identifiers_1 = require("../seed/identifiers");
const seed_tasks_1 = require("../tasks/seed-tasks");
const start_task_1 = require("../tasks/start-task");
const table = __importStar(require("./table-handlers"));
const WRITABLE = ['name', 'description', 'purpose', 'smartLink', 'privateNetwork'];
/** `/rest/ethernet-networks`: create and delete are tasks, update is synchronous. */
exports.ETHERNET_NETWORK_ROUTES = [
    {
        method: 'GET',
        pattern: '/rest/ethernet-networks',
        handle: (ctx) => table.listTable(ctx, networks(ctx)),
    },
    {
        method: 'GET',
        pattern: '/rest/ethernet-networks/{id}',
        handle: (ctx) => table.getTableItem(ctx, networks(ctx)),
    },
    { method: 'POST', pattern: '/rest/ethernet-networks', handle: createNetwork },
    { method: 'PUT', pattern: '/rest/ethernet-networks/{id}', handle: updateNetwork },
    { method: 'DELETE', pattern: '/rest/ethernet-networks/{id}', handle: deleteNetwork },
];
function networks(ctx) {
    return ctx.appliance.data.ethernetNetworks;
}
function createNetwork(ctx) {
    const body = (0, request_body_1.readJsonObject)(ctx);
    table.checkBodyType(ctx, networks(ctx), body);
    const type = body['ethernetNetworkType'] ?? 'Tagged';
    const vlanId = body['vlanId'] ?? (type === 'Tagged' ? undefined : 0);
    if (typeof vlanId !== 'number' || !Number.isInteger(vlanId) || vlanId < 0 || vlanId > 4094) {
        throw (0, error_catalogue_1.createValidationError)('INVALID_VLAN_ID', 'vlanId must be an integer from 1 to 4094.', 'vlanId');
    }
    const network = (0, ethernet_networks_1.buildNetwork)(ctx.appliance.random, {
        name: requireName(body),
        vlanId,
        purpose: typeof body['purpose'] === 'string' ? body['purpose'] : 'General',
        fabricUri: ctx.appliance.data.fabricUri,
        createdMs: ctx.now,
        smartLink: body['smartLink'] !== false,
        privateNetwork: body['privateNetwork'] === true,
        ethernetNetworkType: (0, json_1.printValue)(type),
    });
    return (0, start_task_1.startTask)(ctx, {
        ...describeWork('Create', network),
        apply: () => networks(ctx).set((0, appliance_data_1.idOf)(network), network),
    });
}
function updateNetwork(ctx) {
    const stored = table.findResource(ctx, networks(ctx));
    const body = (0, request_body_1.readJsonObject)(ctx);
    table.checkBodyType(ctx, networks(ctx), body);
    (0, etags_1.requireCurrentEtag)(ctx, table.etagOf(stored), body, etag_errors_1.GENERIC_ETAG_MISMATCH);
    if (body['name'] !== undefined)
        requireName(body);
    const updated = networks(ctx).set(stored.id, {
        ...stored.body,
        ...table.pickWritable(body, WRITABLE),
        modified: (0, json_1.formatTimestamp)(ctx.now),
        eTag: (0, identifiers_1.createUuid)(ctx.appliance.random),
    });
    return table.replyResource(ctx, networks(ctx), updated, 200);
}
function deleteNetwork(ctx) {
    const stored = table.findResource(ctx, networks(ctx));
    (0, etags_1.checkOptionalEtag)(ctx, table.etagOf(stored), etag_errors_1.GENERIC_ETAG_MISMATCH);
    return (0, start_task_1.startTask)(ctx, {
        ...describeWork('Delete', stored.body),
        apply: () => networks(ctx).delete(stored.id),
    });
}
function describeWork(name, network) {
    const label = (0, json_1.readText)(network['name']);
    const verb = name.toLowerCase();
    return {
        name,
        resource: (0, seed_tasks_1.describeResource)(network),
        statuses: {
            running: `${name === 'Create' ? 'Creating' : 'Deleting'} network ${label}.`,
            done: `${name} network ${label}.`,
            failed: `Unable to ${verb} network ${label}.`,
        },
        steps: [`${name} network ${label} started.`],
        errorCode: 'NETWORK_OPERATION_FAILED',
        cancellable: false,
    };
}
function requireName(body) {
    const name = body['name'];
    if (typeof name !== 'string' || name.trim() === '') {
        throw (0, error_catalogue_1.createValidationError)('INVALID_NAME', 'The network name is required.', 'name');
    }
    return name;
}
