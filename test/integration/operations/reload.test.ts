import path from 'node:path';
import { hashKey } from '../../../src/auth/clients';
import { ConfigError } from '../../../src/config/config-error';
import { loadConfig } from '../../../src/config/load-config';
import type { LoadOptions } from '../../../src/config/load-config';
import { startGateway } from '../../../src/gateway';
import type { GatewayHandle } from '../../../src/gateway';
import { reloadConfig } from '../../../src/server/reload-config';
import { startSimulators } from '../../../src/simulator';
import type { SimulatorHandle } from '../../../src/simulator';
import { ADMIN_KEY, SIM_PASSWORD } from '../../support/gateway-harness';
import {
  applianceEntry,
  childEnv,
  configFolder,
  spawnGateway,
  testConfig,
  writeConfig,
} from '../../support/gateway-process';
import { captureLog } from '../../support/log-capture';
import type { CapturedLog } from '../../support/log-capture';
import { waitFor } from '../../support/simulator-client';
import { testRedisUrl, uniqueKeyPrefix } from '../../support/test-redis';

const READER_KEY = 'test-reader-key-51c2e9';

describe('reloading the configuration', () => {
  let sims: SimulatorHandle[];

  beforeAll(async () => {
    sims = await startSimulators(4, { port: 0, password: SIM_PASSWORD });
  });

  afterAll(async () => {
    await Promise.all((sims ?? []).map((sim) => sim.close()));
  });

  describe('in process, through reloadConfig', () => {
    let gateway: GatewayHandle;
    let log: CapturedLog;
    let file: string;
    let load: LoadOptions;
    let base: Record<string, unknown>;

    beforeAll(async () => {
      file = path.join(configFolder('reload'), 'gateway.yaml');
      load = { configFile: file, env: childEnv() };
      base = testConfig({
        redisUrl: testRedisUrl(),
        keyPrefix: uniqueKeyPrefix('reload'),
        appliances: [applianceEntry('a', sims[0]!), applianceEntry('b', sims[1]!)],
      });
      writeConfig(file, base);
      log = captureLog('info');
      gateway = await startGateway(loadConfig(load), { logger: log.logger });
      for (const id of ['a', 'b']) expect((await get(gateway, id)).status).toBe(200);
    });

    afterAll(async () => {
      await gateway?.close();
    });

    it('serves an added appliance, drains a removed one and renews a changed one', async () => {
      // b answers slowly from now on: a request to it is in flight during the reload.
      sims[1]!.faults({ latencyMs: 1500 });
      const inflight = get(gateway, 'b').then(async (response) => ({
        status: response.status,
        body: await response.text(),
        logoutsWhenDone: sims[1]!.stats().logouts,
      }));
      await waitFor(() => (gateway.registry.get('b')?.bulkhead.active === 1 ? true : undefined));
      writeConfig(file, {
        ...base,
        server: { ...(base.server as object), port: 1 },
        store: { ...(base.store as object), keyPrefix: 'elsewhere:' },
        appliances: [applianceEntry('a', sims[3]!), applianceEntry('c', sims[2]!)],
        auth: {
          mode: 'keys',
          clients: [
            { id: 'admin', keySha256: hashKey(ADMIN_KEY) },
            { id: 'reader', keySha256: hashKey(READER_KEY), scopes: { methods: ['GET'] } },
          ],
        },
      });

      const result = reloadConfig(gateway, load);

      expect(result).toMatchObject({
        ok: true,
        added: ['c'],
        removed: ['b'],
        changed: ['a'],
        needsRestart: ['server.port', 'store.keyPrefix'],
      });
      const removed = await get(gateway, 'b');
      expect(removed.status).toBe(404);
      expect(await removed.json()).toMatchObject({ errorCode: 'APPLIANCE_NOT_FOUND' });
      expect(await inflight).toMatchObject({ status: 200, logoutsWhenDone: 0 });
      if (result.ok) await result.retired;
      expect(sims[1]!.stats()).toMatchObject({ logouts: 1, sessions: 0 });

      expect((await get(gateway, 'c')).status).toBe(200);
      expect((await get(gateway, 'a')).status).toBe(200);
      expect(sims[3]!.stats()).toMatchObject({ versionRequests: 1, logins: 1 });
      expect(sims[0]!.stats()).toMatchObject({ logouts: 1, sessions: 0 });
      expect((await get(gateway, 'a', READER_KEY)).status).toBe(200);
      expect(gateway.config.server.port).toBe(0);
      expect(log.lines).toContainEqual(
        expect.objectContaining({
          msg: 'configuration changes that need a restart; ignored until then',
          keys: ['server.port', 'store.keyPrefix'],
        }),
      );
      sims[1]!.faults({ latencyMs: 0 });
    });

    it('refuses an invalid file, logs what check-config prints, keeps the old one', async () => {
      writeConfig(file, {
        ...base,
        appliances: [{ id: 'a', url: 'ftp://10.0.0.1' }, applianceEntry('Bad Id', sims[2]!)],
      });
      const expected = problemsOf(load);

      const result = reloadConfig(gateway, load);

      expect(expected.length).toBeGreaterThanOrEqual(2);
      expect(result).toEqual({ ok: false, problems: expected });
      expect(log.lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          msg: 'configuration not reloaded: it has problems; the running one stays',
          problems: expected,
        }),
      );
      expect(gateway.registry.all().map((appliance) => appliance.id)).toEqual(['a', 'c']);
      expect((await get(gateway, 'c')).status).toBe(200);
    });

    it('refuses a configuration whose appliance cannot be built, changing nothing', async () => {
      const before = gateway.registry.all();
      writeConfig(file, {
        ...base,
        appliances: [
          applianceEntry('a', sims[0]!),
          { ...applianceEntry('c', sims[2]!), tls: { caFile: '/nonexistent/ca.pem' } },
        ],
      });

      const result = reloadConfig(gateway, load);

      expect(result).toEqual({ ok: false, problems: [expect.stringContaining('ENOENT')] });
      const after = gateway.registry.all();
      expect(after.map((appliance, index) => appliance === before[index])).toEqual([true, true]);
      expect(gateway.config.appliances.map((entry) => entry.url)).toEqual([
        sims[3]!.url,
        sims[2]!.url,
      ]);
      expect((await get(gateway, 'a')).status).toBe(200);
    });
  });

  describe('in a served process', () => {
    it('reloads on SIGHUP', async () => {
      const file = path.join(configFolder('sighup'), 'gateway.yaml');
      const config = testConfig({
        redisUrl: testRedisUrl(),
        keyPrefix: uniqueKeyPrefix('sighup'),
        appliances: [applianceEntry('a', sims[0]!)],
      });
      writeConfig(file, config);
      const gateway = await spawnGateway(file);
      try {
        expect((await gateway.fetch('/appliances/c/rest/server-hardware')).status).toBe(404);
        writeConfig(file, { ...config, appliances: [applianceEntry('c', sims[2]!)] });

        gateway.child.kill('SIGHUP');
        const reloaded = await gateway.waitForLine((l) => l.msg === 'configuration reloaded');

        expect(reloaded).toMatchObject({ added: ['c'], removed: ['a'], changed: [] });
        expect((await gateway.fetch('/appliances/c/rest/server-hardware')).status).toBe(200);
        expect((await gateway.fetch('/appliances/a/rest/server-hardware')).status).toBe(404);
      } finally {
        await gateway.stop();
      }
    });

    it('reloads when the file changes, with server.watchConfig', async () => {
      const file = path.join(configFolder('watch'), 'gateway.yaml');
      const config = testConfig({
        redisUrl: testRedisUrl(),
        keyPrefix: uniqueKeyPrefix('watch'),
        appliances: [applianceEntry('a', sims[0]!)],
        server: { watchConfig: true },
      });
      writeConfig(file, config);
      const gateway = await spawnGateway(file);
      try {
        writeConfig(file, {
          ...config,
          appliances: [applianceEntry('a', sims[0]!), applianceEntry('c', sims[2]!)],
        });

        const reloaded = await gateway.waitForLine((l) => l.msg === 'configuration reloaded');

        expect(reloaded).toMatchObject({ added: ['c'], removed: [], changed: [] });
        expect((await gateway.fetch('/appliances/c/rest/server-hardware')).status).toBe(200);
      } finally {
        await gateway.stop();
      }
    });
  });
});

function get(gateway: GatewayHandle, id: string, key = ADMIN_KEY): Promise<Response> {
  return fetch(`${gateway.url}/appliances/${id}/rest/server-hardware?count=1`, {
    headers: { 'x-api-key': key },
  });
}

/** The problems `ovgw check-config` prints for the same files and environment. */
function problemsOf(load: LoadOptions): string[] {
  try {
    loadConfig(load);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
  }
  return [];
}
