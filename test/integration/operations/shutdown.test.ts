import path from 'node:path';
import { startSimulator } from '../../../src/simulator';
import type { SimulatorHandle } from '../../../src/simulator';
import { SIM_PASSWORD } from '../../support/gateway-harness';
import {
  applianceEntry,
  configFolder,
  spawnGateway,
  testConfig,
  writeConfig,
} from '../../support/gateway-process';
import type { GatewayProcess } from '../../support/gateway-process';
import { rawRequest, waitFor } from '../../support/simulator-client';
import { testRedisUrl, uniqueKeyPrefix } from '../../support/test-redis';

const SLOW_PATH = '/rest/server-hardware?count=2';

describe('ovgw serve on SIGTERM', () => {
  let sim: SimulatorHandle;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, password: SIM_PASSWORD });
    const file = path.join(configFolder('shutdown'), 'gateway.yaml');
    writeConfig(
      file,
      testConfig({
        redisUrl: testRedisUrl(),
        keyPrefix: uniqueKeyPrefix('shutdown'),
        appliances: [applianceEntry('a', sim)],
      }),
    );
    gateway = await spawnGateway(file);
  });

  afterAll(async () => {
    await gateway?.stop();
    await sim?.close();
  });

  it('finishes in-flight requests, refuses new connections, logs out and exits 0', async () => {
    expect((await gateway.fetch('/appliances/a/rest/server-hardware?count=1')).status).toBe(200);
    sim.faults({ latencyMs: 1500 });
    const inflight = gateway
      .fetch(`/appliances/a${SLOW_PATH}`)
      .then(async (response) => ({
        status: response.status,
        members: ((await response.json()) as { members: unknown[] }).members.length,
      }))
      .catch((error: unknown) => ({ error: String(error) }));
    // Once the simulator holds the request, its delay is set; later requests need none.
    await waitFor(() => (sim.stats().recent.some((r) => r.url === SLOW_PATH) ? true : undefined));
    sim.faults({ latencyMs: 0 });

    gateway.child.kill('SIGTERM');
    await gateway.waitForLine((line) => line.msg === 'shutting down: draining in-flight requests');
    const refused = await rawRequest(`${gateway.url}/healthz`);

    expect(refused).toMatchObject({ error: 'ECONNREFUSED' });
    expect(await inflight).toEqual({ status: 200, members: 2 });
    const answeredAt = Date.now();
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    // The client keeps its connection alive: the drain must close it rather than wait.
    expect(Date.now() - answeredAt).toBeLessThan(2000);
    const stats = sim.stats();
    expect(stats.logins).toBeGreaterThan(0);
    expect(stats).toMatchObject({ logouts: stats.logins, sessions: 0 });
    expect(gateway.lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['logged out', 'gateway stopped']),
    );
  });
});
