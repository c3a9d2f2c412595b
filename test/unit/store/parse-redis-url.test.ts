import { hasRedisPassword, parseRedisUrl } from '../../../src/store/parse-redis-url';
import type { RedisUrlRead } from '../../../src/store/parse-redis-url';

const SENTINEL_FORM =
  'redis+sentinel://[:password@]host:port[,host:port...]/masterName[/db][?sentinelPassword=...]';

describe('reading store.redisUrl', () => {
  it.each<[string, RedisUrlRead]>([
    [
      'redis://127.0.0.1:6379',
      { ok: true, target: { kind: 'direct', url: 'redis://127.0.0.1:6379' } },
    ],
    [
      'rediss://:pw@cache:6380/2',
      { ok: true, target: { kind: 'direct', url: 'rediss://:pw@cache:6380/2' } },
    ],
    ['/run/redis.sock', { ok: true, target: { kind: 'direct', url: '/run/redis.sock' } }],
    [
      'redis+sentinel://s1:26379,s2:26380/mymaster',
      {
        ok: true,
        target: {
          kind: 'sentinel',
          sentinels: [
            { host: 's1', port: 26379 },
            { host: 's2', port: 26380 },
          ],
          name: 'mymaster',
          db: 0,
        },
      },
    ],
    [
      'redis+sentinel://gw:p%40ss@10.0.0.1,[::1]:26390/ovgw/3',
      {
        ok: true,
        target: {
          kind: 'sentinel',
          sentinels: [
            { host: '10.0.0.1', port: 26379 },
            { host: '::1', port: 26390 },
          ],
          name: 'ovgw',
          db: 3,
          username: 'gw',
          password: 'p@ss',
        },
      },
    ],
    [
      'redis+sentinel://:secret@s1/mymaster/',
      {
        ok: true,
        target: {
          kind: 'sentinel',
          sentinels: [{ host: 's1', port: 26379 }],
          name: 'mymaster',
          db: 0,
          password: 'secret',
        },
      },
    ],
    [
      'redis+sentinel://:pw@s1:26379/mymaster?sentinelPassword=s%26p',
      {
        ok: true,
        target: {
          kind: 'sentinel',
          sentinels: [{ host: 's1', port: 26379 }],
          name: 'mymaster',
          db: 0,
          password: 'pw',
          sentinelPassword: 's&p',
        },
      },
    ],
    [
      'redis+sentinel://s1/mymaster?role=slave',
      { ok: false, problem: 'expected no query parameter but sentinelPassword, got role' },
    ],
    [
      'http://cache:6379',
      { ok: false, problem: `expected a redis://, rediss:// or ${SENTINEL_FORM} URL` },
    ],
    [
      'cache:6379',
      { ok: false, problem: `expected a redis://, rediss:// or ${SENTINEL_FORM} URL` },
    ],
    [
      'redis://cache:6379/zero',
      { ok: false, problem: 'expected nothing after the host but a database number (/0)' },
    ],
    [
      'redis://cache:99999',
      { ok: false, problem: 'expected a valid URL such as redis://host:6379/0' },
    ],
    ['redis+sentinel://s1:26379', { ok: false, problem: `expected ${SENTINEL_FORM}` }],
    ['redis+sentinel://s1:26379/mymaster/x', { ok: false, problem: `expected ${SENTINEL_FORM}` }],
    [
      'redis+sentinel://s1:263790/mymaster',
      { ok: false, problem: 'expected host:port for each sentinel, got "s1:263790"' },
    ],
    [
      'redis+sentinel://s1,,s2/mymaster',
      { ok: false, problem: 'expected host:port for each sentinel, got ""' },
    ],
  ])('reads %s', (url, expected) => {
    expect(parseRedisUrl(url)).toEqual(expected);
  });

  it.each([
    ['redis://:pw@cache:6379', true],
    ['rediss://user:pw@cache:6379', true],
    ['redis+sentinel://:pw@s1/mymaster', true],
    ['redis://user@cache:6379', false],
    ['redis://user:@cache:6379', false],
    ['redis://cache:6379', false],
    ['redis+sentinel://s1:26379/mymaster', false],
    ['redis+sentinel://s1:26379/mymaster?sentinelPassword=x', true],
  ])('tells whether %s holds a password: %s', (url, expected) => {
    expect(hasRedisPassword(url)).toBe(expected);
  });
});
