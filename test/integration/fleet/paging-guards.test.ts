import type { IncomingMessage, ServerResponse } from 'node:http';
import { fleetFeature } from '../../../src/fleet/fleet-feature';
import { startSimulator } from '../../../src/simulator';
import { SIM_PASSWORD, startTestGateway } from '../../support/gateway-harness';
import { startScriptedAppliance } from '../../support/scripted-appliance';

/** One page as the scripted appliance sends it, or an HTTP error status. */
type PageAnswer = Record<string, unknown> | number;

const COLLECTION = '/rest/server-hardware';

/** Members `s{from}`..`s{to - 1}` of the scripted collection. */
function members(from: number, to: number): Array<{ uri: string; name: string }> {
  return Array.from({ length: to - from }, (_, index) => ({
    uri: `${COLLECTION}/s${from + index}`,
    name: `s${from + index}`,
  }));
}

/**
 * Runs one fleet listing against a scripted appliance `a` (whose pages `pageFor` writes
 * from the requested `start`) beside a well-behaved simulator `b`, and returns what the
 * client saw and the collection reads `a` received.
 */
async function listThrough(pageFor: (start: number) => PageAnswer) {
  const reads: string[] = [];
  const appliance = await startScriptedAppliance({
    handle: (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://scripted.invalid');
      if (url.pathname === '/rest/login-sessions') {
        res.writeHead(req.method === 'POST' ? 200 : 204, { 'content-type': 'application/json' });
        res.end(req.method === 'POST' ? '{"sessionID":"session-4b8e0a61c3"}' : undefined);
        return;
      }
      reads.push(url.pathname + url.search);
      const answer = pageFor(Number(url.searchParams.get('start') ?? '0'));
      const status = typeof answer === 'number' ? answer : 200;
      const body =
        typeof answer === 'number'
          ? { errorCode: 'INTERNAL_ERROR', message: 'scripted failure' }
          : { type: 'server-hardware-list', category: 'server-hardware', ...answer };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    },
  });
  const simulator = await startSimulator({ id: 'plain', servers: 4, password: SIM_PASSWORD });
  const t = await startTestGateway({
    simulators: [appliance.asSimulator(), simulator],
    features: [fleetFeature],
    config: { fleet: { cacheTtlMs: 0 } },
  });
  try {
    const response = await t.fetch(`${COLLECTION}?count=-1`);
    const body = (await response.json()) as {
      total: number;
      members: Array<{ name: string; applianceId: string }>;
      appliances: Array<{ id: string; status: string; total: number; truncated: boolean }>;
    };
    const fromA = body.members.filter((m) => m.applianceId === 'a').map((m) => m.name);
    return { response, body, fromA, reads };
  } finally {
    await t.close();
    await simulator.close();
    await appliance.close();
  }
}

describe('fleet listing: paging an appliance gets wrong (C5)', () => {
  it('stops on a last page whose nextPageUri names that page itself', async () => {
    const { response, body, fromA, reads } = await listThrough(() => ({
      uri: `${COLLECTION}?start=0&count=3`,
      start: 0,
      count: 3,
      total: 3,
      members: members(0, 3),
      nextPageUri: `${COLLECTION}?start=0&count=3`,
    }));

    expect(response.headers.get('x-gateway-complete')).toBe('true');
    expect(fromA).toEqual(['s0', 's1', 's2']);
    expect(body.appliances[0]).toEqual({ id: 'a', status: 'ok', total: 3, truncated: false });
    expect(reads).toHaveLength(1);
  });

  it('stops when nextPageUri leads back to a page already read', async () => {
    const { response, fromA, reads } = await listThrough((start) => ({
      uri: `${COLLECTION}?start=${start}&count=2`,
      start,
      count: 2,
      total: 4,
      members: members(start, start + 2),
      nextPageUri: `${COLLECTION}?start=${start === 0 ? 2 : 0}&count=2`,
    }));

    expect(response.headers.get('x-gateway-complete')).toBe('true');
    expect(fromA).toEqual(['s0', 's1', 's2', 's3']);
    expect(reads).toHaveLength(2);
  });

  it('keeps each member once, and says incomplete, when the appliance ignores start', async () => {
    const { response, body, fromA, reads } = await listThrough((start) => ({
      uri: `${COLLECTION}?start=${start}&count=5`,
      start,
      count: 5,
      total: 10,
      members: members(0, 5),
      nextPageUri: start + 5 < 10 ? `${COLLECTION}?start=${start + 5}&count=5` : null,
    }));

    expect(response.headers.get('x-gateway-complete')).toBe('false');
    expect(fromA).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(body.appliances[0]).toEqual({ id: 'a', status: 'ok', total: 10, truncated: true });
    expect(reads).toHaveLength(2);
  });

  it('says incomplete when an empty page comes before the total is reached', async () => {
    const { response, fromA, body } = await listThrough((start) => ({
      uri: `${COLLECTION}?start=${start}&count=3`,
      start,
      count: start === 0 ? 3 : 0,
      total: 9,
      members: start === 0 ? members(0, 3) : [],
      nextPageUri: `${COLLECTION}?start=${start + 3}&count=3`,
    }));

    expect(response.headers.get('x-gateway-complete')).toBe('false');
    expect(fromA).toEqual(['s0', 's1', 's2']);
    expect(body.appliances[0]).toMatchObject({ id: 'a', total: 9, truncated: true });
  });

  it.each([
    ['another collection', '/rest/enclosures?start=3&count=3'],
    ['a path that leaves the collection', `${COLLECTION}/../login-sessions?start=3`],
    ['nothing, with members left', null],
  ])('says incomplete when nextPageUri names %s', async (_kind, nextPageUri) => {
    const { response, fromA, reads } = await listThrough(() => ({
      uri: `${COLLECTION}?start=0&count=3`,
      start: 0,
      count: 3,
      total: 6,
      members: members(0, 3),
      nextPageUri,
    }));

    expect(response.headers.get('x-gateway-complete')).toBe('false');
    expect(fromA).toEqual(['s0', 's1', 's2']);
    expect(reads).toHaveLength(1);
  });

  it('lists the appliance as failed when a later page fails, keeping the others', async () => {
    const { response, body } = await listThrough((start) =>
      start === 0
        ? {
            uri: `${COLLECTION}?start=0&count=3`,
            start: 0,
            count: 3,
            total: 6,
            members: members(0, 3),
            nextPageUri: `${COLLECTION}?start=3&count=3`,
          }
        : 500,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('x-gateway-complete')).toBe('false');
    expect(body.appliances.map((a) => [a.id, a.status])).toEqual([
      ['a', 'error'],
      ['b', 'ok'],
    ]);
    expect(body.members.map((m) => m.applianceId)).toEqual(['b', 'b', 'b', 'b']);
  });
});
