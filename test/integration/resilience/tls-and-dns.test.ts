import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ErrorEnvelope } from '../../../src/errors/error-message';
import { startSimulators } from '../../../src/simulator';
import type { SimulatorHandle } from '../../../src/simulator';
import { loadCertificate } from '../../../src/server/self-signed-certificate';
import { startTestGateway, SIM_PASSWORD } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { sampleOf, scrape } from '../../support/metrics-scrape';

const CREDENTIALS = { userName: 'Administrator', passwordEnv: 'TEST_SIM_PASSWORD' };
const TLS_ACTION =
  "Trust the appliance's certificate with appliances[].tls.caFile, or fix its name.";
const UNREACHABLE_ACTION =
  'Check that the appliance is up and reachable from the gateway at its configured url.';

function envelope(
  applianceId: string,
  errorCode: string,
  message: string,
  recommendedAction: string,
  requestId: string,
): ErrorEnvelope {
  return {
    errorCode,
    message,
    // The first call to an appliance is its negotiation: that is where the transport fails.
    details: 'GET /rest/version',
    recommendedActions: [recommendedAction],
    nestedErrors: [],
    errorSource: null,
    data: {},
    httpStatus: 502,
    source: 'gateway',
    applianceId,
    requestId,
  };
}

/**
 * TLS settings are per appliance: one gateway holds an HTTPS appliance trusted through its
 * caFile, the same certificate untrusted on another, a trusted certificate that does not name
 * the host it is reached by, and a host name that does not resolve.
 */
describe('TLS and name failures, appliance by appliance', () => {
  let t: TestGateway;
  let simulators: SimulatorHandle[];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ovgw-ca-'));
    const caFile = path.join(dir, 'simulator-ca.pem');
    writeFileSync(caFile, (await loadCertificate()).cert);
    const local = await startSimulators(2, { port: 0, tls: true, password: SIM_PASSWORD });
    // Its certificate names localhost, 127.0.0.1 and ::1; it is reached as 127.0.0.2.
    const misnamed = await startSimulators(1, {
      port: 0,
      tls: true,
      password: SIM_PASSWORD,
      host: '127.0.0.2',
    });
    simulators = [...local, ...misnamed];
    t = await startTestGateway({
      simulators,
      features: [],
      config: {
        appliances: [
          { id: 'trusted', url: local[0]!.url, credentials: CREDENTIALS, tls: { caFile } },
          { id: 'untrusted', url: local[1]!.url, credentials: CREDENTIALS },
          { id: 'misnamed', url: misnamed[0]!.url, credentials: CREDENTIALS, tls: { caFile } },
          { id: 'nowhere', url: 'https://appliance.no-such-host.invalid' },
        ],
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(simulators.map((simulator) => simulator.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function errorsTotal(code: string): Promise<number> {
    return sampleOf(await scrape(t.url), 'ovgw_errors_total', { code, source: 'gateway' });
  }

  it.each([
    [
      'untrusted',
      'APPLIANCE_TLS_ERROR',
      'TLS to appliance untrusted failed: self-signed certificate.',
      TLS_ACTION,
    ],
    [
      'misnamed',
      'APPLIANCE_TLS_ERROR',
      'TLS to appliance misnamed failed: certificate does not name the appliance host.',
      TLS_ACTION,
    ],
    [
      'nowhere',
      'APPLIANCE_UNREACHABLE',
      'Appliance nowhere could not be reached: host name not found.',
      UNREACHABLE_ACTION,
    ],
  ])(
    'answers %s with 502 %s while the trusted appliance answers between its failures',
    async (id, code, message, action) => {
      const before = await errorsTotal(code);
      const order: string[] = [];
      const bodies: unknown[] = [];

      for (const [target, requestId] of [
        [id, `${id}-1`],
        ['trusted', 'trusted-1'],
        [id, `${id}-2`],
      ] as const) {
        const response = await t.fetch(`/appliances/${target}/rest/enclosures`, {
          headers: { 'x-request-id': requestId },
        });
        order.push(`${target}:${response.status}`);
        if (target === id) bodies.push(await response.json());
        else await response.arrayBuffer();
      }

      expect(order).toEqual([`${id}:502`, 'trusted:200', `${id}:502`]);
      expect(bodies).toEqual([
        envelope(id, code, message, action, `${id}-1`),
        envelope(id, code, message, action, `${id}-2`),
      ]);
      expect(await errorsTotal(code)).toBe(before + 2);
    },
  );

  it('reaches the trusted appliance over its own pool, logged in once', async () => {
    const response = await t.fetch('/appliances/trusted/rest/server-hardware?count=1');

    expect(response.status).toBe(200);
    expect(response.headers.get('x-appliance-id')).toBe('trusted');
    expect(simulators[0]!.stats().logins).toBe(1);
    expect(simulators[1]!.stats().requests.total).toBe(0);
  });
});
