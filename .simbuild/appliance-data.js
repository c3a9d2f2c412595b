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
exports.generateApplianceData = generateApplianceData;
exports.idOf = idOf;
const json_1 = require("./json");
const prng_1 = require("./prng");
const resource_table_1 = require("./resource-table");
const types = __importStar(require("./resource-types"));
const alerts_1 = require("./seed/alerts");
const enclosures_1 = require("./seed/enclosures");
const ethernet_networks_1 = require("./seed/ethernet-networks");
const server_hardware_1 = require("./seed/server-hardware");
const server_profiles_1 = require("./seed/server-profiles");
const seed_tasks_1 = require("./tasks/seed-tasks");
const task_store_1 = require("./tasks/task-store");
// Seeded timestamps start where OneView's documentation examples do.
const BASE_MS = Date.UTC(2015, 8, 10, 20, 12, 50, 6);
/** Generates an appliance's resources: identical for the same seed, id and server count. */
function generateApplianceData(seed, id, servers) {
    const random = (0, prng_1.createRandom)((0, prng_1.mixSeed)(seed, id));
    const enclosureSeeds = (0, enclosures_1.generateEnclosures)(random, Math.max(1, Math.ceil(servers / enclosures_1.BAYS_PER_ENCLOSURE)), BASE_MS);
    const serverSeeds = (0, server_hardware_1.generateServers)(random, servers, enclosureSeeds, BASE_MS);
    const networks = (0, ethernet_networks_1.generateNetworks)(random, 8, BASE_MS);
    const profiles = (0, server_profiles_1.generateProfiles)(random, serverSeeds, networks, BASE_MS);
    const serverBodies = serverSeeds.map((server) => server.body);
    const alerts = (0, alerts_1.generateAlerts)(random, 12, serverBodies, BASE_MS);
    enclosureSeeds.forEach((enclosure, index) => {
        const start = index * enclosures_1.BAYS_PER_ENCLOSURE;
        const uris = serverBodies
            .slice(start, start + enclosures_1.BAYS_PER_ENCLOSURE)
            .map((s) => (0, json_1.readText)(s['uri']));
        (0, enclosures_1.fillDeviceBays)(enclosure.body, uris);
    });
    const data = createTables();
    fill(data.enclosures, enclosureSeeds.map((enclosure) => enclosure.body));
    fill(data.serverHardware, serverBodies);
    fill(data.serverProfiles, profiles);
    fill(data.ethernetNetworks, networks);
    fill(data.alerts, alerts);
    const history = [...serverBodies.slice(0, 4), ...networks.slice(0, 2), ...profiles.slice(0, 2)];
    for (const task of (0, seed_tasks_1.generatePastTasks)(random, history, BASE_MS))
        data.tasks.add(task);
    const identity = {
        uuid: random.hex(32).toLowerCase(),
        serialNumber: `VCG${random.hex(7)}`,
        hostName: `ci${random.hex(12).toLowerCase()}`,
    };
    return {
        ...data,
        identity,
        fabricUri: (0, json_1.readText)(networks[0]?.['fabricUri']) || '/rest/fabrics/none',
    };
}
function createTables() {
    return {
        serverHardware: new resource_table_1.ResourceTable('server-hardware', '/rest/server-hardware', types.SERVER_HARDWARE_TYPES, types.SERVER_HARDWARE_LIST_TYPES),
        serverProfiles: new resource_table_1.ResourceTable('server-profiles', '/rest/server-profiles', types.SERVER_PROFILE_TYPES, types.SERVER_PROFILE_LIST_TYPES),
        enclosures: new resource_table_1.ResourceTable('enclosures', '/rest/enclosures', types.ENCLOSURE_TYPES, types.ENCLOSURE_LIST_TYPES),
        ethernetNetworks: new resource_table_1.ResourceTable('ethernet-networks', '/rest/ethernet-networks', types.ETHERNET_NETWORK_TYPES, types.NETWORK_COLLECTION_TYPES),
        alerts: new resource_table_1.ResourceTable('alerts', '/rest/alerts', types.ALERT_TYPES, types.ALERT_COLLECTION_TYPES),
        backups: new resource_table_1.ResourceTable('backups', '/rest/backups', types.BACKUP_TYPES, types.BACKUP_COLLECTION_TYPES),
        tasks: new task_store_1.TaskStore(),
    };
}
function fill(table, bodies) {
    for (const body of bodies)
        table.set(idOf(body), body);
}
/** The last segment of a resource's `uri`: its id. */
function idOf(body) {
    const uri = (0, json_1.readText)(body['uri']);
    return uri.slice(uri.lastIndexOf('/') + 1);
}
