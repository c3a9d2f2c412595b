/* eslint-disable @typescript-eslint/no-unsafe-member-access
   -- these tests read OneView bodies as untyped JSON, field by field, as a client would. */
import { startSimulator, type SimulatorHandle } from '../../../src/simulator';
import { callSim, logIn } from '../../support/simulator-client';

describe('simulator collections', () => {
  let sim: SimulatorHandle;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator({ servers: 202, pageSize: 32 });
    token = await logIn(sim);
  });

  afterAll(() => sim.close());

  const get = (path: string) => callSim(sim, path, { token });
  const names = async (query: string): Promise<string[]> =>
    ((await get(`/rest/server-hardware?${query}`)).json.members as Array<{ name: string }>).map(
      (m) => m.name,
    );

  it('caps count=-1 at the page size and links the next page carrying the query', async () => {
    const page = (await get('/rest/server-hardware?start=0&count=-1&sort=name:asc')).json;

    expect(page).toMatchObject({
      type: 'server-hardware-list-8',
      uri: '/rest/server-hardware?start=0&count=-1&sort=name:asc',
      category: 'server-hardware',
      start: 0,
      count: 32,
      total: 202,
      nextPageUri: '/rest/server-hardware?start=32&count=-1&sort=name:asc',
      prevPageUri: null,
      created: null,
      modified: null,
      eTag: null,
    });
    expect(page.members).toHaveLength(32);
  });

  // oneview-python asks for start=0&count=-1, then follows nextPageUri until it is null or
  // equal to the page's own uri.
  it('walks all 202 members in 7 pages as oneview-python does, the last with nextPageUri null', async () => {
    interface Page {
      uri: string;
      members: Array<{ uri: string }>;
      nextPageUri: string | null;
      count: number;
      prevPageUri: string | null;
    }
    const pages: Page[] = [];
    let uri = '/rest/server-hardware?start=0&count=-1';
    for (;;) {
      const page = (await get(uri)).json as Page;
      pages.push(page);
      if (page.nextPageUri === null || page.nextPageUri === page.uri) break;
      uri = page.nextPageUri;
    }
    const seen = pages.flatMap((page) => page.members.map((member) => member.uri));

    expect(pages.map((page) => page.count)).toEqual([32, 32, 32, 32, 32, 32, 10]);
    expect(new Set(seen).size).toBe(202);
    expect(pages.at(-1)).toMatchObject({
      nextPageUri: null,
      prevPageUri: '/rest/server-hardware?start=160&count=-1',
    });
  });

  it('sorts digit runs as numbers with :natural, so bay 2 comes before bay 10', async () => {
    const enclosure = (await get('/rest/server-hardware?count=1')).json.members[0].locationUri;
    const inEnclosure = `count=-1&filter=${encodeURIComponent(`locationUri='${enclosure}'`)}`;

    const plain = await names(`${inEnclosure}&sort=name:asc`);
    const natural = await names(`${inEnclosure}&sort=name:asc:natural`);
    const descending = await names(`${inEnclosure}&sort=name:descending:natural`);

    const bay = (n: number): string => `${plain[0]!.split(',')[0]}, bay ${n}`;
    expect(plain.slice(0, 3)).toEqual([bay(1), bay(10), bay(11)]);
    expect(natural).toEqual(Array.from({ length: 16 }, (_, index) => bay(index + 1)));
    expect(descending).toEqual([...natural].reverse());
  });

  it('returns an empty page past the end and zero members for count=0', async () => {
    const past = (await get('/rest/server-hardware?start=500&count=10')).json;
    const none = (await get('/rest/server-hardware?count=0')).json;

    expect(past).toMatchObject({
      start: 500,
      count: 0,
      total: 202,
      members: [],
      nextPageUri: null,
    });
    expect(none).toMatchObject({ count: 0, total: 202, members: [], nextPageUri: null });
  });

  it('filters with the quoted form OneView documents and with the bare form', async () => {
    const name = (await get('/rest/server-hardware?count=1')).json.members[0].name as string;

    const quoted = await names(`filter=${encodeURIComponent(`"name='${name}'"`)}`);
    const bare = await names(`filter=${encodeURIComponent(`name='${name}'`)}`);
    const caseless = await names(`filter=${encodeURIComponent(`name='${name.toLowerCase()}'`)}`);
    const exact = await names(`filter=${encodeURIComponent(`name=='${name.toLowerCase()}'`)}`);

    expect([quoted, bare, caseless, exact]).toEqual([[name], [name], [name], []]);
  });

  it('ANDs repeated filters and reads dotted paths', async () => {
    const total = async (...filters: string[]): Promise<number> => {
      const query = filters.map((filter) => `&filter=${encodeURIComponent(filter)}`).join('');
      return (await get(`/rest/server-hardware?count=0${query}`)).json.total as number;
    };

    const on = await total("powerState='On'");

    expect(on).toBeGreaterThan(0);
    expect(await total("mpHostInfo.mpIpAddresses.type='DHCP'")).toBe(202);
    expect(await total("powerState='On'", "mpHostInfo.mpIpAddresses.type='DHCP'")).toBe(on);
    expect(await total("powerState='On'", "powerState='Off'")).toBe(0);
  });

  it('supports ne, <, >, matches and NULL', async () => {
    const total = (await get('/rest/server-hardware?count=0')).json.total as number;
    const count = async (filter: string): Promise<number> =>
      (await get(`/rest/server-hardware?count=0&filter=${encodeURIComponent(filter)}`)).json
        .total as number;

    const on = await count("powerState='On'");
    expect(await count("powerState ne 'On'")).toBe(total - on);
    expect((await count('position < 5')) + (await count('position >= 5'))).toBe(total);
    expect(await count('position > 16')).toBe(0);
    expect(await count("name matches '%, bay 1'")).toBe(13);
    expect(
      (await count('serverProfileUri = NULL')) + (await count('serverProfileUri ne NULL')),
    ).toBe(total);
    expect(await count("NOT powerState='On' AND NOT powerState='Off'")).toBe(0);
  });

  it('sorts ascending and descending, several keys allowed', async () => {
    const ascending = await names('count=-1&sort=name:asc');
    const descending = await names('count=-1&sort=name:descending');
    const byPosition = (await get('/rest/server-hardware?count=-1&sort=position:desc,name:asc'))
      .json.members as Array<{ position: number }>;

    expect(ascending).toEqual(
      [...ascending].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    expect(descending.slice(0, 3)).not.toEqual(ascending.slice(0, 3));
    expect(byPosition[0]?.position).toBe(16);
  });

  it.each([
    ['filter', "filter=name='x"],
    ['filter', 'filter=name ~ 1'],
    ['filter', 'filter=name=unquoted'],
    ['sort', 'sort=name:sideways'],
    ['start', 'start=-1'],
    ['count', 'count=ten'],
  ])('answers 400 naming the %s parameter for %s', async (parameter, query) => {
    const answer = await get(`/rest/server-hardware?${query}`);

    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      errorCode: 'INVALID_QUERY_PARAMETER',
      errorSource: parameter,
      message: `The value of the query parameter "${parameter}" is not valid.`,
      nestedErrors: [],
      data: {},
    });
  });
});

describe('simulator seeded data', () => {
  const started: SimulatorHandle[] = [];

  afterAll(async () => {
    await Promise.all(started.map((sim) => sim.close()));
  });

  async function readAll(options: Parameters<typeof startSimulator>[0]): Promise<string[]> {
    const sim = await startSimulator(options);
    started.push(sim);
    const token = await logIn(sim);
    const paths = [
      '/rest/server-hardware?count=-1',
      '/rest/server-profiles',
      '/rest/enclosures',
      '/rest/ethernet-networks',
      '/rest/alerts',
    ];
    return Promise.all(paths.map(async (path) => (await callSim(sim, path, { token })).text));
  }

  it('is byte-identical for the same seed and id', async () => {
    const first = await readAll({ seed: 7 });
    const second = await readAll({ seed: 7 });

    expect(second).toEqual(first);
  });

  it('differs with another seed or another appliance id', async () => {
    const base = await readAll({ seed: 7 });
    const otherSeed = await readAll({ seed: 8 });
    const otherId = await readAll({ seed: 7, id: 'sim-2' });

    expect(otherSeed[0]).not.toEqual(base[0]);
    expect(otherId[0]).not.toEqual(base[0]);
  });
});
