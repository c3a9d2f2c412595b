'use strict';
// `--scenario profile`: the gateway under the main load with `node --cpu-prof`, and where
// its CPU time goes: self time grouped by module (undici, express, pino, prom-client,
// opossum, node's own http, our code) and the hottest functions.

const fs = require('node:fs');
const path = require('node:path');
const { startSimulatorProcess } = require('../lib/processes');
const { hasWrk, runLoad } = require('../lib/load');
const { openBenchRedis } = require('../lib/redis');
const fixtures = require('../lib/fixtures');
const { round, describeMachine, formatTable, fixed } = require('../lib/report');

async function run(options) {
  const durationS = options.durationS ?? (options.quick ? 2 : 15);
  const tool = options.tool ?? (hasWrk() ? 'wrk' : 'autocannon');
  const dir = fixtures.makeScratchDir();
  const profileDir = path.join(dir, 'profile');
  const started = [];
  try {
    const store = await openBenchRedis();
    started.push(store);
    const simulator = await startSimulatorProcess({ count: 1, password: fixtures.SIM_PASSWORD });
    started.push(simulator);
    const direct = await fixtures.directHeaders(simulator.url);
    const listing = await (
      await fetch(`${simulator.url}/rest/server-hardware?count=1`, { headers: direct })
    ).json();
    const resourcePath = listing.members[0].uri;
    const gateway = await fixtures.startBenchGateway(dir, 'gateway', {
      redisUrl: store.url,
      appliances: [{ id: 'a', url: simulator.url }],
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir],
    });
    started.push(gateway);

    const target = {
      url: `${gateway.url}/appliances/a${resourcePath}`,
      headers: { ...gateway.headers, 'x-api-version': '8600' },
      connections: 32,
    };
    await runLoad(tool, { ...target, durationS: 2 });
    const load = await runLoad(tool, { ...target, durationS });
    // The profile is written when the process exits: stop it (SIGTERM drains and exits 0).
    await gateway.stop();
    const file = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('the gateway wrote no .cpuprofile');
    const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8'));
    if (options.keepProfile) fs.copyFileSync(path.join(profileDir, file), options.keepProfile);

    return {
      scenario: 'profile',
      generatedAt: new Date().toISOString(),
      machine: describeMachine(),
      settings: {
        tool,
        durationS,
        connections: 32,
        request: `GET ${resourcePath}`,
        store: store.kind,
      },
      load: { rps: round(load.rps, 0), p50Ms: load.p50Ms, p99Ms: load.p99Ms },
      ...summarizeProfile(profile),
    };
  } finally {
    for (const handle of started.reverse()) await handle.stop().catch(() => undefined);
    fixtures.cleanup(dir);
  }
}

/** Self time per sampled function, grouped by the module its code lives in. */
function summarizeProfile(profile) {
  const selfUs = new Map();
  profile.samples.forEach((nodeId, index) => {
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const functions = new Map();
  const modules = new Map();
  let busyUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const module = moduleOf(functionName, url);
    if (module === '(idle)') continue;
    busyUs += us;
    modules.set(module, (modules.get(module) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
    const entry = functions.get(key) ?? { name: key, module, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const share = (us) => round((100 * us) / busyUs, 1);
  return {
    busyMs: round(busyUs / 1000, 0),
    modules: [...modules]
      .map(([name, us]) => ({ module: name, selfMs: round(us / 1000, 0), percent: share(us) }))
      .sort((a, b) => b.selfMs - a.selfMs),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 30)
      .map((entry) => ({
        function: entry.name,
        module: entry.module,
        selfMs: round(entry.us / 1000, 0),
        percent: share(entry.us),
      })),
  };
}

function moduleOf(functionName, url) {
  if (!url) {
    if (functionName === '(idle)' || functionName === '(program)')
      return functionName === '(idle)' ? '(idle)' : '(program: native, outside JS)';
    if (functionName === '(garbage collector)') return '(garbage collector)';
    return '(native builtins)';
  }
  const packages = url.split('/node_modules/');
  if (packages.length > 1) {
    const rest = packages[packages.length - 1].split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) {
    const name = url.slice(5).split('/');
    return `node:${name[1] ?? name[0]}`.replace(/^node:(internal)$/, 'node:internal');
  }
  const ours = /\/dist\/(.+)\.js$/.exec(url);
  if (ours) return `ours: ${ours[1].split('/')[0]}`;
  return url;
}

function shortUrl(url) {
  const packages = url.split('/node_modules/');
  if (packages.length > 1) return packages[packages.length - 1];
  return url.replace(/^.*\/dist\//, 'dist/').replace(/^file:\/\//, '');
}

function format(result) {
  return [
    `gateway under ${result.settings.tool} -c32 for ${result.settings.durationS} s: ${result.load.rps} req/s, ` +
      `p50 ${result.load.p50Ms} ms, p99 ${result.load.p99Ms} ms; ${result.busyMs} ms of CPU sampled`,
    '',
    formatTable(
      [
        ['module', (row) => row.module],
        ['self ms', (row) => String(row.selfMs)],
        ['% busy', (row) => fixed(row.percent, 1)],
      ],
      result.modules.slice(0, 25),
    ),
    '',
    formatTable(
      [
        ['function', (row) => row.function.slice(0, 90)],
        ['module', (row) => row.module],
        ['% busy', (row) => fixed(row.percent, 1)],
      ],
      result.functions.slice(0, 25),
    ),
  ].join('\n');
}

module.exports = { run, format, summarizeProfile };
