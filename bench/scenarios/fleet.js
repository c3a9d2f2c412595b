'use strict';
// `--scenario fleet`: the fleet face (SPEC 3.3) over 100 simulated appliances answering in
// 20 ms, 50 servers each (two pages of 32 per appliance). Three measurements:
//
// - fan-out wall time, p50 over sequential listings with the fleet cache off, once at the
//   default `fleet.concurrency` (16) and once with every appliance asked at once, where the
//   goal is the slowest appliance plus 50 ms;
// - the merge alone (sort and page) of 75 appliances x 500 members, in this process;
// - coalescing: 50 dashboards polling the same view every 2 s with `fleet.cacheTtlMs` 2000
//   cause at most one fan-out per cache period.

const { startSimulatorProcess, rssMb } = require('../lib/processes');
const { openBenchRedis } = require('../lib/redis');
const fixtures = require('../lib/fixtures');
const { spread, round, describeMachine } = require('../lib/report');
const { mergeCollection } = require('../../dist/fleet/merge-collection');
const { parseFleetQuery } = require('../../dist/fleet/parse-fleet-query');
const { annotateMembers } = require('../../dist/fleet/listing');

const LATENCY_MS = 20;
const MEMBERS = 50;
const PAGE_SIZE = 32;
const LISTING = '/rest/server-hardware';

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
      servers: MEMBERS,
      'latency-ms': LATENCY_MS,
    });
    started.push(simulator);
    const appliances = simulator.appliances.map((entry, index) => ({
      id: `sim-${index + 1}`,
      url: entry.url,
    }));
    const start = async (name, fleet) => {
      const gateway = await fixtures.startBenchGateway(dir, name, {
        redisUrl: store.url,
        appliances,
        extra: { fleet },
      });
      started.push(gateway);
      return gateway;
    };

    const direct = await directFanOut(simulator.appliances, requests);
    const bounded = await fanOut(await start('fleet-16', { cacheTtlMs: 0 }), requests);
    if (bounded.skipped) return skipped(bounded.skipped);
    const unbounded = await fanOut(
      await start('fleet-all', { cacheTtlMs: 0, concurrency: count }),
      requests,
    );
    const coalesced = await coalesce(
      await start('fleet-cached', { cacheTtlMs: 2000 }),
      simulator.appliances,
      options.quick ? 4000 : 10000,
    );
    const merge = measureMerge(options.quick ? 5 : 20);
    // Two pages of 20 ms each for the slowest appliance; with concurrency 16, 7 waves of them.
    const slowestMs = Math.ceil(MEMBERS / PAGE_SIZE) * LATENCY_MS;
    const floorMs = Math.ceil(count / 16) * slowestMs;

    return {
      scenario: 'fleet',
      generatedAt: new Date().toISOString(),
      machine: describeMachine(),
      settings: {
        appliances: count,
        membersPerAppliance: MEMBERS,
        latencyMs: LATENCY_MS,
        requests,
        store: store.kind,
      },
      direct,
      concurrency16: { ...bounded, floorMs },
      concurrencyAll: { ...unbounded, slowestMs },
      coalescing: coalesced,
      merge,
      targets: [
        {
          name: `fan-out p50, all ${count} at once (ms)`,
          value: unbounded.wallMs?.median ?? null,
          goal: `<= slowest appliance (${slowestMs} ms) + 50`,
          met: unbounded.wallMs ? unbounded.wallMs.median <= slowestMs + 50 : false,
        },
        {
          name: 'fan-out p50, all at once, over the same fan-out made directly (ms)',
          value:
            unbounded.wallMs && direct.wallMs
              ? round(unbounded.wallMs.median - direct.wallMs.median, 1)
              : null,
          goal: '<= 50',
          met:
            unbounded.wallMs && direct.wallMs
              ? unbounded.wallMs.median - direct.wallMs.median <= 50
              : false,
        },
        {
          name: 'fan-out p50, fleet.concurrency 16 (ms)',
          value: bounded.wallMs?.median ?? null,
          goal: `report (floor ${floorMs} ms from latency and concurrency)`,
          met: null,
        },
        {
          name: 'members merged, complete',
          value: unbounded.total,
          goal: String(count * MEMBERS),
          met: unbounded.total === count * MEMBERS && unbounded.complete === 'true',
        },
        {
          name: 'merge of 75 x 500 members, p50 (ms)',
          value: merge.mergeMs.median,
          goal: '< 50',
          met: merge.mergeMs.median < 50,
        },
        {
          name: 'fan-outs for 50 dashboards polling every 2 s',
          value: coalesced.fanOuts,
          goal: `<= ${coalesced.maxFanOuts} (one per cacheTtlMs)`,
          met: coalesced.fanOuts <= coalesced.maxFanOuts,
        },
      ],
    };
  } finally {
    for (const handle of started.reverse()) await handle.stop().catch(() => undefined);
    fixtures.cleanup(dir);
  }
}

