import { envNameOf, readEnvOverrides } from '../../../src/config/env-overrides';
import type { EnvOverrides } from '../../../src/config/env-overrides';

const LEAVES = [
  'server.host',
  'server.port',
  'server.publicUrl',
  'server.trustProxy',
  'server.shutdownTimeoutMs',
  'server.tls.certFile',
  'store.redisUrl',
  'store.keyPrefix',
  'apiVersion.max',
  'logging.level',
  'fleet.cacheTtlMs',
];

describe('naming a configuration key in the environment', () => {
  it.each([
    ['server.port', 'OVGW_SERVER_PORT'],
    ['server.shutdownTimeoutMs', 'OVGW_SERVER_SHUTDOWN_TIMEOUT_MS'],
    ['server.tls.certFile', 'OVGW_SERVER_TLS_CERT_FILE'],
    ['apiVersion.cacheTtlSeconds', 'OVGW_API_VERSION_CACHE_TTL_SECONDS'],
    ['rateLimit.perClientPerSecond', 'OVGW_RATE_LIMIT_PER_CLIENT_PER_SECOND'],
    ['fleet.maxMembersPerAppliance', 'OVGW_FLEET_MAX_MEMBERS_PER_APPLIANCE'],
    ['store.redisUrl', 'OVGW_STORE_REDIS_URL'],
  ])('names %s as %s', (path, name) => {
    expect(envNameOf(path)).toBe(name);
  });
});

