import { applianceSearch, parseFleetQuery } from '../../../src/fleet/parse-fleet-query';
import { nextPagePath } from '../../../src/fleet/next-page-path';
import { resourceKey } from '../../../src/fleet/resource-key';
import { coalesceKey } from '../../../src/fleet/coalesce-key';

describe('parseFleetQuery', () => {
  it('keeps start and count for the merge and forwards the rest as sent', () => {
    const query = parseFleetQuery('start=5&count=10&filter=%22name%3D%27x%27%22&sort=name:asc');

    expect(query).toMatchObject({ start: 5, count: 10 });
    expect(query.forwarded).toEqual(['filter=%22name%3D%27x%27%22', 'sort=name:asc']);
    expect(query.sort).toEqual([{ path: ['name'], direction: 1, natural: false }]);
    expect(applianceSearch(query, 5000)).toBe(
      'start=0&count=5000&filter=%22name%3D%27x%27%22&sort=name:asc',
    );
  });

  it('reads no count as all', () => {
    expect(parseFleetQuery('')).toMatchObject({ start: 0, count: -1, forwarded: [], sort: [] });
  });

  it('spells identical queries the same whatever the parameter order', () => {
    expect(parseFleetQuery('a=1&count=2').canonical).toBe(parseFleetQuery('count=2&a=1').canonical);
  });

  it.each(['start=-1', 'count=-2', 'count=x', 'start=1.5', 'sort=name:up', 'filter=%zz'])(
    'refuses %s with BAD_REQUEST',
    (search) => {
      let thrown: unknown;
      try {
        parseFleetQuery(search);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ errorCode: 'BAD_REQUEST', status: 400 });
    },
  );
});

describe('nextPagePath', () => {
  const collection = '/rest/server-hardware';
  it.each([
    ['/rest/server-hardware?start=32&count=-1', '/rest/server-hardware?start=32&count=-1'],
    ['https://evil.example/rest/server-hardware?start=32', '/rest/server-hardware?start=32'],
    ['//evil.example/rest/server-hardware?start=1', '/rest/server-hardware?start=1'],
    ['/rest/tasks?start=32', null],
    ['/rest/server-hardware/../login-sessions', null],
    ['/rest/server-hardware%2F..%2Flogin-sessions', null],
    ['', null],
    [null, null],
    [42, null],
  ])('follows %j as %j', (uri, expected) => {
    expect(nextPagePath(uri, collection)).toBe(expected);
  });
});

describe('resourceKey', () => {
  it.each([
    ['/rest/server-hardware/abc', '/rest/server-hardware/abc'],
    ['/rest/server-hardware/abc/powerState', '/rest/server-hardware/abc'],
    ['https://10.0.0.1/rest/tasks/t1', '/rest/tasks/t1'],
    ['/rest/server-hardware', null],
    ['/elsewhere/x/y', null],
  ])('names %s by %s', (uri, key) => {
    expect(resourceKey(uri)).toBe(key);
  });
});

describe('coalesceKey', () => {
  const base = { path: '/rest/x', query: 'a=1', applianceIds: ['a', 'b'], clientVersion: '' };
  it('is the same for the same appliances in any order', () => {
    expect(coalesceKey(base)).toBe(coalesceKey({ ...base, applianceIds: ['b', 'a'] }));
  });
  it.each([
    { path: '/rest/y' },
    { query: 'a=2' },
    { applianceIds: ['a'] },
    { clientVersion: '800' },
  ])('differs when %j differs', (change) => {
    expect(coalesceKey({ ...base, ...change })).not.toBe(coalesceKey(base));
  });
});
