import { startSimulator } from '../../../src/simulator';
import type { SimulatorHandle } from '../../../src/simulator';
import { SIM_PASSWORD, startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';

interface FleetBody {
  total: number;
  count: number;
  start: number;
  members: Array<Record<string, unknown> & { name: string; applianceId: string }>;
  appliances: Array<{ id: string; status: string; total: number; truncated: boolean }>;
  nextPageUri: string | null;
}

async function readFleet(t: TestGateway, path: string) {
  const response = await t.fetch(path);
  return { response, body: (await response.json()) as FleetBody };
}

describe('fleet listing: "all" that is all (C5)', () => {
  let sims: SimulatorHandle[];
  let t: TestGateway;

  beforeAll(async () => {
    sims = [
      await startSimulator({ id: 'big', servers: 202, pageSize: 32, password: SIM_PASSWORD }),
      await startSimulator({ id: 'small', servers: 10, pageSize: 32, password: SIM_PASSWORD }),
    ];
    t = await startTestGateway({ simulators: sims, ids: ['a', 'b'] });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(sims.map((sim) => sim.close()));
  });

  it.each(['?count=-1', '', '?start=0&count=-1'])(
    'answers %j with every member of every appliance, complete',
    async (search) => {
      const { response, body } = await readFleet(t, `/rest/server-hardware${search}`);

      expect(response.status).toBe(200);
      expect(response.headers.get('x-gateway-complete')).toBe('true');
      expect(body.total).toBe(212);
      expect(body.members).toHaveLength(212);
      expect(new Set(body.members.map((m) => m.uri)).size).toBe(212);
      expect(body.appliances).toEqual([
        { id: 'a', status: 'ok', total: 202, truncated: false },
        { id: 'b', status: 'ok', total: 10, truncated: false },
      ]);
      expect(body.members.filter((m) => m.applianceId === 'a')).toHaveLength(202);
      expect(body.members[0]).toMatchObject({ applianceId: 'a', applianceUri: '/appliances/a' });
    },
  );

  it('follows nextPageUri page by page on the paged appliance', async () => {
    sims[0]!.reset();
    await readFleet(t, '/rest/server-hardware?count=-1&filter=%22name%20ne%20%27none%27%22');

    expect(sims[0]!.stats().requests.byRoute['GET /rest/server-hardware']).toBe(7);
  });

  it('applies start and count to the merged list, with a next page', async () => {
    const { body } = await readFleet(t, '/rest/server-hardware?start=200&count=5');

    expect(body).toMatchObject({ start: 200, count: 5, total: 212 });
    expect(body.members.map((m) => m.applianceId)).toEqual(['a', 'a', 'b', 'b', 'b']);
    expect(body.nextPageUri).toBe('/rest/server-hardware?start=205&count=5');
  });
});

describe('fleet listing: truncation is never complete', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
      ],
      simulator: { servers: 40, pageSize: 16 },
      config: { fleet: { maxMembersPerAppliance: 20 } },
    });
  });
  afterAll(() => t.close());

  it('stops at maxMembersPerAppliance and says so', async () => {
    const { response, body } = await readFleet(t, '/rest/server-hardware?count=-1');

    expect(response.headers.get('x-gateway-complete')).toBe('false');
    expect(body.members).toHaveLength(40);
    expect(body.total).toBe(80);
    expect(body.appliances).toEqual([
      { id: 'a', status: 'ok', total: 40, truncated: true },
      { id: 'b', status: 'ok', total: 40, truncated: true },
    ]);
  });
});

describe('fleet listing: memory bounded by maxMembersPerAppliance', () => {
  it('never asks an appliance for more members than it may keep', async () => {
    const t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
      ],
      // Pages as large as the collection: asked for everything, each would send it all.
      simulator: { servers: 40, pageSize: 100 },
      config: { fleet: { maxMembersPerAppliance: 15 } },
    });
    try {
      const { response, body } = await readFleet(t, '/rest/server-hardware?count=-1');

      expect(response.headers.get('x-gateway-complete')).toBe('false');
      expect(body).toMatchObject({ total: 80, count: 30 });
      for (const sim of t.simulators) {
        const reads = sim.stats().recent.filter((r) => r.route === 'GET /rest/server-hardware');
        expect(reads.map((r) => r.url)).toEqual(['/rest/server-hardware?start=0&count=15']);
      }
    } finally {
      await t.close();
    }
  });
});

