'use strict';
// The main comparison (SPEC 13): the same single-resource GET, with the same load, sent
// directly to a simulated appliance, through a bare Node proxy, through nginx, and through
// the gateway (one process, and server.workers: 2). Throughput runs alternate between the
// contenders, round after round, so that a burst of noise on the shared machine hits all
// of them rather than one.

const {
  processTree,
  cpuSeconds,
  rssMb,
  startProcess,
  startSimulatorProcess,
} = require('../lib/processes');
const { findNginx, startNginx } = require('../lib/nginx');
const { openBenchRedis, countDelta } = require('../lib/redis');
const { hasWrk, runLoad, runPaced, runCounted } = require('../lib/load');
const fixtures = require('../lib/fixtures');
const { spread, round, describeMachine, formatTable, withSpread, fixed } = require('../lib/report');

/** Settings of a full run and of `--quick` (the smoke test's). */
const PRESETS = {
  full: { connections: 32, warmupS: 3, durationS: 8, rounds: 3, pacedS: 8, counted: 2000 },
  quick: { connections: 8, warmupS: 1, durationS: 1, rounds: 1, pacedS: 1, counted: 200 },
};

async function runProxyScenario(options) {
  const settings = { ...PRESETS[options.quick ? 'quick' : 'full'] };
  if (options.durationS) settings.durationS = options.durationS;
  if (options.rounds) settings.rounds = options.rounds;
  const tool = options.tool ?? (hasWrk() ? 'wrk' : 'autocannon');
  const nginxBinary = options.nginx === false ? null : findNginx();
  const dir = fixtures.makeScratchDir();
  const started = [];
  const machineBefore = describeMachine();

  try {
    const store = await openBenchRedis();
    started.push(store);
    const simulator = await startSimulatorProcess({ count: 1, password: fixtures.SIM_PASSWORD });
    started.push(simulator);
    const applianceUrl = simulator.url;
    const direct = await fixtures.directHeaders(applianceUrl);
    const resourcePath = await pickResource(applianceUrl, direct);
    const appliances = [{ id: 'a', url: applianceUrl }];

    const bare = await startProcess(
      'bare-proxy',
      process.execPath,
      [`${__dirname}/../lib/bare-proxy.js`, applianceUrl],
      {
        ready: (text) => /listening (\d+)/.exec(text)?.[1] ?? null,
      },
    );
    started.push(bare);
    const nginx = nginxBinary ? await startNginx(nginxBinary, applianceUrl, dir) : null;
    if (nginx) started.push(nginx);
    const gateway = await fixtures.startBenchGateway(dir, 'gateway', {
      redisUrl: store.url,
      appliances,
      logLevel: options.logLevel,
    });
    started.push(gateway);
    const workers =
      options.workers === false
        ? null
        : await fixtures.startBenchGateway(dir, 'gateway-workers', {
            redisUrl: store.url,
            appliances,
            workers: 2,
            logLevel: options.logLevel,
          });
    if (workers) started.push(workers);
    // Another build of the gateway (`--compare-cli OTHER/dist/cli.js`), run in alternation
    // with this one: the fairest before/after of a change on a noisy machine.
    const compared = options.compareCli
      ? await fixtures.startBenchGateway(dir, 'gateway-compared', {
          redisUrl: store.url,
          appliances,
          logLevel: options.logLevel,
          cli: options.compareCli,
        })
      : null;
    if (compared) started.push(compared);

    const targets = [
      {
        name: 'direct',
        label: 'direct to the simulator',
        pid: simulator.pid,
        url: applianceUrl + resourcePath,
        headers: direct,
      },
      {
        name: 'bare',
        label: 'bare Node proxy',
        pid: bare.pid,
        url: `http://127.0.0.1:${bare.found}${resourcePath}`,
        headers: direct,
      },
      nginx && {
        name: 'nginx',
        label: 'nginx (1 worker)',
        pid: nginx.pid,
        url: `${nginx.url}/appliances/a${resourcePath}`,
        headers: direct,
      },
      {
        name: 'gateway',
        label: 'gateway (1 process)',
        pid: gateway.pid,
        url: `${gateway.url}/appliances/a${resourcePath}`,
        headers: { ...gateway.headers, 'x-api-version': '8600' },
        gateway: true,
        keyPrefix: gateway.keyPrefix,
      },
      workers && {
        name: 'gateway-2w',
        label: 'gateway (workers: 2)',
        pid: workers.pid,
        url: `${workers.url}/appliances/a${resourcePath}`,
        headers: { ...workers.headers, 'x-api-version': '8600' },
        gateway: true,
        keyPrefix: workers.keyPrefix,
      },
      compared && {
        name: 'gateway-compared',
        label: 'gateway (--compare-cli)',
        pid: compared.pid,
        url: `${compared.url}/appliances/a${resourcePath}`,
        headers: { ...compared.headers, 'x-api-version': '8600' },
        gateway: true,
        keyPrefix: compared.keyPrefix,
      },
    ].filter(Boolean);

    // Warm-up: JIT, keep-alive pools, and for the gateway its version and session, so that
    // what follows measures warm requests only.
    for (const target of targets) {
      await runLoad(tool, {
        ...target,
        connections: settings.connections,
        durationS: settings.warmupS,
      });
    }

    const samples = Object.fromEntries(targets.map((target) => [target.name, []]));
    for (let roundIndex = 0; roundIndex < settings.rounds; roundIndex += 1) {
      // The order rotates each round: no contender always runs first on a cold cache.
      const order = targets.map((_, index) => targets[(index + roundIndex) % targets.length]);
      for (const target of order) {
        const cpuBefore = treeCpu(target.pid);
        const result = await runLoad(tool, {
          ...target,
          connections: settings.connections,
          durationS: settings.durationS,
        });
        const cpuAfter = treeCpu(target.pid);
        samples[target.name].push({
          ...result,
          cpu: cpuPerProcess(cpuBefore, cpuAfter, settings.durationS),
        });
        log(
          options,
          `round ${roundIndex + 1} ${target.name}: ${Math.round(result.rps)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
        );
      }
    }

    // Exactly counted requests: what each one cost the appliance and the store.
    const counted = {};
    for (const target of targets) {
      counted[target.name] = await countCosts(target, applianceUrl, store, settings);
    }

    const rows = targets.map((target) =>
      summarize(target, samples[target.name], counted[target.name]),
    );
    const byName = Object.fromEntries(rows.map((row) => [row.name, row]));

    // Latency at a fixed moderate rate: half of what the single-process gateway sustained.
    const pacedRate = Math.max(50, Math.round((byName.gateway.rps?.median ?? 100) / 2));
    const pacedSamples = Object.fromEntries(targets.map((target) => [target.name, []]));
    for (let roundIndex = 0; roundIndex < settings.rounds; roundIndex += 1) {
      for (const target of targets) {
        const result = await runPaced({
          ...target,
          rate: pacedRate,
          durationS: settings.pacedS,
          connections: settings.connections,
        });
        pacedSamples[target.name].push(result);
        log(
          options,
          `paced ${pacedRate}/s ${target.name}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
        );
      }
    }
    for (const row of rows) {
      const runs = pacedSamples[row.name];
      row.paced = {
        rate: pacedRate,
        achievedRps: spread(runs.map((run) => run.achievedRps)),
        p50Ms: spread(runs.map((run) => run.p50Ms)),
        p99Ms: spread(runs.map((run) => run.p99Ms)),
        errors: runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
      };
    }

    for (const row of rows) {
      row.rssMb = rssMb(row.pid);
      compare(row, byName);
    }

    const result = {
      scenario: 'proxy',
      generatedAt: new Date().toISOString(),
      machine: { ...machineBefore, loadAverageAfter: describeMachine().loadAverage },
      settings: {
        ...settings,
        tool,
        store: store.kind,
        request: `GET ${resourcePath}`,
        gatewayLog: `level ${options.logLevel ?? 'info'}, JSON lines to a file`,
      },
      rows: rows.map(({ pid, ...row }) => row),
      targets: checkTargets(byName),
    };
    return result;
  } finally {
    for (const handle of started.reverse()) await handle.stop().catch(() => undefined);
    fixtures.cleanup(dir);
  }
}

