import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../src/config/config-error';
import { envNameOf } from '../../../src/config/env-overrides';
import { loadConfig, parseConfig } from '../../../src/config/load-config';

const dir = mkdtempSync(path.join(tmpdir(), 'ovgw-config-'));

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loading the configuration, problems across keys', () => {
  it('reports problems across keys together with the others', () => {
    const key = '0'.repeat(64);
    const config = file(
      'across.yaml',
      [
        'server: { port: "eighty", host: 0.0.0.0 }',
        `auth: { mode: none, clients: [{ id: x, keySha256: "${key}", scopes: { methods: [FETCH] } }, { id: x, keySha256: "${key}" }] }`,
        'appliances:',
        '  - { id: a, url: "https://10.0.0.1", sdkPort: 9443 }',
        '  - { id: b, url: "https://10.0.0.2", sdkPort: 9443 }',
        '  - { id: c, url: "https://10.0.0.3", sdkPort: 8080 }',
      ].join('\n'),
    );

    expect(problemsOf(() => loadConfig({ configFile: config, env: {} }))).toEqual([
      'server.port: received "eighty": expected number',
      'auth.clients[0].scopes.methods[0]: received "FETCH": expected *, GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS',
      'auth.clients[1].id: received "x": expected a unique id; "x" is used twice',
      'appliances[1].sdkPort: received 9443: expected a port of its own; 9443 is used twice',
      'auth.mode: received "none": expected API keys on a non-loopback server.host ("0.0.0.0"); add auth.clients, or set auth.allowAnonymous: true to accept the risk',
    ]);
  });

  it.each([
    ['a loopback host', { server: { host: '127.0.0.1' }, auth: { mode: 'none' } }],
    [
      'allowAnonymous',
      { server: { host: '0.0.0.0' }, auth: { mode: 'none', allowAnonymous: true } },
    ],
  ])('accepts auth.mode none on %s', (_, input) => {
    expect(parseConfig(input).config.auth.mode).toBe('none');
  });

  it('refuses an sdkPort that is the main port', () => {
    expect(
      problemsOf(() =>
        parseConfig({ appliances: [{ id: 'a', url: 'https://10.0.0.1', sdkPort: 8080 }] }),
      ),
    ).toEqual([
      'appliances[0].sdkPort: received 8080: expected a port other than server.port (8080)',
    ]);
  });

  it('reads the file OVGW_CONFIG names when no --config is given', () => {
    const named = file('named.yaml', 'server: { port: 9123 }');
    expect(loadConfig({ env: { OVGW_CONFIG: named } }).config.server.port).toBe(9123);
  });

  it.each([
    ['an alias inside itself', 'a: &a [*a]', 'an alias refers to a node that contains it'],
    [
      'an alias bomb',
      Array.from({ length: 12 }, (_, i) =>
        i === 0
          ? 'a0: &a0 [x, x, x, x, x, x, x, x, x]'
          : `a${i}: &a${i} [${Array(9)
              .fill(`*a${i - 1}`)
              .join(', ')}]`,
      ).join('\n'),
      'too many aliases',
    ],
  ])('refuses %s in one line', (_, text, reason) => {
    const target = file('aliases.yaml', text);
    expect(problemsOf(() => loadConfig({ configFile: target, env: {} }))).toEqual([
      `${target}: invalid YAML: ${reason}`,
    ]);
  });
});

