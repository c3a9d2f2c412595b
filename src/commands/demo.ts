import { randomBytes } from 'node:crypto';
import { hashKey } from '../auth/clients';
import { parseConfig } from '../config/load-config';
import { startGateway } from '../gateway';
import { startSimulators } from '../simulator';
import { stopOnSignals } from './serve';

/** The three releases of the demo: an old, a mid and a current appliance. */
const DEMO_APPLIANCES = [
  { id: 'lab-legacy', versions: [120, 800] as [number, number], labels: { site: 'lab' } },
  { id: 'dc2-c7000', versions: [120, 3400] as [number, number], labels: { site: 'dc2' } },
  { id: 'dc1-synergy', versions: [120, 8600] as [number, number], labels: { site: 'dc1' } },
];
/** The appliance also served as a plain OneView origin, for SDKs (on a free port). */
const SDK_APPLIANCE = 'dc1-synergy';
const DEMO_PASSWORD_ENV = 'OVGW_DEMO_APPLIANCE_PASSWORD';

/**
 * `ovgw demo`: three simulated appliances of different releases and a gateway in front of
 * them, with a fresh API key, the in-process store unless REDIS_URL is set, and example
 * requests that work when pasted.
 */
export async function runDemo(options: { port: number }): Promise<void> {
  const password = randomBytes(9).toString('base64url');
  const simulators = await startSimulators(DEMO_APPLIANCES.length, {
    port: 0,
    versions: DEMO_APPLIANCES.map((appliance) => appliance.versions),
    user: 'Administrator',
    password,
    taskMs: 5000,
  });
  const apiKey = `demo-${randomBytes(18).toString('base64url')}`;

  const loaded = parseConfig(
    {
      server: { host: '127.0.0.1', port: options.port },
      store: { redisUrl: process.env.REDIS_URL ?? null },
      appliances: DEMO_APPLIANCES.map((appliance, index) => ({
        id: appliance.id,
        url: simulators[index]?.url,
        credentials: { userName: 'Administrator', passwordEnv: DEMO_PASSWORD_ENV },
        labels: appliance.labels,
        ...(appliance.id === SDK_APPLIANCE ? { sdkPort: 0 } : {}),
      })),
      auth: { mode: 'keys', clients: [{ id: 'demo', keySha256: hashKey(apiKey) }] },
      tasks: { syncIntervalMs: 5000, pollIntervalMs: 1000 },
      logging: { level: process.env.OVGW_LOG_LEVEL ?? 'warn' },
    },
    { [DEMO_PASSWORD_ENV]: password },
  );
  const gateway = await startGateway(loaded);

  stopOnSignals({
    close: async () => {
      await gateway.close();
      await Promise.all(simulators.map((simulator) => simulator.close()));
    },
  });
  printWelcome(
    gateway.url,
    apiKey,
    simulators.map((simulator) => simulator.url),
    gateway.sdkPorts[SDK_APPLIANCE] ?? '',
  );
}

function printWelcome(
  url: string,
  apiKey: string,
  simulatorUrls: string[],
  sdkOrigin: string,
): void {
  const lines = [
    '',
    `oneview-gateway demo: gateway on ${url}`,
    ...DEMO_APPLIANCES.map(
      (appliance, index) =>
        `  appliance ${appliance.id.padEnd(12)} API ${appliance.versions.join('..')}  ` +
        `simulated at ${simulatorUrls[index] ?? ''}`,
    ),
    `  demo API key: ${apiKey}`,
    '',
    'Try (the fleet as one appliance; one appliance, at the version it accepts; the registry):',
    `  curl -s -H 'X-API-Key: ${apiKey}' '${url}/rest/server-hardware?sort=modified:desc&count=5'`,
    `  curl -s -i -H 'X-API-Key: ${apiKey}' '${url}/appliances/lab-legacy/rest/server-hardware?count=1'`,
    `  curl -s -H 'X-API-Key: ${apiKey}' ${url}/appliances`,
    '',
    `${SDK_APPLIANCE} is also a plain OneView origin for SDKs at ${sdkOrigin}`,
    `  (self-signed certificate; log in with userName "demo" and the API key as password):`,
    `  curl -sk ${sdkOrigin}/rest/version`,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
