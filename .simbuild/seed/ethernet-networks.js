"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generateNetworks = generateNetworks;
exports.buildNetwork = buildNetwork;
const json_1 = require("../json");
const identifiers_1 = require("./identifiers");
const PURPOSES = ['General', 'General', 'Management', 'VMMigration', 'FaultTolerance'];
/** Generates tagged networks named `Prod-VLAN-101`, with UUID eTags as appliances give them. */
function generateNetworks(random, count, baseMs) {
    const firstVlan = random.int(10, 90) * 10;
    const fabricUri = `/rest/fabrics/${(0, identifiers_1.createUuid)(random)}`;
    return Array.from({ length: count }, (_, index) => {
        const vlanId = firstVlan + index + 1;
        const createdMs = baseMs + 3_000_000 + index * 47_000 + random.int(0, 999);
        return buildNetwork(random, {
            name: `Prod-VLAN-${vlanId}`,
            vlanId,
            purpose: random.pick(PURPOSES),
            fabricUri,
            createdMs,
        });
    });
}
/** Builds an ethernet-network body. */
function buildNetwork(random, facts) {
    const id = (0, identifiers_1.createUuid)(random);
    const created = (0, json_1.formatTimestamp)(facts.createdMs);
    return {
        uri: `/rest/ethernet-networks/${id}`,
        category: 'ethernet-networks',
        name: facts.name,
        description: null,
        status: 'OK',
        state: 'Active',
        vlanId: facts.vlanId,
        subnetUri: null,
        purpose: facts.purpose,
        smartLink: facts.smartLink ?? true,
        privateNetwork: facts.privateNetwork ?? false,
        ethernetNetworkType: facts.ethernetNetworkType ?? 'Tagged',
        connectionTemplateUri: `/rest/connection-templates/${(0, identifiers_1.createUuid)(random)}`,
        fabricUri: facts.fabricUri,
        scopesUri: `/rest/scopes/resources/rest/ethernet-networks/${id}`,
        created,
        modified: created,
        eTag: (0, identifiers_1.createUuid)(random),
    };
}