describe('loading the configuration', () => {
  it('gives every default when the files say nothing', () => {
    const { config } = loadConfig({ env: {} });

    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8080, trustProxy: false });
    expect(config.store).toEqual({ redisUrl: null, keyPrefix: 'ovgw:', commandTimeoutMs: 500 });
    expect(config.apiVersion).toEqual({ max: 8600, cacheTtlSeconds: 3600 });
    expect(config.appliances).toEqual([]);
  });

  it('merges the given file over the defaults, then the environment over both', () => {
    const configFile = file('merge.yaml', 'server:\n  port: 9000\n  host: 127.0.0.2\n');

    const { config } = loadConfig({
      configFile,
      env: {
        OVGW_SERVER_PORT: '9100',
        REDIS_URL: 'redis://127.0.0.1:6390',
        OVGW_LOG_LEVEL: 'debug',
      },
    });

    expect(config.server.port).toBe(9100);
    expect(config.server.host).toBe('127.0.0.2');
    expect(config.server.shutdownTimeoutMs).toBe(10000);
    expect(config.store.redisUrl).toBe('redis://127.0.0.1:6390');
    expect(config.logging.level).toBe('debug');
  });

  it('reports an unknown key, a port that is not a number and a URL with a path together', () => {
    const configFile = file(
      'three.yaml',
      [
        'server:',
        '  port: eighty',
        '  colour: blue',
        'appliances:',
        '  - id: dc1',
        '    url: https://10.1.2.3/rest',
      ].join('\n'),
    );

    const problems = problemsOf(() => loadConfig({ configFile, env: {} }));

    expect(problems).toEqual([
      'server.port: received "eighty": expected number',
      'server.colour: received "blue": unknown key, expected one of host, port, publicUrl, tls, ' +
        'shutdownTimeoutMs, trustProxy, workers, bodyLimitBytes, headersTimeoutMs, ' +
        'requestTimeoutMs, keepAliveTimeoutMs, maxHeaderBytes, watchConfig',
      'appliances[0].url: received "https://10.1.2.3/rest": expected scheme, host and optional port only, no path',
    ]);
  });

  it('refuses a password written in the file and says where secrets go', () => {
    const configFile = file(
      'password.yaml',
      'appliances:\n  - id: dc1\n    url: https://ov1\n    credentials: { userName: a, password: s3cret }\n',
    );

    const problems = problemsOf(() => loadConfig({ configFile, env: {} }));

    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^appliances\[0\]\.credentials\.password: refused: passwords never sit/,
    );
    expect(problems[0]).toContain('passwordEnv');
    expect(problems.join('\n')).not.toContain('s3cret');
  });

  it('reads passwords from the named variable or file, and hides them from JSON and logs', () => {
    const secretFile = file('secret.txt', 'from-file\n');
    const { passwords } = parseConfig(
      {
        appliances: [
          { id: 'a', url: 'https://a', credentials: { userName: 'u', passwordEnv: 'PW_A' } },
          {
            id: 'b',
            url: 'https://b:8443',
            credentials: { userName: 'u', passwordFile: secretFile },
          },
        ],
      },
      { PW_A: 'from-env' },
    );

    expect(passwords.get('a')?.reveal()).toBe('from-env');
    expect(passwords.get('b')?.reveal()).toBe('from-file');
    expect(JSON.stringify({ p: passwords.get('a') })).toBe('{"p":"[redacted]"}');
    expect(`${String(passwords.get('b'))}`).toBe('[redacted]');
  });

  it('says which variable is unset when a passwordEnv names nothing', () => {
    const problems = problemsOf(() =>
      parseConfig({
        appliances: [
          { id: 'a', url: 'https://a', credentials: { userName: 'u', passwordEnv: 'NOPE' } },
        ],
      }),
    );

    expect(problems).toEqual([
      'appliances[0].credentials.passwordEnv: environment variable NOPE is not set',
    ]);
  });

  it('gives line and column for invalid YAML', () => {
    const configFile = file('broken.yaml', 'server:\n  port: [1, 2\n');

    const problems = problemsOf(() => loadConfig({ configFile, env: {} }));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/broken\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('names a file it cannot read', () => {
    const missing = path.join(dir, 'missing.yaml');

    expect(problemsOf(() => loadConfig({ configFile: missing, env: {} }))).toEqual([
      `${missing}: cannot read the file: no such file (ENOENT)`,
    ]);
  });

  it('refuses duplicate appliance ids', () => {
    const configFile = file(
      'dupes.yaml',
      'appliances:\n  - { id: a, url: "http://a" }\n  - { id: a, url: "http://b" }\n',
    );

    expect(problemsOf(() => loadConfig({ configFile, env: {} }))).toEqual([
      'appliances[1].id: received "a": expected a unique id; "a" is used twice',
    ]);
  });

  it('warns about OVGW_ variables that name no key, except the passwords the file names', () => {
    const configFile = file(
      'env-names.yaml',
      'appliances:\n  - id: a\n    url: http://a\n    credentials: { userName: u, passwordEnv: OVGW_A_PASSWORD }\n',
    );

    const { warnings, passwords } = loadConfig({
      configFile,
      env: { OVGW_SERVER_PROT: '1', OVGW_A_PASSWORD: 'pw' },
    });

    expect(warnings).toEqual(['OVGW_SERVER_PROT: names no configuration key; ignored']);
    expect(passwords.get('a')?.reveal()).toBe('pw');
  });

  it('lets OVGW_STORE_REDIS_URL win over REDIS_URL, and keeps strings that look like YAML', () => {
    const { config } = loadConfig({
      env: {
        OVGW_STORE_REDIS_URL: 'redis://a:6379',
        REDIS_URL: 'redis://b:6379',
        OVGW_STORE_KEY_PREFIX: '#gw:',
        OVGW_SERVER_HOST: '0123',
      },
    });

    expect(config.store.redisUrl).toBe('redis://a:6379');
    expect(config.store.keyPrefix).toBe('#gw:');
    expect(config.server.host).toBe('0123');
  });

  it.each([
    ['server.port', 'OVGW_SERVER_PORT'],
    ['server.shutdownTimeoutMs', 'OVGW_SERVER_SHUTDOWN_TIMEOUT_MS'],
    ['apiVersion.cacheTtlSeconds', 'OVGW_API_VERSION_CACHE_TTL_SECONDS'],
  ])('names the environment override of %s %s', (key, name) => {
    expect(envNameOf(key)).toBe(name);
  });

  it('names TLS files it cannot read, and a certificate without its key', () => {
    const problems = problemsOf(() =>
      parseConfig({
        server: { tls: { certFile: path.join(dir, 'no-cert.pem'), keyFile: null } },
        appliances: [{ id: 'a', url: 'https://a', tls: { caFile: path.join(dir, 'no-ca.pem') } }],
      }),
    );

    expect(problems).toEqual([
      'server.tls: expected both certFile and keyFile, or neither',
      `server.tls.certFile: cannot read ${path.join(dir, 'no-cert.pem')}: no such file (ENOENT)`,
      `appliances[0].tls.caFile: cannot read ${path.join(dir, 'no-ca.pem')}: no such file (ENOENT)`,
    ]);
  });
  it('names the keys an object takes beside an unknown one, inside a list too', () => {
    const problems = problemsOf(() =>
      parseConfig({ appliances: [{ id: 'a', url: 'http://a', timeouts: { readMs: 5 } }] }),
    );

    expect(problems).toEqual([
      'appliances[0].timeouts.readMs: received 5: unknown key, expected one of connectMs, requestMs',
    ]);
  });

  it('names the environment variable a wrong value came from', () => {
    const problems = problemsOf(() =>
      loadConfig({ env: { OVGW_SERVER_PORT: 'abc', REDIS_URL: 'http://cache:6379' } }),
    );

    expect(problems).toEqual([
      'server.port: received "abc" (from OVGW_SERVER_PORT): expected number',
      'store.redisUrl: received "http://cache:6379" (from REDIS_URL): expected a redis://, ' +
        'rediss:// or redis+sentinel://[:password@]host:port[,host:port...]/masterName[/db]' +
        '[?sentinelPassword=...] URL',
    ]);
  });

  it('refuses a Redis URL with a password in a file, and never prints the password', () => {
    const configFile = file(
      'redis-password.yaml',
      'store:\n  redisUrl: "redis://:hunter2@cache:6379/0"\n',
    );

    const problems = problemsOf(() => loadConfig({ configFile, env: {} }));

    expect(problems).toEqual([
      'store.redisUrl: refused: the URL holds a password, and passwords never sit in a config ' +
        'file; set the whole URL in the REDIS_URL environment variable instead',
    ]);
  });

  it('takes a Redis URL with a password from REDIS_URL, and hides it when the URL is wrong', () => {
    const { config } = loadConfig({ env: { REDIS_URL: 'rediss://gw:s3cret@cache:6380/1' } });
    const problems = problemsOf(() =>
      loadConfig({
        env: { REDIS_URL: 'redis+sentinel://:s3cret@sentinel-1:26379?sentinelPassword=s3cret' },
      }),
    );

    expect(config.store.redisUrl).toBe('rediss://gw:s3cret@cache:6380/1');
    expect(problems).toEqual([
      'store.redisUrl: received "redis+sentinel://:[redacted]@sentinel-1:26379?sentinelPassword=' +
        '[redacted]" (from REDIS_URL): expected redis+sentinel://[:password@]host:port' +
        '[,host:port...]/masterName[/db][?sentinelPassword=...]',
    ]);
  });

  it('accepts a Sentinel URL naming several sentinels and the master group', () => {
    const { config } = loadConfig({
      env: { REDIS_URL: 'redis+sentinel://s1:26379,s2:26380,[::1]/ovgw-master/2' },
    });

    expect(config.store.redisUrl).toBe('redis+sentinel://s1:26379,s2:26380,[::1]/ovgw-master/2');
  });
});