describe('fleet listing: filter and sort', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
        [120, 8600],
      ],
      simulator: { servers: 20 },
    });
  });
  afterAll(() => t.close());

  it('passes filter and sort to each appliance as sent', async () => {
    const filter = encodeURIComponent(`"powerState='On'"`).replace(/'/g, '%27');
    const search = `?filter=${filter}&sort=name:desc&fields=name`;
    await t.fetch(`/rest/server-hardware${search}`);

    for (const sim of t.simulators) {
      const seen = sim.stats().recent.filter((r) => r.route === 'GET /rest/server-hardware');
      expect(seen.at(-1)!.url).toBe(
        `/rest/server-hardware?start=0&count=5000&filter=${filter}&sort=name:desc&fields=name`,
      );
    }
  });

  it('keeps only the members that pass the filter, from every appliance', async () => {
    const filter = encodeURIComponent(`"powerState='On'"`);
    const { body } = await readFleet(t, `/rest/server-hardware?filter=${filter}`);

    expect(body.members.length).toBeGreaterThan(0);
    expect(body.members.every((m) => m.powerState === 'On')).toBe(true);
    expect(new Set(body.members.map((m) => m.applianceId))).toEqual(new Set(['a', 'b', 'c']));
  });

  it.each(['name:desc', 'powerState:asc,name:desc', 'model:ascending:natural,name'])(
    're-applies sort=%s to the merged list',
    async (sort) => {
      const { body } = await readFleet(t, `/rest/server-hardware?sort=${sort}`);
      const keys = sort.split(',').map((key) => {
        const [attribute = '', direction = 'asc'] = key.split(':');
        return { attribute, sign: direction.startsWith('desc') ? -1 : 1 };
      });
      const text = (m: Record<string, unknown>, a: string) => String(m[a]).toLowerCase();

      for (let i = 1; i < body.members.length; i += 1) {
        const [prev, next] = [body.members[i - 1]!, body.members[i]!];
        const first = keys.find(({ attribute }) => text(prev, attribute) !== text(next, attribute));
        if (!first || first.attribute === 'model') continue;
        const order = text(prev, first.attribute) < text(next, first.attribute) ? -1 : 1;
        expect(order * first.sign).toBe(-1);
      }
      expect(body.total).toBe(60);
    },
  );

  it.each([
    'name',
    'name:desc',
    'name:ascending:natural',
    'name:descending:natural',
    'model:ascending:natural,name:desc',
    'powerState:asc,processorCoreCount:desc,serialNumber',
    'mpHostInfo.mpIpAddresses.address:asc',
    'memoryMb:desc,uri',
  ])('merges sort=%s in the order each appliance gives its own members', async (sort) => {
    const { body } = await readFleet(t, `/rest/server-hardware?sort=${sort}`);

    for (const id of ['a', 'b', 'c']) {
      const direct = await t.fetch(`/appliances/${id}/rest/server-hardware?sort=${sort}`);
      const own = ((await direct.json()) as FleetBody).members.map((m) => m.uri);
      const merged = body.members.filter((m) => m.applianceId === id).map((m) => m.uri);
      expect(merged).toEqual(own);
    }
    expect(body.members).toHaveLength(60);
  });

  it('refuses a malformed sort before calling any appliance', async () => {
    t.simulators.forEach((sim) => sim.reset());
    const response = await t.fetch('/rest/server-hardware?sort=name:sideways');

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'BAD_REQUEST', source: 'gateway' });
    expect(t.simulators.map((sim) => sim.stats().requests.total)).toEqual([0, 0, 0]);
  });
});

describe('fleet GET /rest/version', () => {
  it('answers the intersection without any key', async () => {
    const t = await startTestGateway({
      versions: [
        [120, 3400],
        [300, 8600],
        [200, 4000],
      ],
    });
    try {
      const response = await fetch(`${t.url}/rest/version`);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ minimumVersion: 300, currentVersion: 3400 });
      expect(response.headers.get('x-gateway-warning')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it("leaves out another product that answers in OneView's shape (a Global Dashboard)", async () => {
    const t = await startTestGateway({
      versions: [
        [120, 3400],
        [2, 300],
        [200, 4000],
      ],
    });
    try {
      const response = await fetch(`${t.url}/rest/version`);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ minimumVersion: 200, currentVersion: 3400 });
      expect(response.headers.get('x-gateway-warning')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('leaves out an appliance that went offline, although its range is cached', async () => {
    const t = await startTestGateway({
      versions: [
        [120, 3400],
        [300, 8600],
      ],
      config: {
        circuitBreaker: { volumeThreshold: 1, errorThresholdPercentage: 1 },
        fleet: { cacheTtlMs: 0 },
      },
    });
    try {
      const before = await fetch(`${t.url}/rest/version`);
      expect(await before.json()).toEqual({ minimumVersion: 300, currentVersion: 3400 });

      t.simulators[1]!.faults({ refuseConnections: 60_000 });
      const listing = await t.fetch('/rest/enclosures');
      expect(listing.headers.get('x-gateway-complete')).toBe('false');
      const b = (await (await t.fetch('/appliances/b')).json()) as { state: string };
      expect(b.state).toBe('offline');

      const after = await fetch(`${t.url}/rest/version`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({ minimumVersion: 120, currentVersion: 3400 });
    } finally {
      await t.close();
    }
  });

  it('answers an empty intersection with a warning naming the appliances', async () => {
    const t = await startTestGateway({
      versions: [
        [120, 800],
        [120, 2400],
        [1000, 8600],
      ],
    });
    try {
      const response = await fetch(`${t.url}/rest/version`);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ minimumVersion: 1000, currentVersion: 800 });
      expect(response.headers.get('x-gateway-warning')).toBe(
        'The API version ranges of a, c do not overlap.',
      );
    } finally {
      await t.close();
    }
  });
});
