'use strict';
// `--scenario backup`: a 1 GiB backup download streamed through the gateway. The gateway
// must stream it with backpressure, never buffer it: its RSS may grow less than 64 MB.
// The same download straight from the simulator gives the throughput to compare against.

const http = require('node:http');
const { rssMb, startSimulatorProcess } = require('../lib/processes');
const { openBenchRedis } = require('../lib/redis');
const fixtures = require('../lib/fixtures');
const { round, describeMachine } = require('../lib/report');

const RSS_GROWTH_LIMIT_MB = 64;

async function run(options) {
  const sizeMb = options.quick ? 64 : 1024;
  const dir = fixtures.makeScratchDir();
  const started = [];
  try {
    const store = await openBenchRedis();
    started.push(store);
    const simulator = await startSimulatorProcess({
      count: 1,
      password: fixtures.SIM_PASSWORD,
      'backup-mb': sizeMb,
      'task-ms': 200,
    });
    started.push(simulator);
    const gateway = await fixtures.startBenchGateway(dir, 'gateway', {
      redisUrl: store.url,
      appliances: [{ id: 'a', url: simulator.url }],
    });
    started.push(gateway);
    const headers = { ...gateway.headers, 'x-api-version': '8600' };
    const base = `${gateway.url}/appliances/a`;

    const downloadUri = await createBackup(base, headers);
    const direct = await download(
      `${simulator.url}${downloadUri}`,
      await fixtures.directHeaders(simulator.url),
      null,
    );
    const rssBeforeMb = rssMb(gateway.pid);
    const through = await download(`${base}${downloadUri}`, headers, gateway.pid);
    const growthMb = round(through.rssPeakMb - rssBeforeMb, 1);
    // A second download tells a bounded working set (no further growth) from a leak.
    const again = await download(`${base}${downloadUri}`, headers, gateway.pid);
    const secondGrowthMb = round(again.rssPeakMb - rssBeforeMb, 1);

    return {
      scenario: 'backup',
      generatedAt: new Date().toISOString(),
      machine: describeMachine(),
      settings: { sizeMb, store: store.kind },
      direct: { bytes: direct.bytes, seconds: direct.seconds, mbPerSecond: direct.mbPerSecond },
      gateway: {
        bytes: through.bytes,
        seconds: through.seconds,
        mbPerSecond: through.mbPerSecond,
        rssBeforeMb,
        rssPeakMb: through.rssPeakMb,
        rssGrowthMb: growthMb,
        rssGrowthAfterSecondDownloadMb: secondGrowthMb,
      },
      targets: [
        {
          name: `RSS growth over a ${sizeMb} MB download (MB)`,
          value: growthMb,
          goal: `< ${RSS_GROWTH_LIMIT_MB}`,
          met:
            Math.max(growthMb, secondGrowthMb) < RSS_GROWTH_LIMIT_MB &&
            through.bytes === sizeMb * 1024 * 1024,
        },
      ],
    };
  } finally {
    for (const handle of started.reverse()) await handle.stop().catch(() => undefined);
    fixtures.cleanup(dir);
  }
}

/** POST /rest/backups through the gateway, waits for its task, returns the downloadUri. */
async function createBackup(base, headers) {
  const created = await fetch(`${base}/rest/backups`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: '{}',
  });
  if (created.status !== 202)
    throw new Error(`POST /rest/backups answered ${created.status}: ${await created.text()}`);
  const location = created.headers.get('location');
  await created.arrayBuffer();

  // Bounded: 100 polls of 100 ms at the most.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const task = await (
      await fetch(`${base.replace(/\/appliances\/a$/, '')}${location}`, { headers })
    ).json();
    if (task.taskState === 'Completed') break;
    if (['Error', 'Terminated', 'Killed'].includes(task.taskState))
      throw new Error(`backup task ended ${task.taskState}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const listing = await (await fetch(`${base}/rest/backups`, { headers })).json();
  const uri = listing.members?.[0]?.downloadUri;
  if (!uri)
    throw new Error(`no backup with a downloadUri: ${JSON.stringify(listing).slice(0, 300)}`);
  return uri;
}

/** Downloads and discards a body, sampling `pid`'s RSS every 50 ms meanwhile. */
function download(url, headers, pid) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let bytes = 0;
    let rssPeakMb = pid ? rssMb(pid) : null;
    const sampler = pid
      ? setInterval(() => {
          rssPeakMb = Math.max(rssPeakMb, rssMb(pid) ?? 0);
        }, 50)
      : null;
    const request = http.get(url, { headers, timeout: 600000 }, (response) => {
      if (response.statusCode !== 200) {
        clearInterval(sampler);
        response.resume();
        return reject(new Error(`download answered ${response.statusCode}`));
      }
      response.on('data', (chunk) => (bytes += chunk.length));
      response.once('end', () => {
        clearInterval(sampler);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (pid) rssPeakMb = Math.max(rssPeakMb, rssMb(pid) ?? 0);
        resolve({
          bytes,
          seconds: round(seconds, 2),
          mbPerSecond: round(bytes / 1048576 / seconds, 0),
          rssPeakMb,
        });
      });
      response.once('error', reject);
    });
    request.once('timeout', () => request.destroy(new Error('download timed out')));
    request.once('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
  });
}

function format(result) {
  const { direct, gateway, settings } = result;
  return [
    `${settings.sizeMb} MB backup download (store: ${settings.store})`,
    `  direct:  ${direct.mbPerSecond} MB/s (${direct.seconds} s)`,
    `  gateway: ${gateway.mbPerSecond} MB/s (${gateway.seconds} s), RSS ${gateway.rssBeforeMb} MB -> peak ${gateway.rssPeakMb} MB: +${gateway.rssGrowthMb} MB (+${gateway.rssGrowthAfterSecondDownloadMb} MB after a second download)`,
    ...result.targets.map(
      (target) =>
        `  ${target.met ? 'met ' : 'MISS'}  ${target.name}: ${target.value} (goal ${target.goal})`,
    ),
  ].join('\n');
}

module.exports = { run, format };