/** A single server-hardware resource: the request every contender serves. */
async function pickResource(applianceUrl, headers) {
  const response = await fetch(`${applianceUrl}/rest/server-hardware?count=1`, { headers });
  const body = await response.json();
  const uri = body.members?.[0]?.uri;
  if (!uri)
    throw new Error(
      `the simulator listed no server-hardware: ${JSON.stringify(body).slice(0, 200)}`,
    );
  return uri;
}

/** The simulator's route template of the benchmarked request. */
const ROUTE = 'GET /rest/server-hardware/{id}';

/**
 * Keys written on a timer, not per request: the task watcher's (it renews its lease and
 * polls due tasks every round) and the rate limits' (each replica adds what it admitted to
 * the shared counters every 100 ms, one command per client however many requests).
 */
const BACKGROUND_KEY = /^(tasks?|task-reg|rate|burst):/;

/**
 * Appliance requests and store commands per client request, over a counted batch. Only
 * the benchmarked route counts on the appliance, and only commands outside the keys
 * written on a timer count in the store (`applianceRequestsAll` and
 * `storeCommandsBackground` keep the rest, for the record).
 */
async function countCosts(target, applianceUrl, store, settings) {
  const statsBefore = await fixtures.simulatorStats(applianceUrl);
  const statsCommandsBefore = target.gateway ? await store.commandCounts() : null;
  const recorder = target.gateway ? await store.recordCommands(target.keyPrefix) : null;
  const { ok, failed } = await runCounted({
    ...target,
    count: settings.counted,
    concurrency: Math.min(16, settings.connections),
  });
  const commands = recorder ? await recorder.stop() : null;
  const statsCommandsAfter = target.gateway ? await store.commandCounts() : null;
  const statsAfter = await fixtures.simulatorStats(applianceUrl);
  const onRoute = (stats) => stats.requests.byRoute?.[ROUTE] ?? 0;
  return {
    clientRequests: ok,
    failed,
    applianceRequests: onRoute(statsAfter) - onRoute(statsBefore),
    applianceRequestsAll: statsAfter.requests.total - statsBefore.requests.total,
    storeCommands: commands && classifyCommands(commands, target.keyPrefix),
    // INFO commandstats over the same window: every gateway on this Redis, background included.
    commandstats: countDelta(statsCommandsBefore, statsCommandsAfter),
  };
}

