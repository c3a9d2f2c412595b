import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../../src/config/load-config';
import {
  changedKeys,
  copyReloadableKeys,
  keysNeedingRestart,
} from '../../../src/config/reloadable-keys';

// The loader checks that TLS files are readable, so these exist.
const dir = mkdtempSync(path.join(tmpdir(), 'ovgw-reload-'));
const CERT = path.join(dir, 'c.pem');
const KEY = path.join(dir, 'k.pem');
writeFileSync(CERT, 'cert');
writeFileSync(KEY, 'key');

const BASE = {
  appliances: [{ id: 'a', url: 'https://10.0.0.1' }],
  auth: { mode: 'keys', clients: [] },
};

function config(extra: Record<string, unknown>) {
  return parseConfig({ ...BASE, ...extra }).config;
}

describe('telling which changed keys need a restart', () => {
  it.each([
    [{ server: { port: 9000 } }, ['server.port']],
    [
      { server: { tls: { certFile: CERT, keyFile: KEY } } },
      ['server.tls.certFile', 'server.tls.keyFile'],
    ],
    [
      { store: { redisUrl: 'redis://r:6379', keyPrefix: 'x:' } },
      ['store.redisUrl', 'store.keyPrefix'],
    ],
    [{ tasks: { pollIntervalMs: 500 } }, ['tasks.pollIntervalMs']],
    [{ logging: { level: 'debug' } }, ['logging.level']],
    [{ apiVersion: { cacheTtlSeconds: 60 } }, ['apiVersion.cacheTtlSeconds']],
    [{ server: { watchConfig: true } }, ['server.watchConfig']],
    [{ apiVersion: { max: 4000 } }, []],
    [{ server: { publicUrl: 'https://gw.example.com', trustProxy: true } }, []],
    [{ circuitBreaker: { volumeThreshold: 9 } }, []],
    [{ appliances: [{ id: 'b', url: 'https://10.0.0.2' }] }, []],
    [{ auth: { mode: 'none' } }, []],
    [
      { appliances: [{ id: 'a', url: 'https://10.0.0.1', sdkPort: 8443 }] },
      ['appliances[].sdkPort'],
    ],
    [
      { appliances: [{ id: 'b', url: 'https://10.0.0.2', sdkPort: 8443 }] },
      ['appliances[].sdkPort'],
    ],
  ])('%j needs a restart for %j', (change, keys) => {
    expect(keysNeedingRestart(config({}), config(change))).toEqual(keys);
  });

  it('lists nothing for an identical configuration', () => {
    expect(changedKeys(config({}), config({}))).toEqual([]);
  });
});

describe('copying the reloadable keys into the running configuration', () => {
  it('copies appliances, clients and per-request server keys, and leaves the rest', () => {
    const running = config({});
    const next = config({
      server: { port: 9000, publicUrl: 'https://gw.example.com', shutdownTimeoutMs: 500 },
      appliances: [{ id: 'b', url: 'https://10.0.0.2' }],
      apiVersion: { max: 4000, cacheTtlSeconds: 60 },
    });

    copyReloadableKeys(running, next);

    expect(running.server).toMatchObject({
      port: 8080,
      publicUrl: 'https://gw.example.com',
      shutdownTimeoutMs: 500,
    });
    expect(running.appliances.map((entry) => entry.id)).toEqual(['b']);
    expect(running.apiVersion).toEqual({ max: 4000, cacheTtlSeconds: 3600 });
  });
});
