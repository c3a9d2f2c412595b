"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generateServers = generateServers;
const json_1 = require("../json");
const enclosures_1 = require("./enclosures");
const identifiers_1 = require("./identifiers");
const server_models_1 = require("./server-models");
/** Generates `count` blades, 16 per enclosure, named `0000A66101, bay 3`. */
function generateServers(random, count, enclosures, baseMs) {
    const serialPrefix = random.pick(['VCG', 'MXQ', 'CZJ', 'USE']);
    return Array.from({ length: count }, (_, index) => {
        const enclosure = enclosures[Math.floor(index / enclosures_1.BAYS_PER_ENCLOSURE)];
        const bay = (index % enclosures_1.BAYS_PER_ENCLOSURE) + 1;
        const serial = `${serialPrefix}${random.hex(5)}${(0, identifiers_1.padNumber)(index % 100, 2)}`;
        const model = random.pick(server_models_1.SERVER_MODELS);
        const createdMs = baseMs + 7_200_000 + index * 61_000 + random.int(0, 999);
        const body = buildServer(random, { serial, bay, model, enclosure, createdMs, index });
        return { body, enclosure, bay, hasProfile: random.next() < 0.5 };
    });
}
function buildServer(random, facts) {
    const { model, enclosure } = facts;
    const id = (0, identifiers_1.createSerialId)(`${facts.serial}B${(0, identifiers_1.padNumber)(facts.index, 5)}`);
    const modifiedMs = facts.createdMs + random.int(60_000, 90_000_000);
    return {
        uri: `/rest/server-hardware/${id}`,
        category: 'server-hardware',
        name: `${enclosure.name}, bay ${facts.bay}`,
        description: null,
        status: random.pick(['OK', 'OK', 'OK', 'OK', 'OK', 'Warning', 'Critical']),
        state: 'NoProfileApplied',
        stateReason: 'NotApplicable',
        uuid: `${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`,
        serialNumber: facts.serial,
        partNumber: '727021-B21',
        model: model.model,
        shortModel: model.shortModel,
        formFactor: model.formFactor,
        position: facts.bay,
        locationUri: enclosure.uri,
        serverHardwareTypeUri: `/rest/server-hardware-types/${model.typeId}`,
        serverGroupUri: enclosure.groupUri,
        serverProfileUri: null,
        powerState: random.pick(['On', 'On', 'Off']),
        powerLock: false,
        refreshState: 'NotRefreshing',
        uidState: 'Off',
        licensingIntent: 'OneView',
        mpModel: model.mpModel,
        mpFirmwareVersion: model.mpFirmwareVersion,
        mpHostInfo: buildManagementProcessor(random, facts.serial),
        romVersion: model.romVersion,
        processorCount: 2,
        processorCoreCount: model.processorCoreCount,
        processorSpeedMhz: model.processorSpeedMhz,
        processorType: model.processorType,
        memoryMb: model.memoryMb,
        portMap: { deviceSlots: [] },
        signature: { personalityChecksum: 0, serverHwChecksum: random.int(1, 2_000_000_000) },
        scopesUri: `/rest/scopes/resources/rest/server-hardware/${id}`,
        created: (0, json_1.formatTimestamp)(facts.createdMs),
        modified: (0, json_1.formatTimestamp)(modifiedMs),
        eTag: String(modifiedMs),
    };
}
function buildManagementProcessor(random, serial) {
    const address = `10.${random.int(1, 250)}.${random.int(1, 250)}.${random.int(2, 250)}`;
    return {
        mpHostName: `ILO${serial}`,
        mpIpAddresses: [{ address, type: 'DHCP' }],
    };
}