/** Commands by name, split into the request path's and the task watcher's. */
function classifyCommands(commands, prefix) {
  const request = {};
  const background = {};
  for (const args of commands) {
    const key = args.find((arg) => typeof arg === 'string' && arg.startsWith(prefix)) ?? '';
    const into = BACKGROUND_KEY.test(key.slice(prefix.length)) ? background : request;
    const name = String(args[0]).toLowerCase();
    into[name] = (into[name] ?? 0) + 1;
  }
  const sum = (counts) => Object.values(counts).reduce((total, value) => total + value, 0);
  return {
    total: sum(request),
    byCommand: request,
    background: sum(background),
    backgroundByCommand: background,
  };
}

function summarize(target, runs, counted) {
  return {
    name: target.name,
    label: target.label,
    pid: target.pid,
    rps: spread(runs.map((run) => run.rps)),
    p50Ms: spread(runs.map((run) => run.p50Ms)),
    p99Ms: spread(runs.map((run) => run.p99Ms)),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    errors: runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
    cpuCores: mergeCpu(runs.map((run) => run.cpu)),
    applianceRequestsPerClientRequest:
      counted.clientRequests > 0
        ? round(counted.applianceRequests / counted.clientRequests, 4)
        : null,
    storeCommandsPerRequest:
      counted.storeCommands && counted.clientRequests > 0
        ? round(counted.storeCommands.total / counted.clientRequests, 4)
        : null,
    storeCommandsByName: counted.storeCommands?.byCommand ?? null,
    storeCommandsBackground: counted.storeCommands?.backgroundByCommand ?? null,
    commandstatsDelta: counted.commandstats?.byCommand ?? null,
    applianceRequestsAllRoutes: counted.applianceRequestsAll,
    countedRequests: counted.clientRequests,
    countedFailures: counted.failed,
  };
}

/** Ratios and added latency, against the bare proxy, nginx and the direct route. */
function compare(row, byName) {
  const direct = byName.direct;
  const isDirect = row.name === 'direct';
  const ratio = (other) =>
    other?.rps && row.rps && other !== row ? round(row.rps.median / other.rps.median, 3) : null;
  const added = (mine, theirs) =>
    !isDirect && mine && theirs ? round(mine.median - theirs.median, 3) : null;
  row.ratioToBare = ratio(byName.bare);
  row.ratioToNginx = ratio(byName.nginx);
  row.addedP50Ms = added(row.p50Ms, direct.p50Ms);
  row.addedP99Ms = added(row.p99Ms, direct.p99Ms);
  row.paced.addedP50Ms = added(row.paced.p50Ms, direct.paced.p50Ms);
  row.paced.addedP99Ms = added(row.paced.p99Ms, direct.paced.p99Ms);
}

