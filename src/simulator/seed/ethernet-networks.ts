import { formatTimestamp, type JsonObject } from '../json';
import type { Random } from '../prng';
import { createUuid } from './identifiers';

const PURPOSES = ['General', 'General', 'Management', 'VMMigration', 'FaultTolerance'];

/** Generates tagged networks named `Prod-VLAN-101`, with UUID eTags as appliances give them. */
export function generateNetworks(random: Random, count: number, baseMs: number): JsonObject[] {
  const firstVlan = random.int(10, 90) * 10;
  const fabricUri = `/rest/fabrics/${createUuid(random)}`;
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

/** The fields a network is made from; also used when a client creates one. */
export interface NetworkFacts {
  name: string;
  vlanId: number;
  purpose: string;
  fabricUri: string;
  createdMs: number;
  smartLink?: boolean;
  privateNetwork?: boolean;
  ethernetNetworkType?: string;
}

/** Builds an ethernet-network body. */
export function buildNetwork(random: Random, facts: NetworkFacts): JsonObject {
  const id = createUuid(random);
  const created = formatTimestamp(facts.createdMs);
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
    connectionTemplateUri: `/rest/connection-templates/${createUuid(random)}`,
    fabricUri: facts.fabricUri,
    scopesUri: `/rest/scopes/resources/rest/ethernet-networks/${id}`,
    created,
    modified: created,
    eTag: createUuid(random),
  };
}
