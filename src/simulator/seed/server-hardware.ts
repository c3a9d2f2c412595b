import { formatTimestamp, type JsonObject } from '../json';
import type { Random } from '../prng';
import { BAYS_PER_ENCLOSURE, type EnclosureSeed } from './enclosures';
import { createSerialId, padNumber } from './identifiers';
import { SERVER_MODELS, type ServerModel } from './server-models';

/** A generated server and what profile generation needs from it. */
export interface ServerSeed {
  body: JsonObject;
  enclosure: EnclosureSeed;
  bay: number;
  hasProfile: boolean;
}

/** Generates `count` blades, 16 per enclosure, named `0000A66101, bay 3`. */
export function generateServers(
  random: Random,
  count: number,
  enclosures: readonly EnclosureSeed[],
  baseMs: number,
): ServerSeed[] {
  const serialPrefix = random.pick(['VCG', 'MXQ', 'CZJ', 'USE']);
  return Array.from({ length: count }, (_, index) => {
    const enclosure = enclosures[Math.floor(index / BAYS_PER_ENCLOSURE)] as EnclosureSeed;
    const bay = (index % BAYS_PER_ENCLOSURE) + 1;
    const serial = `${serialPrefix}${random.hex(5)}${padNumber(index % 100, 2)}`;
    const model = random.pick(SERVER_MODELS);
    const createdMs = baseMs + 7_200_000 + index * 61_000 + random.int(0, 999);
    const body = buildServer(random, { serial, bay, model, enclosure, createdMs, index });
    return { body, enclosure, bay, hasProfile: random.next() < 0.5 };
  });
}

interface ServerFacts {
  serial: string;
  bay: number;
  model: ServerModel;
  enclosure: EnclosureSeed;
  createdMs: number;
  index: number;
}

function buildServer(random: Random, facts: ServerFacts): JsonObject {
  const { model, enclosure } = facts;
  const id = createSerialId(`${facts.serial}B${padNumber(facts.index, 5)}`);
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
    created: formatTimestamp(facts.createdMs),
    modified: formatTimestamp(modifiedMs),
    eTag: String(modifiedMs),
  };
}

function buildManagementProcessor(random: Random, serial: string): JsonObject {
  const address = `10.${random.int(1, 250)}.${random.int(1, 250)}.${random.int(2, 250)}`;
  return {
    mpHostName: `ILO${serial}`,
    mpIpAddresses: [{ address, type: 'DHCP' }],
  };
}
