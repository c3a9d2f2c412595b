import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';

const THREE: Array<[number, number]> = [
  [120, 8600],
  [120, 8600],
  [120, 8600],
];
const hang = { failNext: { count: 100, body: 'hang' as const, path: '/rest/server-profiles' } };

interface ErrorBody {
  errorCode: string;
  httpStatus: number;
  source: string;
  nestedErrors: Array<{ errorCode: string; applianceId: string }>;
}

describe('one appliance down does not break the listing (C6)', () => {
  let t: TestGateway;

  beforeEach(async () => {
    t = await startTestGateway({
      versions: THREE,
      config: { fleet: { timeoutMs: 500, cacheTtlMs: 0 } },
    });
    // Negotiated and logged in first, so that the measured time is the listing's alone.
    await t.fetch('/rest/enclosures');
  });
  afterEach(() => t.close());

  it('answers 200 after about fleet.timeoutMs with the members of the others', async () => {
    t.simulators[1]!.faults(hang);
    const started = Date.now();
    const response = await t.fetch('/rest/server-profiles');
    const elapsed = Date.now() - started;
    const body = (await response.json()) as {
      members: Array<{ applianceId: string }>;
      appliances: Array<{ id: string; status: string; error?: { errorCode: string } }>;
    };

    expect(response.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1500);
    expect(response.headers.get('x-gateway-complete')).toBe('false');
    expect(new Set(body.members.map((m) => m.applianceId))).toEqual(new Set(['a', 'c']));
    expect(body.appliances.map((a) => [a.id, a.status, a.error?.errorCode])).toEqual([
      ['a', 'ok', undefined],
      ['b', 'error', 'APPLIANCE_TIMEOUT'],
      ['c', 'ok', undefined],
    ]);
  });

  it('waits for the slowest once, not once per hanging appliance', async () => {
    t.simulators[0]!.faults(hang);
    t.simulators[1]!.faults(hang);
    const started = Date.now();
    const response = await t.fetch('/rest/server-profiles');

    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(950);
  });

  it('answers 502 ALL_APPLIANCES_FAILED with one nested error per appliance', async () => {
    t.simulators.forEach((sim) => sim.faults(hang));
    const response = await t.fetch('/rest/server-profiles');
    const body = (await response.json()) as ErrorBody;

    expect(response.status).toBe(502);
    expect(body).toMatchObject({
      errorCode: 'ALL_APPLIANCES_FAILED',
      httpStatus: 502,
      source: 'gateway',
    });
    expect(body.nestedErrors.map((e) => [e.applianceId, e.errorCode])).toEqual([
      ['a', 'APPLIANCE_TIMEOUT'],
      ['b', 'APPLIANCE_TIMEOUT'],
      ['c', 'APPLIANCE_TIMEOUT'],
    ]);
  });

  it('lists an appliance that refuses connections as unreachable', async () => {
    t.simulators[2]!.faults({ refuseConnections: 5000 });
    const response = await t.fetch('/rest/server-profiles');
    const body = (await response.json()) as {
      appliances: Array<{ id: string; error?: { errorCode: string } }>;
    };

    expect(response.status).toBe(200);
    expect(body.appliances[2]).toMatchObject({ id: 'c', status: 'error' });
    expect(body.appliances[2]!.error!.errorCode).toBe('APPLIANCE_UNREACHABLE');
  });

  it.each([
    ['an HTML page from a front proxy', { body: 'html', status: 502 }, 'APPLIANCE_BAD_RESPONSE'],
    ['an empty 500', { body: 'empty', status: 500 }, 'APPLIANCE_BAD_RESPONSE'],
    ['a body cut in the middle', { body: 'truncated', status: 200 }, 'APPLIANCE_BAD_RESPONSE'],
    ['a reset connection', { body: 'reset' }, 'APPLIANCE_UNREACHABLE'],
  ] as const)(
    'lists an appliance that answers %s as failed, keeping the others',
    async (_kind, failure, code) => {
      t.simulators[1]!.faults({
        failNext: { count: 10, path: '/rest/server-profiles', ...failure },
      });
      const response = await t.fetch('/rest/server-profiles');
      const body = (await response.json()) as {
        members: Array<{ applianceId: string }>;
        appliances: Array<{ id: string; status: string; error?: { errorCode: string } }>;
      };

      expect(response.status).toBe(200);
      expect(response.headers.get('x-gateway-complete')).toBe('false');
      expect(new Set(body.members.map((m) => m.applianceId))).toEqual(new Set(['a', 'c']));
      expect(body.appliances.map((a) => [a.id, a.status, a.error?.errorCode])).toEqual([
        ['a', 'ok', undefined],
        ['b', 'error', code],
        ['c', 'ok', undefined],
      ]);
    },
  );

  it('finds the owner of a resource within fleet.timeoutMs while another appliance hangs', async () => {
    const list = await t.fetch('/appliances/c/rest/server-profiles?count=1');
    const { uri } = ((await list.json()) as { members: Array<{ uri: string }> }).members[0]!;
    t.simulators[0]!.faults(hang);
    const started = Date.now();

    const response = await t.fetch(uri);

    expect(response.status).toBe(200);
    expect(response.headers.get('x-appliance-id')).toBe('c');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('answers the fleet version from the others while one appliance is unreachable', async () => {
    t.simulators[1]!.faults({ refuseConnections: 60_000 });
    // The gateway forgets b's cached version and finds b unreachable when it asks again.
    await (await t.fetch('/appliances/b/refresh', { method: 'POST' })).arrayBuffer();

    const response = await fetch(`${t.url}/rest/version`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ minimumVersion: 120, currentVersion: 8600 });
  });

  it('keeps an appliance error answer as the appliance sent it', async () => {
    t.simulators[0]!.faults({ failNext: { count: 5, status: 500, path: '/rest/server-profiles' } });
    const response = await t.fetch('/rest/server-profiles');
    const body = (await response.json()) as {
      appliances: Array<{ error?: { source: string; httpStatus: number } }>;
    };

    expect(response.headers.get('x-gateway-complete')).toBe('false');
    expect(body.appliances[0]!.error).toMatchObject({ source: 'appliance', httpStatus: 500 });
  });
});

describe('passthrough appliances on the fleet face', () => {
  it('skips them with APPLIANCE_REQUIRED, never with a client session', async () => {
    const t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
      ],
      passthrough: [1],
    });
    try {
      const response = await t.fetch('/rest/enclosures');
      const body = (await response.json()) as {
        appliances: Array<{ id: string; status: string; error?: { errorCode: string } }>;
      };

      expect(response.status).toBe(200);
      expect(response.headers.get('x-gateway-complete')).toBe('false');
      expect(body.appliances[1]).toMatchObject({ id: 'b', status: 'error' });
      expect(body.appliances[1]!.error!.errorCode).toBe('APPLIANCE_REQUIRED');
      expect(t.simulators[1]!.stats().requests.byRoute['GET /rest/enclosures']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
