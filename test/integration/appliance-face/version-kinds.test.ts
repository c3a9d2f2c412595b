import { startSimulators } from '../../../src/simulator';
import { startTestGateway, SIM_PASSWORD } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { uniqueKeyPrefix } from '../../support/test-redis';

const RANGES: Array<[string, number, number]> = [
  ['a', 120, 800],
  ['b', 120, 3400],
  ['c', 120, 8600],
];

describe("a client's own X-API-Version, on every appliance release (the kind of C1)", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: RANGES.map(([, minimum, current]) => [minimum, current]),
      features: [],
    });
    for (const [id] of RANGES) await t.fetch(`/appliances/${id}/rest/enclosures`);
  });
  afterAll(() => t.close());

  it.each(RANGES)(
    'refuses a version above appliance %s (%i..%i) with the whole 412 envelope, without calling it',
    async (id, minimumVersion, currentVersion) => {
      const simulator = t.simulators[RANGES.findIndex(([name]) => name === id)]!;
      const before = simulator.stats().requests.total;
      const requested = currentVersion + 200;

      const response = await t.fetch(`/appliances/${id}/rest/ethernet-networks`, {
        headers: { 'x-api-version': String(requested), 'x-request-id': `pin-${id}` },
      });

      expect(response.status).toBe(412);
      expect(await response.json()).toEqual({
        errorCode: 'API_VERSION_UNSUPPORTED',
        message:
          `Appliance ${id} accepts X-API-Version ${minimumVersion} to ${currentVersion}; ` +
          `the request asked for ${requested}.`,
        details: '',
        recommendedActions: [
          'Send an X-API-Version inside the range in data, or omit it to let the gateway choose.',
        ],
        nestedErrors: [],
        errorSource: null,
        data: { requested, minimumVersion, currentVersion },
        httpStatus: 412,
        source: 'gateway',
        applianceId: id,
        requestId: `pin-${id}`,
      });
      expect(simulator.stats().requests.total).toBe(before);
    },
  );

  it.each(RANGES)(
    'sends a version inside appliance %s (%i..%i) as the client wrote it',
    async (id, minimumVersion) => {
      const simulator = t.simulators[RANGES.findIndex(([name]) => name === id)]!;

      const response = await t.fetch(`/appliances/${id}/rest/enclosures`, {
        headers: { 'x-api-version': String(minimumVersion) },
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('x-api-version')).toBe(String(minimumVersion));
      expect(simulator.stats().recent.at(-1)!.headers['x-api-version']).toBe(
        String(minimumVersion),
      );
    },
  );
});

describe('an appliance restored to an older release (the second half of C1)', () => {
  it.each(['PUT', 'DELETE', 'PATCH'])(
    'renegotiates once and replays a %s once, then answers as the restored appliance would',
    async (method) => {
      const t = await startTestGateway({ versions: [[120, 3400]], features: [] });
      try {
        const simulator = t.simulators[0]!;
        const send = (): Promise<Response> =>
          t.fetch('/appliances/a/rest/ethernet-networks/not-there', {
            method,
            headers: { 'content-type': 'application/json' },
            ...(method === 'DELETE' ? {} : { body: '{"name":"n"}' }),
          });
        await t.fetch('/appliances/a/rest/enclosures');
        simulator.faults({ setVersion: { minimumVersion: 120, currentVersion: 3000 } });
        const before = simulator.stats();

        const replayed = await send();
        const after = simulator.stats();
        const again = await send();

        expect(replayed.headers.get('x-api-version')).toBe('3000');
        expect(replayed.status).not.toBe(412);
        expect({ status: replayed.status, body: await replayed.json() }).toEqual({
          status: again.status,
          body: { ...((await again.json()) as object), requestId: expect.any(String) },
        });
        const negotiations = after.versionRequests - before.versionRequests;
        expect(negotiations).toBe(1);
        // The refused request and its one replay; nothing else reached the appliance.
        expect(after.requests.total - before.requests.total - negotiations).toBe(2);
      } finally {
        await t.close();
      }
    },
  );

  it('renegotiates once for twenty requests that meet the refusal at the same time', async () => {
    const t = await startTestGateway({ versions: [[120, 3400]], features: [] });
    try {
      const simulator = t.simulators[0]!;
      await t.fetch('/appliances/a/rest/enclosures');
      simulator.faults({ setVersion: { minimumVersion: 120, currentVersion: 3000 } });
      const before = simulator.stats().versionRequests;

      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.fetch('/appliances/a/rest/enclosures')),
      );

      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      expect(answers.map((answer) => answer.headers.get('x-api-version'))).toEqual(
        Array(20).fill('3000'),
      );
      expect(simulator.stats().versionRequests - before).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('replicas that start cold together', () => {
  it('make one GET /rest/version between them, and one login each', async () => {
    const keyPrefix = uniqueKeyPrefix('cold-pair');
    // A little latency keeps both replicas' first lookups in flight at the same time.
    const [simulator] = await startSimulators(1, {
      port: 0,
      password: SIM_PASSWORD,
      versions: [[120, 3400]],
      latencyMs: 50,
    });
    const first = await startTestGateway({ simulators: [simulator!], keyPrefix, features: [] });
    const second = await startTestGateway({ simulators: [simulator!], keyPrefix, features: [] });
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? first : second).fetch('/appliances/a/rest/enclosures'),
        ),
      );

      expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(200));
      expect(simulator!.stats().versionRequests).toBe(1);
      expect(simulator!.stats().logins).toBe(2);
    } finally {
      await first.close();
      await second.close();
      await simulator!.close();
    }
  });
});