/** Sequential listings of every member; the first (logins, versions) is not timed. */
async function fanOut(gateway, requests) {
  const url = `${gateway.url}${LISTING}?count=-1`;
  const first = await list(url, gateway.headers);
  if (first.status === 404) {
    return { skipped: `the gateway has no fleet face (${LISTING} answered 404)` };
  }
  const walls = [];
  let last = first;
  for (let index = 0; index < requests; index += 1) {
    last = await list(url, gateway.headers);
    walls.push(last.ms);
  }
  return {
    status: last.status,
    complete: last.complete,
    members: last.members,
    total: last.total,
    wallMs: spread(walls),
    rssMb: rssMb(gateway.pid),
  };
}

/**
 * The same listing made by this process straight to every appliance at once, both pages
 * each, bodies parsed: what the simulators and the machine allow, without the gateway.
 */
async function directFanOut(appliances, requests) {
  const sessions = await Promise.all(appliances.map(({ url }) => fixtures.directHeaders(url)));
  const listAll = () =>
    Promise.all(
      appliances.map(async ({ url }, index) => {
        for (let start = 0; start < MEMBERS; start += PAGE_SIZE) {
          const page = `${url}${LISTING}?start=${start}&count=${PAGE_SIZE}`;
          await (await fetch(page, { headers: sessions[index] })).json();
        }
      }),
    );
  await listAll();
  const walls = [];
  for (let index = 0; index < requests; index += 1) {
    const started = process.hrtime.bigint();
    await listAll();
    walls.push(round(Number(process.hrtime.bigint() - started) / 1e6, 1));
  }
  return { wallMs: spread(walls) };
}

/**
 * 50 dashboards, each asking for the same view every 2 s, started at random points of the
 * first period. Fan-outs are counted on the appliances, in pages: one fan-out reads as many
 * pages as the warm-up listing did.
 */
async function coalesce(gateway, appliances, durationMs) {
  const url = `${gateway.url}${LISTING}?sort=name:asc&count=100`;
  const cold = await listingRequests(appliances);
  await list(url, gateway.headers);
  const before = await listingRequests(appliances);
  // A fan-out reads every page of every appliance: count pages, not listings.
  const pagesPerFanOut = sumOf(before) - sumOf(cold);
  const deadline = Date.now() + durationMs;
  const statuses = new Map();
  const dashboard = async () => {
    await sleep(Math.random() * 2000);
    while (Date.now() < deadline) {
      const answer = await list(url, gateway.headers);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      await sleep(2000);
    }
  };
  await Promise.all(Array.from({ length: 50 }, dashboard));
  const after = await listingRequests(appliances);
  const fanOuts = round((sumOf(after) - sumOf(before)) / pagesPerFanOut, 2);
  return {
    dashboards: 50,
    periodMs: 2000,
    cacheTtlMs: 2000,
    durationMs,
    answers: Object.fromEntries(statuses),
    fanOuts,
    // One per cache period, plus one for a period boundary the run straddles.
    maxFanOuts: Math.ceil(durationMs / 2000) + 1,
  };
}

function sumOf(values) {
  return values.reduce((sum, value) => sum + value, 0);
}

/** How often each appliance was asked for a page of the listing. */
async function listingRequests(appliances) {
  return Promise.all(
    appliances.map(async ({ url }) => {
      const stats = await (await fetch(`${url}/_sim/stats`)).json();
      return stats.requests.byRoute[`GET ${LISTING}`] ?? 0;
    }),
  );
}

