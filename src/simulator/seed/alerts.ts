import { formatTimestamp, type JsonObject } from '../json';
import type { Random } from '../prng';

interface AlertKind {
  alertTypeID: string;
  description: string;
  correctiveAction: string | null;
  healthCategory: string;
  severity: string;
  urgency: string;
}

const KINDS: readonly AlertKind[] = [
  {
    alertTypeID: 'Trap.coldStart',
    description: 'The server has been restarted.',
    correctiveAction: null,
    healthCategory: 'Operational',
    severity: 'OK',
    urgency: 'None',
  },
  {
    alertTypeID: 'Trap.cpqHe3FltTolPowerSupplyDegraded',
    description: 'A power supply of the enclosure is degraded.',
    correctiveAction: 'Check the power supply and replace it if it has failed.',
    healthCategory: 'Power',
    severity: 'Warning',
    urgency: 'Medium',
  },
  {
    alertTypeID: 'Trap.cpqHeCorrMemReplaceMemModule',
    description: 'Correctable memory errors require a memory module replacement.',
    correctiveAction: 'Replace the memory module named in the Integrated Management Log.',
    healthCategory: 'Memory',
    severity: 'Critical',
    urgency: 'High',
  },
  {
    alertTypeID: 'Trap.cpqHeThermalTempDegraded',
    description: 'The temperature of a sensor is outside its normal range.',
    correctiveAction: 'Check the fans and the airflow of the enclosure.',
    healthCategory: 'Thermal',
    severity: 'Warning',
    urgency: 'Medium',
  },
];

/** Generates alerts with small integer ids (`/rest/alerts/49`) raised on servers. */
export function generateAlerts(
  random: Random,
  count: number,
  servers: readonly JsonObject[],
  baseMs: number,
): JsonObject[] {
  const firstId = random.int(20, 80);
  return Array.from({ length: servers.length === 0 ? 0 : count }, (_, index) => {
    const server = random.pick(servers);
    const createdMs = baseMs + 172_800_000 + index * 1_234_000 + random.int(0, 999);
    return buildAlert(random.pick(KINDS), firstId + index, server, createdMs, random);
  });
}

function buildAlert(
  kind: AlertKind,
  id: number,
  server: JsonObject,
  createdMs: number,
  random: Random,
): JsonObject {
  const created = formatTimestamp(createdMs);
  const cleared = random.next() < 0.25;
  return {
    uri: `/rest/alerts/${id}`,
    category: 'alerts',
    description: kind.description,
    correctiveAction: kind.correctiveAction,
    alertTypeID: kind.alertTypeID,
    severity: kind.severity,
    alertState: cleared ? 'Cleared' : 'Active',
    urgency: kind.urgency,
    healthCategory: kind.healthCategory,
    lifeCycle: false,
    serviceEventSource: false,
    resourceUri: server['uri'] ?? null,
    physicalResourceType: 'server-hardware',
    associatedResource: {
      resourceName: server['name'] ?? null,
      resourceUri: server['uri'] ?? null,
      resourceCategory: 'server-hardware',
      associationType: 'HAS_A',
    },
    associatedEventUris: [`/rest/events/${id * 3}`],
    changeLog: [],
    assignedToUser: null,
    clearedByUser: cleared ? 'Administrator' : null,
    clearedTime: cleared ? formatTimestamp(createdMs + 600_000) : null,
    activityUri: `/rest/alerts/${id}`,
    created,
    modified: created,
    eTag: String(createdMs),
  };
}
