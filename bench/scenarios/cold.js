'use strict';
// `--scenario cold`: two gateway processes sharing one Redis, started together in front of
// an appliance neither knows, then 100 concurrent requests spread over both. Between them
// they must ask the appliance for /rest/version once (single flight in each process, a
// short lease in the store between processes). Each gateway's task watcher negotiates at
// start too, so the count covers the whole run: startup and burst together.

const { startSimulatorProcess } = require('../lib/processes');
const { openBenchRedis } = require('../lib/redis');
const { getStatus } = require('../lib/load');
const fixtures = require('../lib/fixtures');
const { describeMachine } = require('../lib/report');
const http = require('node:http');

const REQUESTS = 100;

async function run() {
  const dir = fixtures.makeScratchDir();
  const started = [];
  try {
    const store = await openBenchRedis();
    started.push(store);
    if (!store.url) {
      return skipped(
        'no Redis: set REDIS_URL or install redis-server (two processes need a shared store)',
      );
    }
    // 100 ms per answer, as a real appliance takes: the burst arrives while the first
    // negotiation (started by each gateway's task watcher at start) is still in flight.
    const simulator = await startSimulatorProcess({
      count: 1,
      password: fixtures.SIM_PASSWORD,
      'latency-ms': 100,
    });
    started.push(simulator);
    const appliances = [{ id: 'a', url: simulator.url }];
    // One key prefix for both: they are replicas of one deployment.
    const keyPrefix = `ovgw-bench-cold:${Date.now()}:`;
    const gateways = await Promise.all(
      ['gateway-1', 'gateway-2'].map((name) =>
        fixtures.startBenchGateway(dir, name, { redisUrl: store.url, appliances, keyPrefix }),
      ),
    );
    started.push(...gateways);

    const before = await fixtures.simulatorStats(simulator.url);
    const path = `/appliances/a/rest/server-hardware?count=1`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: REQUESTS });
    const statuses = await Promise.all(
      Array.from({ length: REQUESTS }, (_, index) => {
        const gateway = gateways[index % 2];
        return getStatus(`${gateway.url}${path}`, { ...gateway.headers }, agent).catch(() => 0);
      }),
    );
    agent.destroy();
    const after = await fixtures.simulatorStats(simulator.url);
    const ok = statuses.filter((status) => status === 200).length;

    return {
      scenario: 'cold',
      generatedAt: new Date().toISOString(),
      machine: describeMachine(),
      settings: { requests: REQUESTS, gateways: 2, store: store.kind },
      ok,
      versionRequests: {
        total: after.versionRequests,
        beforeTheBurst: before.versionRequests,
        duringTheBurst: after.versionRequests - before.versionRequests,
      },
      logins: after.logins,
      targets: [
        {
          name: 'GET /rest/version on the appliance, both processes together',
          value: after.versionRequests,
          goal: '1',
          met: after.versionRequests === 1 && ok === REQUESTS,
        },
      ],
    };
  } finally {
    for (const handle of started.reverse()) await handle.stop().catch(() => undefined);
    fixtures.cleanup(dir);
  }
}

function skipped(reason) {
  return { scenario: 'cold', generatedAt: new Date().toISOString(), skipped: reason, targets: [] };
}

function format(result) {
  if (result.skipped) return `cold: skipped (${result.skipped})`;
  const { versionRequests } = result;
  return [
    `${result.settings.requests} concurrent cold requests over ${result.settings.gateways} gateway processes sharing ${result.settings.store}: ${result.ok} answered 200`,
    `  GET /rest/version on the appliance: ${versionRequests.total} ` +
      `(${versionRequests.beforeTheBurst} while the gateways started, ${versionRequests.duringTheBurst} during the burst); logins: ${result.logins}`,
    ...result.targets.map(
      (target) =>
        `  ${target.met ? 'met ' : 'MISS'}  ${target.name}: ${target.value} (goal ${target.goal})`,
    ),
  ].join('\n');
}

module.exports = { run, format };
