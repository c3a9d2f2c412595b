'use strict';
// `--scenario tasks`: the task feed (SPEC 6), `GET /tasks?state=running` with 100
// appliances holding 1,000 running tasks each. The feed answers from the store, never by
// asking the appliances, so its p99 must not depend on the fleet's size. The tasks are
// started on the simulators directly (as operators on the appliances would) after the
// gateway is up, and reach the feed through its sync.

const http = require('node:http');
const { startSimulatorProcess } = require('../lib/processes');
const { openBenchRedis } = require('../lib/redis');
const { percentileOf } = require('../lib/load');
const fixtures = require('../lib/fixtures');
const { round, describeMachine } = require('../lib/report');

async function run(options) {
  const count = options.quick ? 5 : 100;
  const tasksEach = options.quick ? 50 : 1000;
  const requests = options.quick ? 20 : 300;
  const dir = fixtures.makeScratchDir();
  const started = [];
  try {
    const store = await openBenchRedis();
    started.push(store);
    const simulator = await startSimulatorProcess({
      count,
      password: fixtures.SIM_PASSWORD,
      // Tasks stay running for the whole scenario.
      'task-ms': 3600000,
      'page-size': 100,
    });
    started.push(simulator);
    const appliances = simulator.appliances.map((entry, index) => ({
      id: `sim-${index + 1}`,
      url: entry.url,
    }));
    const gateway = await fixtures.startBenchGateway(dir, 'gateway', {
      redisUrl: store.url,
      appliances,
      // A sync every second reads up to 500 new tasks per appliance: it keeps up with the
      // creation below. Running tasks are polled rarely, to keep the machine for the feed.
      extra: { tasks: { syncIntervalMs: 1000, pollIntervalMs: 30000 } },
    });
    started.push(gateway);
    const headers = gateway.headers;
    const feed = `${gateway.url}/tasks?state=running`;
    const probe = await fetch(`${feed}&count=1`, { headers });
    if (probe.status === 404)
      return skipped('the gateway has no task feed (GET /tasks answered 404)');
    const seeded = (await probe.json()).total ?? 0;

    const createdMs = await createTasks(simulator.appliances, tasksEach);
    const expected = seeded + count * tasksEach;
    const ingest = await waitForFeed(`${feed}&count=1`, headers, expected, 180000);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const latencies = [];
    for (let index = 0; index < requests; index += 1) {
      const started = process.hrtime.bigint();
      const status = await getJsonStatus(feed, headers, agent);
      if (status !== 200) throw new Error(`GET /tasks?state=running answered ${status}`);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const p99 = percentileOf(latencies, 0.99);

    return {
      scenario: 'tasks',
      generatedAt: new Date().toISOString(),
      machine: describeMachine(),
      settings: {
        appliances: count,
        runningTasksEach: tasksEach,
        requests,
        pageCount: 50,
        store: store.kind,
      },
      createdInMs: createdMs,
      feed: { runningTotal: ingest.total, expected, ingestedInMs: ingest.ms },
      latencyMs: {
        p50: percentileOf(latencies, 0.5),
        p99,
        max: round(latencies[latencies.length - 1], 3),
      },
      targets: [
        {
          name: 'GET /tasks?state=running p99 (ms)',
          value: p99,
          goal: 'report (answered from the store)',
          met: null,
        },
        {
          name: 'running tasks in the feed',
          value: ingest.total,
          goal: `>= ${expected}`,
          met: ingest.total >= expected,
        },
      ],
    };
  } finally {
    for (const handle of started.reverse()) await handle.stop().catch(() => undefined);
    fixtures.cleanup(dir);
  }
}

/** Starts `tasksEach` power-state tasks on every simulator, 64 requests at a time. */
async function createTasks(simulators, tasksEach) {
  const started = Date.now();
  const targets = [];
  for (const simulator of simulators) {
    const headers = await fixtures.directHeaders(simulator.url);
    const listing = await (
      await fetch(`${simulator.url}/rest/server-hardware?count=1`, { headers })
    ).json();
    targets.push({ url: `${simulator.url}${listing.members[0].uri}/powerState`, headers });
  }
  const jobs = [];
  for (let index = 0; index < tasksEach; index += 1)
    for (const target of targets) jobs.push(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const body = JSON.stringify({ powerState: 'On', powerControl: 'MomentaryPress' });
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const status = await put(job.url, job.headers, body, agent);
      if (status !== 202) throw new Error(`PUT powerState answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  agent.destroy();
  return Date.now() - started;
}

/** Polls the feed's total until it reaches `expected` or `timeoutMs` passes. */
async function waitForFeed(url, headers, expected, timeoutMs) {
  const started = Date.now();
  let total = 0;
  while (Date.now() - started < timeoutMs) {
    total = (await (await fetch(url, { headers })).json()).total ?? 0;
    if (total >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { total, ms: Date.now() - started };
}

function put(url, headers, body, agent) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'PUT', agent, headers: { ...headers, 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode));
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

function getJsonStatus(url, headers, agent) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent }, (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode));
      })
      .once('error', reject);
  });
}

function skipped(reason) {
  return { scenario: 'tasks', generatedAt: new Date().toISOString(), skipped: reason, targets: [] };
}

function format(result) {
  if (result.skipped) return `tasks: skipped (${result.skipped})`;
  const { settings, feed, latencyMs } = result;
  return [
    `task feed over ${settings.appliances} appliances x ${settings.runningTasksEach} running tasks (store: ${settings.store})`,
    `  tasks started in ${result.createdInMs} ms; the feed listed ${feed.runningTotal} running (expected ${feed.expected}) after ${feed.ingestedInMs} ms more`,
    `  GET /tasks?state=running (50 per page), ${settings.requests} sequential: p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms, max ${latencyMs.max} ms`,
  ].join('\n');
}

module.exports = { run, format };
