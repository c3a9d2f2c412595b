'use strict';
// `--scenario fleet`: the fleet face's fan-out (SPEC 3.3), `GET /rest/server-hardware`
// over 100 simulated appliances answering in 20 ms, 50 servers each (two pages of 32 per
// appliance). Wall time per listing, p50 over sequential requests. The fleet cache is off
// (fleet.cacheTtlMs: 0) so that every request is a real fan-out.

const { startSimulatorProcess } = require('../lib/processes');
const { openBenchRedis } = require('../lib/redis');
const fixtures = require('../lib/fixtures');
const { spread, round, describeMachine } = require('../lib/report');

async function run(options) {
  const count = options.quick ? 10 : 100;
  const requests = options.quick ? 3 : 15;
  const dir = fixtures.makeScratchDir();
  const started = [];
  try {
    const store = await openBenchRedis();
    started.push(store);
    const simulator = await startSimulatorProcess({
      count,
      password: fixtures.SIM_PASSWORD,
      servers: 50,
      'latency-ms': 20,
    });
    started.push(simulator);
    const appliances = simulator.appliances.map((entry, index) => ({
      id: `sim-${index + 1}`,
      url: entry.url,
    }));
    const gateway = await fixtures.startBenchGateway(dir, 'gateway', {
      redisUrl: store.url,
      appliances,
      extra: { fleet: { cacheTtlMs: 0 } },
    });
    started.push(gateway);
    const url = `${gateway.url}/rest/server-hardware?count=-1`;
    const headers = { ...gateway.headers, 'x-api-version': '8600' };

    // The first listing logs in to every appliance and negotiates its version: not timed.
    const first = await list(url, headers);
    if (first.status === 404)
      return skipped('the gateway has no fleet face (GET /rest/server-hardware answered 404)');
    const walls = [];
    let last = first;
    for (let index = 0; index < requests; index += 1) {
      last = await list(url, headers);
      walls.push(last.ms);
    }
    const wall = spread(walls);
    // With concurrency 16, 100 appliances and two 20 ms pages each: at least 7 waves of 40 ms.
    const floorMs = Math.ceil(count / 16) * 2 * 20;

    return {
      scenario: 'fleet',
      generatedAt: new Date().toISOString(),
      machine: describeMachine(),
      settings: {
        appliances: count,
        membersPerAppliance: 50,
        latencyMs: 20,
        requests,
        fleetConcurrency: 16,
        store: store.kind,
      },
      status: last.status,
      complete: last.complete,
      members: last.members,
      total: last.total,
      wallMs: wall,
      floorMs,
      targets: [
        {
          name: 'fan-out wall time p50 (ms)',
          value: wall?.median ?? null,
          goal: `report (floor ${floorMs} ms from latency and concurrency)`,
          met: null,
        },
        {
          name: 'members merged',
          value: last.total,
          goal: String(count * 50),
          met: last.total === count * 50 && last.complete === 'true',
        },
      ],
    };
  } finally {
    for (const handle of started.reverse()) await handle.stop().catch(() => undefined);
    fixtures.cleanup(dir);
  }
}

async function list(url, headers) {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  const body = await response.json().catch(() => ({}));
  const ms = round(Number(process.hrtime.bigint() - started) / 1e6, 1);
  return {
    status: response.status,
    complete: response.headers.get('x-gateway-complete'),
    members: Array.isArray(body.members) ? body.members.length : null,
    total: body.total ?? null,
    ms,
  };
}

function skipped(reason) {
  return { scenario: 'fleet', generatedAt: new Date().toISOString(), skipped: reason, targets: [] };
}

function format(result) {
  if (result.skipped) return `fleet: skipped (${result.skipped})`;
  const { settings, wallMs } = result;
  return [
    `fleet GET /rest/server-hardware over ${settings.appliances} appliances (${settings.latencyMs} ms latency, ${settings.membersPerAppliance} members each), ${settings.requests} sequential listings`,
    `  status ${result.status}, X-Gateway-Complete ${result.complete}, ${result.members} members (total ${result.total})`,
    `  wall time p50 ${wallMs?.median} ms (${wallMs?.min}-${wallMs?.max}); floor from latency and concurrency ${result.floorMs} ms`,
  ].join('\n');
}

module.exports = { run, format };
