import { GatewayError } from '../../../src/errors/gateway-error';
import { parseSort, sortMembers } from '../../../src/fleet/sort-members';

const names = (members: Array<Record<string, unknown>>): unknown[] => members.map((m) => m.name);

describe('parseSort', () => {
  it.each([
    ['name', [{ path: ['name'], direction: 1, natural: false }]],
    ['name:desc', [{ path: ['name'], direction: -1, natural: false }]],
    ['name:DESCENDING', [{ path: ['name'], direction: -1, natural: false }]],
    ['name:ascending:natural', [{ path: ['name'], direction: 1, natural: true }]],
    [
      'status:asc, mpHostInfo.mpHostName:desc',
      [
        { path: ['status'], direction: 1, natural: false },
        { path: ['mpHostInfo', 'mpHostName'], direction: -1, natural: false },
      ],
    ],
  ])('reads %j', (raw, keys) => {
    expect(parseSort(raw)).toEqual(keys);
  });

  it.each(['', 'name:sideways', 'name:asc:weird', '1name', 'name:asc:natural:x', 'a b'])(
    'refuses %j with BAD_REQUEST',
    (raw) => {
      expect(() => parseSort(raw)).toThrow(GatewayError);
      expect(() => parseSort(raw)).toThrow(/Invalid sort/);
    },
  );
});

describe('sortMembers', () => {
  const table: Array<[string, Array<Record<string, unknown>>, string, unknown[]]> = [
    [
      'strings case-insensitively',
      [{ name: 'beta' }, { name: 'Alpha' }, { name: 'alpha2' }],
      'name:asc',
      ['Alpha', 'alpha2', 'beta'],
    ],
    ['descending', [{ name: 'a' }, { name: 'c' }, { name: 'b' }], 'name:desc', ['c', 'b', 'a']],
    [
      'numbers as numbers',
      [
        { name: 'x', n: 10 },
        { name: 'y', n: 9 },
        { name: 'z', n: 100 },
      ],
      'n',
      ['y', 'x', 'z'],
    ],
    [
      'a number against a string by its text, as an appliance does',
      [
        { name: 'num', v: 10 },
        { name: 'str', v: '9' },
      ],
      'v',
      ['num', 'str'],
    ],
    [
      'missing values first when ascending',
      [{ name: 'b', v: 'b' }, { name: 'none' }, { name: 'null', v: null }, { name: 'a', v: 'a' }],
      'v:asc',
      ['none', 'null', 'a', 'b'],
    ],
    [
      'missing values last when descending',
      [{ name: 'none' }, { name: 'a', v: 'a' }, { name: 'b', v: 'b' }],
      'v:desc',
      ['b', 'a', 'none'],
    ],
    [
      'several keys in order, ties kept in fleet order',
      [
        { name: 'a1', s: 'OK', p: 'On' },
        { name: 'a2', s: 'Critical', p: 'Off' },
        { name: 'b1', s: 'OK', p: 'Off' },
        { name: 'b2', s: 'OK', p: 'Off' },
      ],
      's:asc,p:desc',
      ['a2', 'a1', 'b1', 'b2'],
    ],
    [
      'dotted paths, looking into arrays',
      [
        { name: 'second', info: { hosts: [{ ip: '10.0.0.2' }] } },
        { name: 'first', info: { hosts: [{ ip: '10.0.0.1' }, { ip: '10.0.0.9' }] } },
      ],
      'info.hosts.ip',
      ['first', 'second'],
    ],
    [
      'natural order: digit runs as numbers',
      [{ name: 'bay 10' }, { name: 'bay 2' }, { name: 'Bay 1' }],
      'name:asc:natural',
      ['Bay 1', 'bay 2', 'bay 10'],
    ],
    [
      'plain order: digit runs as text',
      [{ name: 'bay 10' }, { name: 'bay 2' }, { name: 'Bay 1' }],
      'name:asc',
      ['Bay 1', 'bay 10', 'bay 2'],
    ],
  ];

  it.each(table)('sorts %s', (_name, members, sort, expected) => {
    expect(names(sortMembers(members, parseSort(sort)))).toEqual(expected);
  });
});

describe('sortMembers on many members', () => {
  // A plain comparator with the same rules, to hold the fast path to them.
  type Plain = null | number | string;
  const plain = (v: unknown): Plain =>
    v === undefined || v === null ? null : typeof v === 'number' ? v : (v as string).toLowerCase();
  const compare = (left: unknown, right: unknown): number => {
    const [a, b] = [plain(left), plain(right)];
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const [x, y] = [`${a}`, `${b}`];
    return x === y ? 0 : x < y ? -1 : 1;
  };
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const members = Array.from({ length: 600 }, (_, index) => {
    const member: Record<string, unknown> = { index, u: `U${random(1_000_000)}` };
    const kind = random(4);
    if (kind === 0) member.a = random(20);
    if (kind === 1) member.a = ['x', 'Y', 'z'][random(3)];
    if (kind === 2) member.a = null;
    for (const key of ['b', 'c', 'd', 'e', 'f']) member[key] = random(600);
    return member;
  });

  it.each(['a:asc,u:desc', 'a:desc', 'b,c:desc,d,e,f,u'])(
    'orders %s as a plain stable comparator does',
    (sort) => {
      const keys = sort.split(',').map((part) => {
        const [name = '', direction = 'asc'] = part.split(':');
        return { name, sign: direction === 'desc' ? -1 : 1 };
      });
      const expected = [...members].sort((x, y) => {
        for (const { name, sign } of keys) {
          const order = compare(x[name], y[name]);
          if (order !== 0) return order * sign;
        }
        return 0;
      });

      expect(sortMembers(members, parseSort(sort)).map((m) => m.index)).toEqual(
        expected.map((m) => m.index),
      );
    },
  );
});
