import { startSimulator } from '../../../src/simulator';
import type { SimulatorHandle } from '../../../src/simulator';
import { SIM_PASSWORD, startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';

interface Member {
  uri: string;
  eTag: string;
  name: string;
  applianceId: string;
}

/** Requests each simulator received on a route since its last reset. */
const counts = (t: TestGateway, route: string): number[] =>
  t.simulators.map((sim) => sim.stats().requests.byRoute[route] ?? 0);

describe('fleet face: resources resolved to their owner', () => {
  let sims: SimulatorHandle[];
  let t: TestGateway;
  let uniqueOnA: string;
  let shared: string;

  beforeAll(async () => {
    // b and c share id and seed, so that they hold the very same URIs.
    sims = [
      await startSimulator({ id: 'solo', seed: 3, taskMs: 0, password: SIM_PASSWORD }),
      await startSimulator({ id: 'twin', seed: 7, password: SIM_PASSWORD }),
      await startSimulator({ id: 'twin', seed: 7, password: SIM_PASSWORD }),
    ];
    t = await startTestGateway({ simulators: sims, config: { fleet: { cacheTtlMs: 0 } } });
    const list = async (id: string): Promise<Member[]> => {
      const response = await t.fetch(`/appliances/${id}/rest/server-hardware?count=1`);
      return ((await response.json()) as { members: Member[] }).members;
    };
    uniqueOnA = (await list('a'))[0]!.uri;
    shared = (await list('b'))[0]!.uri;
  });
  beforeEach(() => sims.forEach((sim) => sim.reset()));
  afterAll(async () => {
    await t.close();
    await Promise.all(sims.map((sim) => sim.close()));
  });

  it('finds an unknown URI by asking every appliance, then remembers it', async () => {
    const first = await t.fetch(uniqueOnA);
    const body = (await first.json()) as Member;

    expect(first.status).toBe(200);
    expect(first.headers.get('x-appliance-id')).toBe('a');
    expect(body.uri).toBe(uniqueOnA);
    expect(counts(t, 'GET /rest/server-hardware/{id}')).toEqual([2, 1, 1]);

    sims.forEach((sim) => sim.reset());
    await t.fetch(uniqueOnA);
    expect(counts(t, 'GET /rest/server-hardware/{id}')).toEqual([1, 0, 0]);
  });

  it('forwards a PUT with its ETag to the owner only', async () => {
    const current = (await (await t.fetch(uniqueOnA)).json()) as Member;
    const response = await t.fetch(uniqueOnA, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': current.eTag },
      body: JSON.stringify({ ...current, name: 'renamed-through-the-fleet' }),
    });

    expect(response.status).toBe(200);
    expect(counts(t, 'PUT /rest/server-hardware/{id}')).toEqual([1, 0, 0]);
    expect(sims[0]!.stats().recent.at(-1)!.headers['if-match']).toBe(current.eTag);
  });

  it('learns owners from a fleet listing', async () => {
    await t.fetch('/rest/enclosures');
    const list = await t.fetch('/appliances/a/rest/enclosures?count=1');
    const enclosure = ((await list.json()) as { members: Member[] }).members[0]!;
    sims.forEach((sim) => sim.reset());

    const response = await t.fetch(enclosure.uri);

    expect(response.status).toBe(200);
    expect(counts(t, 'GET /rest/enclosures/{id}')).toEqual([1, 0, 0]);
  });

  const othersTotal = (): number =>
    sims[1]!.stats().requests.total + sims[2]!.stats().requests.total;

  it('learns owners from a 202 on the appliance face', async () => {
    const servers = await t.fetch('/appliances/a/rest/server-hardware?start=1&count=1');
    const server = ((await servers.json()) as { members: Member[] }).members[0]!;
    const started = await t.fetch(`/appliances/a${server.uri}/powerState`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ powerState: 'On', powerControl: 'MomentaryPress' }),
    });
    const task = (await started.json()) as { uri: string };
    const before = othersTotal();

    const response = await t.fetch(task.uri);
    await t.fetch(server.uri);

    expect(started.status).toBe(202);
    expect(response.status).toBe(200);
    expect(othersTotal()).toBe(before);
  });

  it('answers 409 AMBIGUOUS_RESOURCE naming every owner', async () => {
    const response = await t.fetch(shared);

    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      errorCode: 'AMBIGUOUS_RESOURCE',
      source: 'gateway',
      data: { uri: shared, appliances: ['b', 'c'] },
    });
  });

  it('answers 404 RESOURCE_NOT_FOUND when no appliance owns the URI', async () => {
    const response = await t.fetch('/rest/server-hardware/no-such-server', { method: 'DELETE' });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      errorCode: 'RESOURCE_NOT_FOUND',
      source: 'gateway',
      httpStatus: 404,
    });
    expect(counts(t, 'DELETE /rest/server-hardware/{id}')).toEqual([0, 0, 0]);
  });

  it.each(['POST', 'PUT', 'DELETE'])(
    'answers %s on a collection 400 APPLIANCE_REQUIRED',
    async (method) => {
      const response = await t.fetch('/rest/server-profiles', {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'web-99' }),
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errorCode: 'APPLIANCE_REQUIRED' });
      expect(sims.map((sim) => sim.stats().requests.total)).toEqual([0, 0, 0]);
    },
  );

  it('forwards a DELETE to the owner, then forgets an owner that answers 404', async () => {
    const created = await t.fetch('/appliances/a/rest/ethernet-networks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'fleet-net', vlanId: 42, type: 'ethernet-networkV4' }),
    });
    const task = (await created.json()) as { associatedResource: { resourceUri: string } };
    const uri = task.associatedResource.resourceUri;
    const before = othersTotal();

    const deleted = await t.fetch(uri, { method: 'DELETE' });
    const othersAfterDelete = othersTotal();
    const gone = await t.fetch(uri);
    const again = await t.fetch(uri);

    expect(created.status).toBe(202);
    expect(deleted.status).toBe(202);
    expect(deleted.headers.get('location')).toMatch(/^\/appliances\/a\/rest\/tasks\//);
    expect(othersAfterDelete).toBe(before);
    expect(await gone.json()).toMatchObject({ httpStatus: 404, source: 'appliance' });
    expect(await again.json()).toMatchObject({
      errorCode: 'RESOURCE_NOT_FOUND',
      source: 'gateway',
    });
  });
});