describe('reading overrides from the environment', () => {
  it.each<[string, NodeJS.ProcessEnv, Omit<EnvOverrides, 'sources'>]>([
    ['nothing from an empty environment', {}, { values: {}, unknown: [] }],
    ['a number', { OVGW_SERVER_PORT: '8081' }, { values: { server: { port: 8081 } }, unknown: [] }],
    [
      'a negative and a decimal number as they are',
      { OVGW_SERVER_PORT: '-1', OVGW_FLEET_CACHE_TTL_MS: '2.5' },
      { values: { server: { port: -1 }, fleet: { cacheTtlMs: 2.5 } }, unknown: [] },
    ],
    [
      'booleans',
      { OVGW_SERVER_TRUST_PROXY: 'true' },
      { values: { server: { trustProxy: true } }, unknown: [] },
    ],
    [
      'false',
      { OVGW_SERVER_TRUST_PROXY: 'false' },
      { values: { server: { trustProxy: false } }, unknown: [] },
    ],
    [
      'null',
      { OVGW_SERVER_PUBLIC_URL: 'null' },
      { values: { server: { publicUrl: null } }, unknown: [] },
    ],
    [
      'a string',
      { OVGW_SERVER_HOST: '0.0.0.0' },
      { values: { server: { host: '0.0.0.0' } }, unknown: [] },
    ],
    [
      'an IPv6 address as a string',
      { OVGW_SERVER_HOST: '::1' },
      { values: { server: { host: '::1' } }, unknown: [] },
    ],
    [
      'a URL as a string',
      { OVGW_SERVER_PUBLIC_URL: 'https://gw.example.com:8443/' },
      { values: { server: { publicUrl: 'https://gw.example.com:8443/' } }, unknown: [] },
    ],
    [
      'text with a colon as it is',
      { OVGW_STORE_KEY_PREFIX: 'ovgw:' },
      { values: { store: { keyPrefix: 'ovgw:' } }, unknown: [] },
    ],
    [
      'brackets as they are',
      { OVGW_STORE_KEY_PREFIX: '[x]' },
      { values: { store: { keyPrefix: '[x]' } }, unknown: [] },
    ],
    [
      'a leading # as text, not a comment',
      { OVGW_STORE_KEY_PREFIX: '#gw:' },
      { values: { store: { keyPrefix: '#gw:' } }, unknown: [] },
    ],
    [
      'a number with a leading zero as text',
      { OVGW_SERVER_HOST: '0123' },
      { values: { server: { host: '0123' } }, unknown: [] },
    ],
    [
      'quotes as part of the text',
      { OVGW_STORE_KEY_PREFIX: '"8081"' },
      { values: { store: { keyPrefix: '"8081"' } }, unknown: [] },
    ],
    [
      'OVGW_STORE_REDIS_URL over REDIS_URL when both are set',
      { REDIS_URL: 'redis://b:6379', OVGW_STORE_REDIS_URL: 'redis://a:6379' },
      { values: { store: { redisUrl: 'redis://a:6379' } }, unknown: [] },
    ],
    [
      'REDIS_URL as store.redisUrl',
      { REDIS_URL: 'redis://127.0.0.1:6379/0' },
      { values: { store: { redisUrl: 'redis://127.0.0.1:6379/0' } }, unknown: [] },
    ],
    [
      'OVGW_STORE_REDIS_URL as store.redisUrl',
      { OVGW_STORE_REDIS_URL: 'redis://10.0.0.5:6380/2' },
      { values: { store: { redisUrl: 'redis://10.0.0.5:6380/2' } }, unknown: [] },
    ],
    [
      'OVGW_LOG_LEVEL as logging.level',
      { OVGW_LOG_LEVEL: 'debug' },
      { values: { logging: { level: 'debug' } }, unknown: [] },
    ],
    [
      'OVGW_LOGGING_LEVEL as logging.level',
      { OVGW_LOGGING_LEVEL: 'warn' },
      { values: { logging: { level: 'warn' } }, unknown: [] },
    ],
    [
      'several keys of one section into one object',
      {
        OVGW_SERVER_PORT: '9000',
        OVGW_SERVER_HOST: 'localhost',
        OVGW_SERVER_TLS_CERT_FILE: '/c.pem',
      },
      {
        values: { server: { port: 9000, host: 'localhost', tls: { certFile: '/c.pem' } } },
        unknown: [],
      },
    ],
    [
      'nothing from variables set to the empty string',
      { OVGW_SERVER_PORT: '', REDIS_URL: '' },
      { values: {}, unknown: [] },
    ],
    [
      'nothing from OVGW_CONFIG, which names the file instead',
      { OVGW_CONFIG: '/etc/ovgw.yaml' },
      { values: {}, unknown: [] },
    ],
    [
      'nothing from variables of other programs',
      { PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'production', OVGWX_PORT: '1' },
      { values: {}, unknown: [] },
    ],
    [
      'each OVGW_ name that names no key, as unknown',
      { OVGW_SERVER_PROT: '8081', OVGW_SERVER: 'x', OVGW_SERVER_PORT: '8082' },
      {
        values: { server: { port: 8082 } },
        unknown: ['OVGW_SERVER_PROT', 'OVGW_SERVER'],
      },
    ],
    [
      'nothing for an unknown OVGW_ name that is empty',
      { OVGW_NOTHING: '' },
      { values: {}, unknown: [] },
    ],
  ])('reads %s', (_what, env, expected) => {
    const { values, unknown } = readEnvOverrides(env, LEAVES);

    expect({ values, unknown }).toEqual(expected);
  });

  it('names no key that is not among the leaves given', () => {
    expect(readEnvOverrides({ OVGW_SERVER_PORT: '1' }, [])).toEqual({
      values: {},
      sources: new Map(),
      unknown: ['OVGW_SERVER_PORT'],
    });
  });

  it('remembers which variable set each key, the generated name winning over an alias', () => {
    const { sources } = readEnvOverrides(
      {
        OVGW_SERVER_PORT: '1',
        REDIS_URL: 'redis://b:6379',
        OVGW_STORE_REDIS_URL: 'redis://a:6379',
        OVGW_LOG_LEVEL: 'debug',
      },
      LEAVES,
    );

    expect(sources).toEqual(
      new Map([
        ['store.redisUrl', 'OVGW_STORE_REDIS_URL'],
        ['logging.level', 'OVGW_LOG_LEVEL'],
        ['server.port', 'OVGW_SERVER_PORT'],
      ]),
    );
  });
});
