import { formatTimestamp, type JsonObject } from '../json';
import type { Random } from '../prng';
import { createUuid, padNumber } from './identifiers';

/** Device bays of a c7000 enclosure. */
export const BAYS_PER_ENCLOSURE = 16;

// A c7000 with six 2650 W supplies in redundant AC feeds: half of them carry the load.
const POWER_CAPACITY_WATTS = 3 * 2650;
const BASE_ALLOCATED_WATTS = 1200;
const BLADE_ALLOCATED_WATTS = 380;

/** What server-hardware generation needs to know about its enclosure. */
export interface EnclosureSeed {
  name: string;
  uri: string;
  groupUri: string;
  body: JsonObject;
}

/** Generates `count` c7000 enclosures named like `0000A66101` with ids `0000000000A66101`. */
export function generateEnclosures(random: Random, count: number, baseMs: number): EnclosureSeed[] {
  const prefix = `0000${random.hex(4)}`;
  const groupUri = `/rest/enclosure-groups/${createUuid(random)}`;
  const logicalUri = `/rest/logical-enclosures/${createUuid(random)}`;
  const seeds: EnclosureSeed[] = [];
  for (let index = 0; index < count; index += 1) {
    const serial = `${prefix}${padNumber(index + 1, 2)}`;
    const uri = `/rest/enclosures/000000${serial}`;
    const createdMs = baseMs + index * 3_600_000 + random.int(0, 999);
    const body = buildEnclosure(random, { serial, uri, groupUri, logicalUri, createdMs });
    seeds.push({ name: serial, uri, groupUri, body });
  }
  return seeds;
}

interface EnclosureFacts {
  serial: string;
  uri: string;
  groupUri: string;
  logicalUri: string;
  createdMs: number;
}

function buildEnclosure(random: Random, facts: EnclosureFacts): JsonObject {
  const modified = formatTimestamp(facts.createdMs + random.int(60_000, 9_000_000));
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
    deviceBayCount: BAYS_PER_ENCLOSURE,
    deviceBays: [],
    interconnectBayCount: 8,
    interconnectBays: buildBays(8, 'interconnectUri'),
    powerSupplyBays: buildBays(6, 'model'),
    fanBays: buildBays(10, 'model'),
    managerBays: buildBays(2, 'role'),
    applianceBays: [],
    powerMode: 'RedundantPowerFeed',
    powerCapacityWatts: POWER_CAPACITY_WATTS,
    powerCapacityBoostWatts: 0,
    // Allocated and available follow from the blades, counted by fillDeviceBays.
    powerAllocatedWatts: BASE_ALLOCATED_WATTS,
    powerAvailableWatts: POWER_CAPACITY_WATTS - BASE_ALLOCATED_WATTS,
    activeOaPreferredIP: `10.${random.int(1, 250)}.${random.int(1, 250)}.${random.int(2, 250)}`,
    scopesUri: `/rest/scopes/resources${facts.uri}`,
    created: formatTimestamp(facts.createdMs),
    modified,
    eTag: modified,
  };
}

function buildBays(count: number, field: string): JsonObject[] {
  return Array.from({ length: count }, (_, index) => ({
    bayNumber: index + 1,
    devicePresence: 'Present',
    [field]: null,
  }));
}

/**
 * Fills an enclosure's `deviceBays` once its servers and their profiles exist, and its power
 * figures, which follow from how many bays hold a blade.
 */
export function fillDeviceBays(enclosure: JsonObject, servers: readonly JsonObject[]): void {
  enclosure['deviceBays'] = Array.from({ length: BAYS_PER_ENCLOSURE }, (_, index) => {
    const server = servers[index];
    return {
      bayNumber: index + 1,
      devicePresence: server === undefined ? 'Absent' : 'Present',
      deviceUri: server?.['uri'] ?? null,
      profileUri: server?.['serverProfileUri'] ?? null,
      covered: false,
    };
  });
  const blades = Math.min(servers.length, BAYS_PER_ENCLOSURE);
  const allocated = BASE_ALLOCATED_WATTS + blades * BLADE_ALLOCATED_WATTS;
  enclosure['powerAllocatedWatts'] = allocated;
  enclosure['powerAvailableWatts'] = Math.max(0, POWER_CAPACITY_WATTS - allocated);
}
