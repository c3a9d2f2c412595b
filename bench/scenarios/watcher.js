'use strict';
// `--scenario watcher`: what the task watcher (SPEC 6) costs each appliance. One appliance,
// the default `tasks` settings, no client traffic: every request the appliance sees comes
// from the watcher. Counted at rest, then with 50 running tasks started through the
// gateway (and so registered and polled until terminal).

const { startSimulatorProcess } = require('../lib/processes');
const { openBenchRedis } = require('../lib/redis');
const fixtures = require('../lib/fixtures');
const { round, describeMachine } = require('../lib/report');

const RUNNING_TASKS = 50;

async function run(options) {
  const windowMs = options.quick ? 6000 : 60000;
  const dir = fixtures.makeScratchDir();
  const started = [];
  try {
    const store = await openBenchRedis();
    started.push(store);
    // Tasks run for an hour: they stay running for the whole count.
    const simulator = await startSimulatorProcess({
      count: 1,
      password: fixtures.SIM_PASSWORD,
      'task-ms': 3600000,
    });
    started.push(simulator);
    const gateway = await fixtures.startBenchGateway(dir, 'gateway', {
      redisUrl: store.url,
      appliances: [{ id: 'sim-1', url: simulator.url }],
    });
    started.push(gateway);
    // Let the first round (version, login, first sync) pass before counting.
    await waitForRoute(simulator.url, 'GET /rest/tasks');

    const atRest = await countFor(simulator.url, windowMs);
    const createdStatuses = await startTasks(gateway);
    const busy = await countFor(simulator.url, windowMs);
    const perMinute = (counted) => round((counted.total * 60000) / windowMs, 1);

    return {
      scenario: 'watcher',
      generatedAt: new Date().toISOString(),
      machine: describeMachine(),
      settings: { windowMs, runningTasks: RUNNING_TASKS, tasks: 'defaults' },
      created: createdStatuses,
      atRest: { ...atRest, perMinute: perMinute(atRest) },
      running: { ...busy, perMinute: perMinute(busy) },
      targets: [
        {
          name: 'appliance requests per minute at rest',
          value: perMinute(atRest),
          goal: 'report',
          met: null,
        },
        {
          name: `appliance requests per minute with ${RUNNING_TASKS} running tasks`,
          value: perMinute(busy),
          goal: 'report',
          met: null,
        },
      ],
    };
  } finally {
    for (const handle of started.reverse()) await handle.stop().catch(() => undefined);
    fixtures.cleanup(dir);
  }
}

/** Starts server-profile creations through the gateway; their 202s register the tasks. */
async function startTasks(gateway) {
  const statuses = {};
  for (let index = 0; index < RUNNING_TASKS; index += 1) {
    const response = await fetch(`${gateway.url}/appliances/sim-1/rest/server-profiles`, {
      method: 'POST',
      headers: { ...gateway.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `watcher-bench-${index}`, type: 'ServerProfileV12' }),
    });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  return statuses;
}

/** The appliance's requests during `windowMs`, in all and by route. */
async function countFor(url, windowMs) {
  const before = await stats(url);
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const after = await stats(url);
  const byRoute = {};
  for (const [route, count] of Object.entries(after.requests.byRoute)) {
    const delta = count - (before.requests.byRoute[route] ?? 0);
    if (delta > 0) byRoute[route] = delta;
  }
  return { total: after.requests.total - before.requests.total, byRoute };
}

async function waitForRoute(url, route) {
  const deadline = Date.now() + 15000;
  while (((await stats(url)).requests.byRoute[route] ?? 0) === 0) {
    if (Date.now() > deadline) throw new Error(`the watcher never asked for ${route}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stats(url) {
  return (await fetch(`${url}/_sim/stats`)).json();
}

function format(result) {
  const line = (label, counted) =>
    `  ${label}: ${counted.perMinute} requests/min (${counted.total} in ${result.settings.windowMs / 1000} s: ${JSON.stringify(counted.byRoute)})`;
  return [
    `task watcher load on one appliance, default tasks settings (pollIntervalMs 2000, syncIntervalMs 15000)`,
    line('at rest', result.atRest),
    line(`with ${result.settings.runningTasks} running tasks`, result.running),
  ].join('\n');
}

module.exports = { run, format };