/**
 * The merge alone, as the fleet face runs it once every appliance has answered: 75
 * listings of 500 server-hardware-like members (about 40 fields each), re-sorted by name
 * and paged. Serializing the answer is timed apart: it is the other cost of a large view.
 */
function measureMerge(rounds) {
  const listings = Array.from({ length: 75 }, (_, index) => listingOf(`sim-${index + 1}`, 500));
  const query = parseFleetQuery('sort=name:asc&count=-1');
  const mergeMs = [];
  const serializeMs = [];
  let members = 0;
  for (let index = 0; index < rounds; index += 1) {
    const started = process.hrtime.bigint();
    const merged = mergeCollection(listings, query, LISTING);
    const merging = process.hrtime.bigint();
    const text = JSON.stringify(merged.body);
    mergeMs.push(Number(merging - started) / 1e6);
    serializeMs.push(Number(process.hrtime.bigint() - merging) / 1e6);
    members = merged.body.members.length;
    if (text.length === 0) throw new Error('empty merge');
  }
  return {
    appliances: 75,
    membersEach: 500,
    members,
    mergeMs: spread(mergeMs),
    serializeMs: spread(serializeMs),
  };
}

function listingOf(id, size) {
  const members = Array.from({ length: size }, (_, index) => memberOf(id, index));
  annotateMembers(members, id);
  return {
    id,
    status: 'ok',
    type: 'server-hardware-list-12',
    category: 'server-hardware',
    total: size,
    truncated: false,
    members,
  };
}

function memberOf(id, index) {
  const enclosure = `${id.toUpperCase()}E${Math.floor(index / 16)}`;
  const member = {
    type: 'server-hardware-12',
    uri: `/rest/server-hardware/${id}-${index}`,
    category: 'server-hardware',
    name: `${enclosure}, bay ${(index % 16) + 1}`,
    serialNumber: `CZJ${(index * 7919).toString(16).toUpperCase().padStart(7, '0')}`,
    model: index % 3 === 0 ? 'Synergy 480 Gen10' : 'ProLiant BL460c Gen9',
    powerState: index % 5 === 0 ? 'Off' : 'On',
    state: 'NoProfileApplied',
    status: 'OK',
    modified: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    eTag: String(1_700_000_000_000 + index),
  };
  for (let field = 0; field < 28; field += 1) member[`field${field}`] = `value-${index}-${field}`;
  return member;
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

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function skipped(reason) {
  return { scenario: 'fleet', generatedAt: new Date().toISOString(), skipped: reason, targets: [] };
}

function format(result) {
  if (result.skipped) return `fleet: skipped (${result.skipped})`;
  const { settings, concurrency16: bounded, concurrencyAll: all, merge, coalescing } = result;
  const wall = (entry) =>
    `p50 ${entry.wallMs?.median} ms (${entry.wallMs?.min}-${entry.wallMs?.max})`;
  return [
    `fleet GET ${LISTING}?count=-1 over ${settings.appliances} appliances (${settings.latencyMs} ms latency, ${settings.membersPerAppliance} members each), ${settings.requests} sequential listings`,
    `  status ${all.status}, X-Gateway-Complete ${all.complete}, ${all.members} members (total ${all.total})`,
    `  direct from this process, every appliance at once: ${wall(result.direct)}`,
    `  fleet.concurrency 16: ${wall(bounded)}; floor from latency and concurrency ${bounded.floorMs} ms; RSS ${bounded.rssMb} MB`,
    `  all appliances at once: ${wall(all)}; slowest appliance ${all.slowestMs} ms; RSS ${all.rssMb} MB`,
    `  merge of ${merge.appliances} x ${merge.membersEach} members sorted by name: p50 ${merge.mergeMs.median} ms (${merge.mergeMs.min}-${merge.mergeMs.max}); JSON of the answer p50 ${merge.serializeMs.median} ms`,
    `  ${coalescing.dashboards} dashboards every ${coalescing.periodMs} ms for ${coalescing.durationMs} ms, cacheTtlMs ${coalescing.cacheTtlMs}: ${coalescing.fanOuts} fan-outs (at most ${coalescing.maxFanOuts}); answers ${JSON.stringify(coalescing.answers)}`,
  ].join('\n');
}

module.exports = { run, format };
