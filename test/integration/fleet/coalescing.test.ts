import { hashKey } from '../../../src/auth/clients';
import { ADMIN_KEY, startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { uniqueKeyPrefix } from '../../support/test-redis';

const SCOPED_KEY = 'test-scoped-key-5e21aa';
const TWO: Array<[number, number]> = [
  [120, 8600],
  [120, 8600],
];
const auth = {
  mode: 'keys',
  clients: [
    { id: 'admin', keySha256: hashKey(ADMIN_KEY) },
    {
      id: 'only-a',
      keySha256: hashKey(SCOPED_KEY),
      scopes: { appliances: ['a'], methods: ['GET'] },
    },
  ],
};
const listings = (t: TestGateway): number[] =>
  t.simulators.map((sim) => sim.stats().requests.byRoute['GET /rest/server-hardware'] ?? 0);

describe('identical fleet reads share one fan-out', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: TWO,
      simulator: { latencyMs: 50 },
      config: { auth, fleet: { cacheTtlMs: 60000 } },
    });
  });
  beforeEach(() => t.simulators.forEach((sim) => sim.reset()));
  afterAll(() => t.close());

  it('answers two concurrent identical reads with one request per appliance', async () => {
    const [first, second] = await Promise.all([
      t.fetch('/rest/server-hardware?sort=name'),
      t.fetch('/rest/server-hardware?sort=name'),
    ]);

    expect(await first.text()).toBe(await second.text());
    expect(listings(t)).toEqual([1, 1]);
  });

  it('answers a later identical read within cacheTtlMs from the cache', async () => {
    await t.fetch('/rest/server-hardware?sort=serialNumber');
    const again = await t.fetch('/rest/server-hardware?sort=serialNumber');

    expect(again.status).toBe(200);
    expect(listings(t)).toEqual([1, 1]);
  });

  it('fans out again for another query', async () => {
    await t.fetch('/rest/server-hardware?sort=model');
    await t.fetch('/rest/server-hardware?sort=model:desc');

    expect(listings(t)).toEqual([2, 2]);
  });

  it('keeps clients whose scopes reach other appliances apart, and limits their fan-out', async () => {
    const admin = await t.fetch('/rest/server-hardware?sort=uuid');
    const scoped = await t.fetch('/rest/server-hardware?sort=uuid', {
      headers: { 'x-api-key': SCOPED_KEY },
    });
    const body = (await scoped.json()) as {
      total: number;
      appliances: Array<{ id: string }>;
      members: Array<{ applianceId: string }>;
    };

    expect(admin.status).toBe(200);
    expect(scoped.headers.get('x-gateway-complete')).toBe('true');
    expect(body.appliances.map((a) => a.id)).toEqual(['a']);
    expect(new Set(body.members.map((m) => m.applianceId))).toEqual(new Set(['a']));
    expect(listings(t)).toEqual([2, 1]);
  });

  it('refuses a method the client may not use before asking any appliance for the owner', async () => {
    const response = await t.fetch('/rest/server-hardware/not-looked-up', {
      method: 'DELETE',
      headers: { 'x-api-key': SCOPED_KEY },
    });

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errorCode: 'FORBIDDEN', source: 'gateway' });
    expect(t.simulators.map((sim) => sim.stats().requests.total)).toEqual([0, 0]);
  });

  it('refuses a scoped client an owned resource on an appliance it may not see', async () => {
    const list = await t.fetch('/rest/server-hardware?count=-1');
    const members = (
      (await list.json()) as { members: Array<{ uri: string; applianceId: string }> }
    ).members;
    const onB = members.find((m) => m.applianceId === 'b')!;
    const response = await t.fetch(onB.uri, { headers: { 'x-api-key': SCOPED_KEY } });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errorCode: 'RESOURCE_NOT_FOUND' });
  });
});

describe('replicas on one store share fleet reads', () => {
  let one: TestGateway;
  let two: TestGateway;

  beforeAll(async () => {
    const keyPrefix = uniqueKeyPrefix('fleet');
    const config = { fleet: { cacheTtlMs: 60000 } };
    one = await startTestGateway({
      versions: TWO,
      simulator: { latencyMs: 100 },
      keyPrefix,
      config,
    });
    two = await startTestGateway({ simulators: one.simulators, keyPrefix, config });
  });
  beforeEach(() => one.simulators.forEach((sim) => sim.reset()));
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('answers a read on one replica from the fan-out of the other', async () => {
    const first = await one.fetch('/rest/server-hardware?sort=name');
    const second = await two.fetch('/rest/server-hardware?sort=name');

    expect(await second.text()).toBe(await first.text());
    expect(listings(one)).toEqual([1, 1]);
  });

  it('makes one fan-out for reads that arrive on both replicas at once', async () => {
    const answers = await Promise.all([
      one.fetch('/rest/server-hardware?sort=model'),
      two.fetch('/rest/server-hardware?sort=model'),
      two.fetch('/rest/server-hardware?sort=model'),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(listings(one)).toEqual([1, 1]);
  });
});

describe('fleet reads without Redis', () => {
  it('share one fan-out within the process on the in-process store', async () => {
    const t = await startTestGateway({
      versions: TWO,
      store: 'memory',
      simulator: { latencyMs: 50 },
      config: { fleet: { cacheTtlMs: 60000 } },
    });
    try {
      await t.fetch('/rest/enclosures');
      t.simulators.forEach((sim) => sim.reset());
      const answers = await Promise.all([
        t.fetch('/rest/server-hardware'),
        t.fetch('/rest/server-hardware'),
      ]);
      await t.fetch('/rest/server-hardware');

      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(listings(t)).toEqual([1, 1]);
    } finally {
      await t.close();
    }
  });
});