/** The performance targets, as measured: reported, never asserted. */
function checkTargets(byName) {
  const gateway = byName.gateway;
  const check = (name, value, goal, met) => ({
    name,
    value,
    goal,
    met: value === null ? null : met,
  });
  const workersCores = byName['gateway-2w']?.cpuCores?.perProcess ?? null;
  return [
    check(
      'throughput vs bare Node proxy',
      gateway.ratioToBare,
      '>= 0.8',
      gateway.ratioToBare >= 0.8,
    ),
    check('throughput vs nginx', gateway.ratioToNginx, '>= 0.25', gateway.ratioToNginx >= 0.25),
    check(
      'added p50 at half-max rate (ms)',
      gateway.paced.addedP50Ms,
      '<= 1',
      gateway.paced.addedP50Ms <= 1,
    ),
    check(
      'added p99 at half-max rate (ms)',
      gateway.paced.addedP99Ms,
      '<= 5',
      gateway.paced.addedP99Ms <= 5,
    ),
    check(
      'store commands per warm request',
      gateway.storeCommandsPerRequest,
      '0',
      gateway.storeCommandsPerRequest === 0,
    ),
    check(
      'appliance requests per client request',
      gateway.applianceRequestsPerClientRequest,
      '1',
      gateway.applianceRequestsPerClientRequest === 1,
    ),
    check(
      'cores used by workers: 2 (CPU per worker process)',
      workersCores,
      'each worker busy',
      workersCores === null
        ? null
        : workersCores.filter((entry) => entry.role === 'worker' && entry.cores >= 0.2).length >= 2,
    ),
  ];
}

/** CPU seconds per process of a tree, keyed by pid. */
function treeCpu(pid) {
  const cpu = {};
  for (const one of processTree(pid)) cpu[one] = cpuSeconds(one);
  return { root: pid, cpu };
}

function cpuPerProcess(before, after, seconds) {
  const perProcess = [];
  for (const [pid, end] of Object.entries(after.cpu)) {
    const start = before.cpu[pid] ?? 0;
    if (end === null) continue;
    perProcess.push({
      pid: Number(pid),
      role: Number(pid) === after.root ? 'main' : 'worker',
      cores: round((end - start) / seconds, 2),
    });
  }
  return perProcess;
}

/** Median cores per process over the rounds, and their sum. */
function mergeCpu(runs) {
  const byRole = new Map();
  for (const run of runs) {
    run.forEach((entry, index) => {
      const key = `${entry.role}-${index}`;
      if (!byRole.has(key)) byRole.set(key, { role: entry.role, values: [] });
      byRole.get(key).values.push(entry.cores);
    });
  }
  const perProcess = [...byRole.values()].map(({ role, values }) => ({
    role,
    cores: spread(values)?.median ?? null,
  }));
  return {
    total: round(
      perProcess.reduce((sum, entry) => sum + (entry.cores ?? 0), 0),
      2,
    ),
    perProcess,
  };
}

function log(options, text) {
  if (!options.silent) process.stderr.write(`  ${text}\n`);
}

/** The table of SPEC 13, one line per contender. */
function formatProxyTable(result) {
  const columns = [
    ['target', (row) => row.label],
    ['req/s (min-max)', (row) => withSpread(row.rps)],
    ['p50 ms', (row) => fixed(row.p50Ms?.median)],
    ['p99 ms', (row) => fixed(row.p99Ms?.median)],
    ['x bare', (row) => fixed(row.ratioToBare)],
    ['x nginx', (row) => fixed(row.ratioToNginx)],
    ['+p50 ms', (row) => fixed(row.addedP50Ms)],
    ['+p99 ms', (row) => fixed(row.addedP99Ms)],
    [`@${result.rows[0]?.paced.rate}/s +p50`, (row) => fixed(row.paced.addedP50Ms)],
    ['+p99', (row) => fixed(row.paced.addedP99Ms)],
    ['store cmd/req', (row) => fixed(row.storeCommandsPerRequest, 3)],
    ['appl req/req', (row) => fixed(row.applianceRequestsPerClientRequest, 3)],
    ['CPU cores', (row) => fixed(row.cpuCores.total)],
    ['RSS MB', (row) => fixed(row.rssMb, 0)],
  ];
  const { settings, machine } = result;
  return [
    `GET ${settings.request.slice(4)} | ${settings.tool}, ${settings.connections} connections, ` +
      `${settings.durationS} s x ${settings.rounds} rounds (median, min-max) | store: ${settings.store} | ` +
      `${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')} -> ${machine.loadAverageAfter.join(' ')}`,
    '',
    formatTable(columns, result.rows),
    '',
    'Targets (measured, not asserted):',
    ...result.targets.map(
      (target) =>
        `  ${target.met === null ? 'n/a ' : target.met ? 'met ' : 'MISS'}  ${target.name}: ${JSON.stringify(target.value)} (goal ${target.goal})`,
    ),
  ].join('\n');
}

module.exports = { runProxyScenario, formatProxyTable, PRESETS };
