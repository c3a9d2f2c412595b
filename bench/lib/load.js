'use strict';
// Load generators. Throughput runs use wrk (C, one thread: it leaves the most CPU to the
// contenders on a small machine) or autocannon when wrk is missing. The fixed-rate run and
// the counted run use a small Node client of ours, since autocannon records latency in
// whole milliseconds, too coarse for a 1 ms target.

const { spawn, spawnSync } = require('node:child_process');
const http = require('node:http');

/** True when a `wrk` binary is on PATH. */
function hasWrk() {
  return spawnSync('wrk', ['-v'], { stdio: 'ignore' }).error === undefined;
}

/**
 * Closed-loop load: `connections` connections, each sending its next request as soon as
 * the previous answer arrived, for `durationS` seconds.
 * Resolves with `{ rps, p50Ms, p99Ms, requests, errors, non2xx }`.
 */
function runLoad(tool, options) {
  return tool === 'wrk' ? runWrk(options) : runAutocannon(options);
}

function runWrk({ url, headers, connections, durationS }) {
  const args = ['-t1', `-c${connections}`, `-d${durationS}s`, '--latency', '--timeout', '10s'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), (durationS + 30) * 1000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      resolve(parseWrk(out));
    });
  });
}

/** Reads wrk's `--latency` report. */
function parseWrk(text) {
  const percentile = (p) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text);
    return match ? toMs(Number(match[1]), match[2]) : null;
  };
  const requests = Number(/(\d+) requests in/.exec(text)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const errors = socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0;
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? 0),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    requests,
    errors,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
  };
}

function toMs(value, unit) {
  if (unit === 'us') return value / 1000;
  if (unit === 's') return value * 1000;
  return value;
}

async function runAutocannon({ url, headers, connections, durationS }) {
  const autocannon = require('autocannon');
  const result = await autocannon({ url, headers, connections, duration: durationS });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate, whatever happened
 * to the others, and its latency counts from when it was due (so that a stall shows in the
 * percentiles instead of slowing the sender down). At most `connections` sockets.
 * Resolves with `{ rate, achievedRps, p50Ms, p99Ms, completed, errors, non2xx }`.
 */
function runPaced({ url, headers, rate, durationS, connections }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.max(1, Math.floor(rate * durationS));
  const latencies = [];
  let sent = 0;
  let settled = 0;
  let errors = 0;
  let non2xx = 0;

  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
    const finish = () => {
      agent.destroy();
      latencies.sort((a, b) => a - b);
      resolve({
        rate,
        achievedRps: Math.round((latencies.length / elapsedMs()) * 1000),
        p50Ms: percentileOf(latencies, 0.5),
        p99Ms: percentileOf(latencies, 0.99),
        completed: latencies.length,
        errors,
        non2xx,
      });
    };
    const send = (dueMs) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          headers,
          agent,
        },
        (response) => {
          response.resume();
          response.once('end', () => {
            if (response.statusCode >= 200 && response.statusCode < 300) {
              latencies.push(elapsedMs() - dueMs);
            } else {
              non2xx += 1;
            }
            if ((settled += 1) === total) finish();
          });
        },
      );
      request.once('error', () => {
        errors += 1;
        if ((settled += 1) === total) finish();
      });
      request.end();
    };
    // A 1 ms tick sends whatever fell due since the last one.
    const tick = () => {
      const due = Math.min(total, Math.floor((elapsedMs() / 1000) * rate) + 1);
      while (sent < due) {
        send((sent / rate) * 1000);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
    // Bounded in time too: answers still missing 30 s after the last send count as errors.
    setTimeout(
      () => {
        if (settled < total) {
          errors += total - settled;
          settled = total;
          finish();
        }
      },
      (durationS + 30) * 1000,
    ).unref();
  });
}

/** Exactly `count` requests, `concurrency` at a time; resolves with `{ ok, failed }`. */
async function runCounted({ url, headers, count, concurrency }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const status = await getStatus(url, headers, agent).catch(() => 0);
      if (status >= 200 && status < 300) ok += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { ok, failed };
}

/** One GET, body discarded; resolves with the status. */
function getStatus(url, headers, agent) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent, timeout: 30000 }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode));
      response.once('error', reject);
    });
    request.once('timeout', () => request.destroy(new Error('timeout')));
    request.once('error', reject);
  });
}

function percentileOf(sorted, fraction) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 1000) / 1000;
}

module.exports = { hasWrk, runLoad, runPaced, runCounted, getStatus, percentileOf };
