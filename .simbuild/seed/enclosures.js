"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BAYS_PER_ENCLOSURE = void 0;
exports.generateEnclosures = generateEnclosures;
exports.fillDeviceBays = fillDeviceBays;
const json_1 = require("../json");
const identifiers_1 = require("./identifiers");
/** Device bays of a c7000 enclosure. */
exports.BAYS_PER_ENCLOSURE = 16;
/** Generates `count` c7000 enclosures named like `0000A66101` with ids `0000000000A66101`. */
function generateEnclosures(random, count, baseMs) {
    const prefix = `0000${random.hex(4)}`;
    const groupUri = `/rest/enclosure-groups/${(0, identifiers_1.createUuid)(random)}`;
    const logicalUri = `/rest/logical-enclosures/${(0, identifiers_1.createUuid)(random)}`;
    const seeds = [];
    for (let index = 0; index < count; index += 1) {
        const serial = `${prefix}${(0, identifiers_1.padNumber)(index + 1, 2)}`;
        const uri = `/rest/enclosures/000000${serial}`;
        const createdMs = baseMs + index * 3_600_000 + random.int(0, 999);
        const body = buildEnclosure(random, { serial, uri, groupUri, logicalUri, createdMs });
        seeds.push({ name: serial, uri, groupUri, body });
    }
    return seeds;
}
function buildEnclosure(random, facts) {
    const modified = (0, json_1.formatTimestamp)(facts.createdMs + random.int(60_000, 9_000_000));
    return {
        uri: facts.uri,
        category: 'enclosures',
        name: facts.serial,
        description: null,
        status: random.next() < 0.85 ? 'OK' : 'Warning',
        state: 'Configured',
        stateReason: 'None',
        uuid: facts.serial,
        serialNumber: facts.serial,
        partNumber: '681844-B21',
        enclosureType: 'C7000',
        enclosureModel: 'BladeSystem c7000 Enclosure G3',
        enclosureGroupUri: facts.groupUri,
        logicalEnclosureUri: facts.logicalUri,
        refreshState: 'NotRefreshing',
        uidState: 'Off',
        licensingIntent: 'OneView',
        isFwManaged: true,
        fwBaselineName: null,
        deviceBayCount: exports.BAYS_PER_ENCLOSURE,
        deviceBays: [],
        interconnectBayCount: 8,
        interconnectBays: buildBays(8, 'interconnectUri'),
        powerSupplyBays: buildBays(6, 'model'),
        fanBays: buildBays(10, 'model'),
        managerBays: buildBays(2, 'role'),
        applianceBays: [],
        activeOaPreferredIP: `10.${random.int(1, 250)}.${random.int(1, 250)}.${random.int(2, 250)}`,
        scopesUri: `/rest/scopes/resources${facts.uri}`,
        created: (0, json_1.formatTimestamp)(facts.createdMs),
        modified,
        eTag: modified,
    };
}
function buildBays(count, field) {
    return Array.from({ length: count }, (_, index) => ({
        bayNumber: index + 1,
        devicePresence: 'Present',
        [field]: null,
    }));
}
/** Fills an enclosure's `deviceBays` once its servers exist. */
function fillDeviceBays(enclosure, serverUris) {
    enclosure['deviceBays'] = Array.from({ length: exports.BAYS_PER_ENCLOSURE }, (_, index) => {
        const deviceUri = serverUris[index] ?? null;
        return {
            bayNumber: index + 1,
            devicePresence: deviceUri === null ? 'Absent' : 'Present',
            deviceUri,
            profileUri: null,
            covered: false,
        };
    });
}
