import path from 'node:path';
import { startSimulators } from '../../../src/simulator';
import type { SimulatorHandle } from '../../../src/simulator';
import { SIM_PASSWORD } from '../../support/gateway-harness';
import {
  applianceEntry,
  configFolder,
  spawnGateway,
  testConfig,
  writeConfig,
} from '../../support/gateway-process';
import type { GatewayProcess, LogLine } from '../../support/gateway-process';
import { testRedisUrl, uniqueKeyPrefix } from '../../support/test-redis';
import { openEvents } from '../tasks/sse-client';
import Redis from 'ioredis';
import { SdkClient } from '../../support/sdk-client';
import { ADMIN_KEY } from '../../support/gateway-harness';
import { waitFor } from '../../support/simulator-client';

/** Rounds every 100 ms: the watcher lease lasts 2 s, so a dead replica's watch moves fast. */
const FAST_TASKS = { pollIntervalMs: 100, syncIntervalMs: 200, retentionHours: 24 };

/**
 * Two `ovgw serve` processes on one Redis, as two replicas behind a load balancer: `a` has
 * credentials (its tasks are watched), `c` and `d` are passthrough, so that nothing asks
 * their version before the test does.
 */
describe('two gateway processes on one Redis', () => {
  let sims: SimulatorHandle[];
  let one: GatewayProcess;
  let two: GatewayProcess;

  beforeAll(async () => {
    sims = await startSimulators(3, { port: 0, password: SIM_PASSWORD, taskMs: 4000 });
    const file = path.join(configFolder('replicas'), 'gateway.yaml');
    writeConfig(
      file,
      testConfig({
        redisUrl: testRedisUrl(),
        keyPrefix: uniqueKeyPrefix('replicas'),
        appliances: [
          applianceEntry('a', sims[0]!),
          applianceEntry('c', sims[1]!, { passthrough: true }),
          applianceEntry('d', sims[2]!, { passthrough: true }),
        ],
        tasks: FAST_TASKS,
      }),
    );
    [one, two] = await Promise.all([spawnGateway(file), spawnGateway(file)]);
  });

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await Promise.all((sims ?? []).map((sim) => sim.close()));
  });

  it('negotiates each appliance once between them for 100 concurrent cold requests', async () => {
    const sessions = {
      c: await logInDirectly(sims[1]!),
      d: await logInDirectly(sims[2]!),
    };

    const answers = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        const replica = index % 2 === 0 ? one : two;
        const id = index % 4 < 2 ? 'c' : 'd';
        const response = await replica.fetch(`/appliances/${id}/rest/server-hardware?count=1`, {
          headers: { auth: sessions[id] },
        });
        await response.arrayBuffer();
        return { status: response.status, version: response.headers.get('x-api-version') };
      }),
    );

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.version))).toEqual(new Set(['8600']));
    expect(sims[1]!.stats().versionRequests).toBe(1);
    expect(sims[2]!.stats().versionRequests).toBe(1);
  });

  it("follows a task started through one replica on the other's event stream", async () => {
    const events = await openEvents(two.url);
    try {
      const taskUri = await startProfile(one, 'across-replicas');

      const done = await events.next((e) => e.task.uri === taskUri && e.task.terminal, 10_000);

      expect(done.task).toMatchObject({
        state: 'completed',
        origin: 'gateway',
        startedBy: 'admin',
      });
    } finally {
      events.close();
    }
  });

  it('takes over the watch of a replica killed with SIGKILL while it follows a task', async () => {
    const holder = watching(one, 'a') ? one : two;
    const survivor = holder === one ? two : one;
    expect(watching(survivor, 'a')).toBe(false);
    const events = await openEvents(survivor.url);
    try {
      const taskUri = await startProfile(survivor, 'orphaned-watch');
      await events.next((e) => e.task.uri === taskUri && !e.task.terminal, 5000);

      holder.child.kill('SIGKILL');
      expect(await holder.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const killedAt = Date.now();

      await survivor.waitForLine((line) => isWatchingLine(line, 'a'), 10_000);
      const done = await events.next((e) => e.task.uri === taskUri && e.task.terminal, 10_000);

      expect(done.task).toMatchObject({ state: 'completed', origin: 'gateway' });
      expect(Date.parse(done.task.modified)).toBeGreaterThan(killedAt - 1000);
    } finally {
      events.close();
    }
  });
});

/** Two replicas of one config file; appliance `a` on an SDK port each picks for itself. */
async function startReplicas(
  keyPrefix: string,
  sim: SimulatorHandle,
  rateLimit?: Record<string, unknown>,
): Promise<[GatewayProcess, GatewayProcess]> {
  const file = path.join(configFolder('replicas-sdk-port'), 'gateway.yaml');
  writeConfig(
    file,
    testConfig({
      redisUrl: testRedisUrl(),
      keyPrefix,
      appliances: [{ ...applianceEntry('a', sim), sdkPort: 0 }],
      ...(rateLimit ? { rateLimit } : {}),
    }),
  );
  const [one, two] = await Promise.all([spawnGateway(file), spawnGateway(file)]);
  return [one, two];
}

/** The URL of appliance `a`'s SDK port on a replica, from its start-up log. */
async function sdkOrigin(replica: GatewayProcess): Promise<string> {
  const line = await replica.waitForLine(
    (candidate) => candidate.msg === 'appliance served as a OneView origin',
  );
  return String(line.url);
}

