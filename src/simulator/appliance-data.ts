import { type JsonObject, readText } from './json';
import { createRandom, mixSeed, type Random } from './prng';
import { ResourceTable } from './resource-table';
import * as types from './resource-types';
import { generateAlerts } from './seed/alerts';
import { BAYS_PER_ENCLOSURE, fillDeviceBays, generateEnclosures } from './seed/enclosures';
import { generateNetworks } from './seed/ethernet-networks';
import { generateServers } from './seed/server-hardware';
import { generateProfiles } from './seed/server-profiles';
import { generatePastTasks } from './tasks/seed-tasks';
import { TaskStore } from './tasks/task-store';

/** The resources of one appliance. */
export interface ApplianceData {
  serverHardware: ResourceTable;
  serverProfiles: ResourceTable;
  enclosures: ResourceTable;
  ethernetNetworks: ResourceTable;
  alerts: ResourceTable;
  backups: ResourceTable;
  tasks: TaskStore;
  /** The appliance's own identity (`/rest/appliance/nodeinfo/version`). */
  identity: { uuid: string; serialNumber: string; hostName: string };
  /** Fabric of the appliance's networks, used for networks created later. */
  fabricUri: string;
}

// Seeded timestamps start where OneView's documentation examples do.
const BASE_MS = Date.UTC(2015, 8, 10, 20, 12, 50, 6);

/** Generates an appliance's resources: identical for the same seed, id and server count. */
export function generateApplianceData(seed: number, id: string, servers: number): ApplianceData {
  const random = createRandom(mixSeed(seed, id));
  const seeds = generateSeeds(random, servers);
  const data = createTables();
  fill(data.enclosures, seeds.enclosures);
  fill(data.serverHardware, seeds.servers);
  fill(data.serverProfiles, seeds.profiles);
  fill(data.ethernetNetworks, seeds.networks);
  fill(data.alerts, seeds.alerts);
  const history = [
    ...seeds.servers.slice(0, 4),
    ...seeds.networks.slice(0, 2),
    ...seeds.profiles.slice(0, 2),
  ];
  for (const task of generatePastTasks(random, history, BASE_MS)) data.tasks.add(task);
  const identity = {
    uuid: random.hex(32).toLowerCase(),
    serialNumber: `VCG${random.hex(7)}`,
    hostName: `ci${random.hex(12).toLowerCase()}`,
  };
  const fabricUri = readText(seeds.networks[0]?.['fabricUri']) || '/rest/fabrics/none';
  return { ...data, identity, fabricUri };
}

interface SeedBodies {
  enclosures: JsonObject[];
  servers: JsonObject[];
  networks: JsonObject[];
  profiles: JsonObject[];
  alerts: JsonObject[];
}

// The order of generation is part of the seed's contract: changing it changes every body.
function generateSeeds(random: Random, servers: number): SeedBodies {
  const enclosureCount = Math.max(1, Math.ceil(servers / BAYS_PER_ENCLOSURE));
  const enclosures = generateEnclosures(random, enclosureCount, BASE_MS);
  const serverSeeds = generateServers(random, servers, enclosures, BASE_MS);
  const networks = generateNetworks(random, 8, BASE_MS);
  const profiles = generateProfiles(random, serverSeeds, networks, BASE_MS);
  const serverBodies = serverSeeds.map((server) => server.body);
  const alerts = generateAlerts(random, 12, serverBodies, BASE_MS);
  enclosures.forEach((enclosure, index) => {
    const start = index * BAYS_PER_ENCLOSURE;
    const inBays = serverBodies.slice(start, start + BAYS_PER_ENCLOSURE);
    fillDeviceBays(enclosure.body, inBays);
  });
  const enclosureBodies = enclosures.map((enclosure) => enclosure.body);
  return { enclosures: enclosureBodies, servers: serverBodies, networks, profiles, alerts };
}

function createTables(): Omit<ApplianceData, 'identity' | 'fabricUri'> {
  return {
    serverHardware: new ResourceTable(
      'server-hardware',
      '/rest/server-hardware',
      types.SERVER_HARDWARE_TYPES,
      types.SERVER_HARDWARE_LIST_TYPES,
    ),
    serverProfiles: new ResourceTable(
      'server-profiles',
      '/rest/server-profiles',
      types.SERVER_PROFILE_TYPES,
      types.SERVER_PROFILE_LIST_TYPES,
    ),
    enclosures: new ResourceTable(
      'enclosures',
      '/rest/enclosures',
      types.ENCLOSURE_TYPES,
      types.ENCLOSURE_LIST_TYPES,
    ),
    ethernetNetworks: new ResourceTable(
      'ethernet-networks',
      '/rest/ethernet-networks',
      types.ETHERNET_NETWORK_TYPES,
      types.NETWORK_COLLECTION_TYPES,
    ),
    alerts: new ResourceTable(
      'alerts',
      '/rest/alerts',
      types.ALERT_TYPES,
      types.ALERT_COLLECTION_TYPES,
    ),
    backups: new ResourceTable(
      'backups',
      '/rest/backups',
      types.BACKUP_TYPES,
      types.BACKUP_COLLECTION_TYPES,
    ),
    tasks: new TaskStore(),
  };
}

function fill(table: ResourceTable, bodies: readonly JsonObject[]): void {
  for (const body of bodies) table.set(idOf(body), body);
}

/** The last segment of a resource's `uri`: its id. */
export function idOf(body: JsonObject): string {
  const uri = readText(body['uri']);
  return uri.slice(uri.lastIndexOf('/') + 1);
}
