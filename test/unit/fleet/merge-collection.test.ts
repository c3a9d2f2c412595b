import { GatewayError } from '../../../src/errors/gateway-error';
import type { ErrorEnvelope } from '../../../src/errors/error-message';
import { annotateMembers } from '../../../src/fleet/listing';
import type { ApplianceListing, Member } from '../../../src/fleet/listing';
import { mergeCollection, pageOf } from '../../../src/fleet/merge-collection';
import { parseFleetQuery } from '../../../src/fleet/parse-fleet-query';

const membersOf = (id: string, names: string[]): Member[] => {
  const members = names.map((name) => ({ name, uri: `/rest/server-hardware/${name}` }));
  annotateMembers(members, id);
  return members;
};

const ok = (id: string, names: string[], extra: Partial<ApplianceListing> = {}) =>
  ({
    id,
    status: 'ok',
    members: membersOf(id, names),
    total: names.length,
    truncated: false,
    type: 'server-hardware-list-v12',
    category: 'server-hardware',
    ...extra,
  }) as ApplianceListing;

const failure = (id: string): ApplianceListing => ({
  id,
  status: 'error',
  error: { errorCode: 'APPLIANCE_TIMEOUT', applianceId: id } as ErrorEnvelope,
});

const merge = (listings: ApplianceListing[], search = '') =>
  mergeCollection(listings, parseFleetQuery(search), '/rest/server-hardware');

describe('pageOf', () => {
  const list = [0, 1, 2, 3, 4];
  it.each([
    [0, -1, [0, 1, 2, 3, 4]],
    [2, -1, [2, 3, 4]],
    [0, 2, [0, 1]],
    [3, 10, [3, 4]],
    [9, 2, []],
    [1, 0, []],
  ])('start %i count %i', (start, count, expected) => {
    expect(pageOf(list, { start, count })).toEqual(expected);
  });
});

describe('annotateMembers', () => {
  it('adds the appliance id and its gateway URI to each member', () => {
    const members: Member[] = [{ name: 'x', applianceId: 'spoofed' }, { name: 'y' }];
    annotateMembers(members, 'dc1');

    expect(members).toEqual([
      { name: 'x', applianceId: 'dc1', applianceUri: '/appliances/dc1' },
      { name: 'y', applianceId: 'dc1', applianceUri: '/appliances/dc1' },
    ]);
  });
});

describe('mergeCollection', () => {
  it('concatenates in fleet order, annotates members and counts the merged total', () => {
    const { complete, body } = merge([ok('a', ['a1', 'a2']), ok('b', ['b1'])]);

    expect(complete).toBe(true);
    expect(body).toMatchObject({
      type: 'server-hardware-list-v12',
      category: 'server-hardware',
      start: 0,
      count: 3,
      total: 3,
      nextPageUri: null,
      prevPageUri: null,
      appliances: [
        { id: 'a', status: 'ok', total: 2, truncated: false },
        { id: 'b', status: 'ok', total: 1, truncated: false },
      ],
    });
    expect(body.members).toEqual([
      {
        name: 'a1',
        uri: '/rest/server-hardware/a1',
        applianceId: 'a',
        applianceUri: '/appliances/a',
      },
      {
        name: 'a2',
        uri: '/rest/server-hardware/a2',
        applianceId: 'a',
        applianceUri: '/appliances/a',
      },
      {
        name: 'b1',
        uri: '/rest/server-hardware/b1',
        applianceId: 'b',
        applianceUri: '/appliances/b',
      },
    ]);
  });

  it('re-applies the sort, then start and count on the merged list, with page URIs', () => {
    const { body } = merge(
      [ok('a', ['m', 'c', 'x']), ok('b', ['b', 'z', 'a'])],
      'sort=name:desc&start=1&count=2&filter=%22a%3D1%22',
    );

    expect((body.members as Array<{ name: string }>).map((m) => m.name)).toEqual(['x', 'm']);
    expect(body).toMatchObject({ start: 1, count: 2, total: 6 });
    expect(body.nextPageUri).toBe(
      '/rest/server-hardware?start=3&count=2&sort=name:desc&filter=%22a%3D1%22',
    );
    expect(body.prevPageUri).toBe(
      '/rest/server-hardware?start=0&count=2&sort=name:desc&filter=%22a%3D1%22',
    );
  });

  it('is incomplete when an appliance failed, and lists its error', () => {
    const { complete, body } = merge([ok('a', ['a1']), failure('b')]);

    expect(complete).toBe(false);
    expect(body.total).toBe(1);
    expect(body.appliances).toEqual([
      { id: 'a', status: 'ok', total: 1, truncated: false },
      {
        id: 'b',
        status: 'error',
        total: 0,
        truncated: false,
        error: { errorCode: 'APPLIANCE_TIMEOUT', applianceId: 'b' },
      },
    ]);
  });

  it('is incomplete when a listing was cut short, and counts what the appliance holds', () => {
    const { complete, body } = merge([ok('a', ['a1', 'a2'], { total: 7, truncated: true })]);

    expect(complete).toBe(false);
    expect(body).toMatchObject({ count: 2, total: 7 });
  });

  it('throws ALL_APPLIANCES_FAILED with one nested error per appliance', () => {
    let thrown: unknown;
    try {
      merge([failure('a'), failure('b'), failure('c')]);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(GatewayError);
    expect(thrown).toMatchObject({ errorCode: 'ALL_APPLIANCES_FAILED', status: 502 });
    const nested = (thrown as GatewayError).nestedErrors as ErrorEnvelope[];
    expect(nested.map((e) => e.applianceId)).toEqual(['a', 'b', 'c']);
  });
});