describe('two gateway processes on one Redis, for SDK clients', () => {
  let sim: SimulatorHandle;
  let one: GatewayProcess;
  let two: GatewayProcess;

  beforeAll(async () => {
    sim = (await startSimulators(1, { port: 0, password: SIM_PASSWORD }))[0]!;
    [one, two] = await startReplicas(uniqueKeyPrefix('replicas-sdk'), sim);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await sim?.close();
  });

  it('accepts on one replica a gateway session made on the other, and ends it on both', async () => {
    // Each process made its own self-signed certificate.
    const onOne = await SdkClient.connect(await sdkOrigin(one), { verify: false });
    const onTwo = await SdkClient.connect(await sdkOrigin(two), { verify: false });
    try {
      await onOne.pickVersion();
      await onTwo.pickVersion();
      expect((await onOne.logIn('admin', ADMIN_KEY)).status).toBe(200);
      const session = { auth: onOne.session! };

      expect((await onTwo.call('GET', '/rest/enclosures', { headers: session })).status).toBe(200);
      expect((await onOne.call('GET', '/rest/enclosures')).status).toBe(200);
      expect(
        (await onTwo.call('DELETE', '/rest/login-sessions', { headers: session })).status,
      ).toBe(204);
      // Ended in the store and published: the replica that made it forgets it too.
      await waitFor(async () =>
        (await onOne.call('GET', '/rest/enclosures')).status === 401 ? true : undefined,
      );
    } finally {
      await onOne.close();
      await onTwo.close();
    }
  });
});

describe('two gateway processes on one Redis, for rate limits', () => {
  let sim: SimulatorHandle;
  let one: GatewayProcess;
  let two: GatewayProcess;
  let keyPrefix: string;
  let redis: Redis;
  /** What the replicas have added to the client's shared count so far. */
  const shared = async (): Promise<number> =>
    Number((await redis.get(`${keyPrefix}rate:admin`)) ?? 0);

  beforeAll(async () => {
    sim = (await startSimulators(1, { port: 0, password: SIM_PASSWORD }))[0]!;
    // One request a 10 s window and a burst of 2: three in all between the two.
    keyPrefix = uniqueKeyPrefix('replicas-rate');
    [one, two] = await startReplicas(keyPrefix, sim, { perClientPerSecond: 0.1, burst: 2 });
    redis = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    await redis?.quit();
    await Promise.all([one?.stop(), two?.stop()]);
    await sim?.close();
  });

  it('refuses a client on one replica once it spent its rate through the other', async () => {
    const throughOne = [];
    for (let index = 0; index < 3; index += 1) {
      throughOne.push((await one.fetch('/appliances/a/rest/enclosures')).status);
    }
    // Replica two has seen none of them: alone it would admit three. Its first request is
    // admitted before its share reaches the store; the store's count then refuses the rest.
    await waitFor(async () => ((await shared()) === 3 ? true : undefined));
    // Replica two has seen none of them: alone it would admit three (rate 1, burst 2).
    const throughTwo = await spendOn(two, shared, 3);

    expect(throughOne).toEqual([200, 200, 200]);
    // Its first is admitted before its share reaches the store; the store's count refuses
    // the rest (the second may pass if it lands before the refusal does).
    expect(throughTwo[0]).toBe(200);
    expect(throughTwo[2]).toBe(429);
  });
});

/**
 * Sends `count` requests through a replica, waiting after each one it admits until the
 * shared count in the store holds it; returns the statuses.
 */
async function spendOn(
  replica: GatewayProcess,
  shared: () => Promise<number>,
  count: number,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const before = await shared();
    const status = (await replica.fetch('/appliances/a/rest/enclosures')).status;
    statuses.push(status);
    if (status === 200) await waitFor(async () => ((await shared()) > before ? true : undefined));
  }
  return statuses;
}

/** Logs in at a simulator directly, as a passthrough client does before using the gateway. */
async function logInDirectly(sim: SimulatorHandle): Promise<string> {
  const response = await fetch(`${sim.url}/rest/login-sessions`, {
    method: 'POST',
    headers: { 'x-api-version': '2000', 'content-type': 'application/json' },
    body: JSON.stringify({ userName: 'Administrator', password: SIM_PASSWORD }),
  });
  return ((await response.json()) as { sessionID: string }).sessionID;
}

/** Creates a server profile through a replica's appliance face; returns the unified task URI. */
async function startProfile(replica: GatewayProcess, name: string): Promise<string> {
  const response = await replica.fetch('/appliances/a/rest/server-profiles', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, type: 'ServerProfileV12' }),
  });
  await response.arrayBuffer();
  expect(response.status).toBe(202);
  return response.headers.get('x-task-uri') ?? '';
}

function isWatchingLine(line: LogLine, applianceId: string): boolean {
  return line.msg === 'watching tasks' && line.appliance === applianceId;
}

/** True when the replica's last word on the appliance's lease is that it holds it. */
function watching(replica: GatewayProcess, applianceId: string): boolean {
  const said = replica.lines.filter(
    (line) =>
      line.appliance === applianceId &&
      (line.msg === 'watching tasks' || String(line.msg).startsWith('no longer watching')),
  );
  return said.at(-1)?.msg === 'watching tasks';
}
