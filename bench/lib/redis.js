'use strict';
// The store for the benchmark: REDIS_URL when set, else a private redis-server on a free
// loopback port (never the machine's own 6379, whose other users would blur the command
// counts), else none, and the gateway runs on its in-process store.

const { spawnSync } = require('node:child_process');
const Redis = require('ioredis');
const { freePort, startProcess } = require('./processes');

/** Starts or picks the store; resolves with `{ kind, url, stop, commandCounts }`. */
async function openBenchRedis() {
  if (process.env.REDIS_URL) return connect('REDIS_URL', process.env.REDIS_URL, null);
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    return {
      kind: 'memory',
      url: null,
      commandCounts: async () => null,
      recordCommands: async () => ({ stop: async () => null }),
      stop: async () => {},
    };
  }
  const port = await freePort();
  const server = await startProcess(
    'redis-server',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { ready: (text) => text.includes('Ready to accept connections') },
  );
  return connect('private redis-server', `redis://127.0.0.1:${port}`, server);
}

async function connect(kind, url, server) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  return {
    kind,
    url,
    /**
     * Calls per command since the server started, from INFO commandstats. The INFO
     * commands this very function sends are left out, so deltas count the gateway only.
     */
    async commandCounts() {
      const text = await client.info('commandstats');
      const counts = {};
      for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        if (match[1] !== 'info') counts[match[1]] = Number(match[2]);
      }
      return counts;
    },
    /**
     * Records, through MONITOR, the commands that name a key under `prefix` until `stop()`,
     * which resolves with them as argument arrays. Unlike commandstats, this tells one
     * gateway's commands from another's, and a request's from background work.
     */
    async recordCommands(prefix) {
      const monitorClient = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await monitorClient.connect();
      const monitor = await monitorClient.monitor();
      const commands = [];
      monitor.on('monitor', (_time, args) => {
        if (args.some((arg) => typeof arg === 'string' && arg.startsWith(prefix))) {
          commands.push(args);
        }
      });
      // MONITOR starts once its reply is in; a round trip on the other client orders after it.
      await client.ping();
      return {
        async stop() {
          // Commands sent just before stop() are still on their way back: one more round trip.
          await client.ping();
          monitor.disconnect();
          monitorClient.disconnect();
          return commands;
        },
      };
    },
    async stop() {
      client.disconnect();
      if (server) await server.stop();
    },
  };
}

/** Commands between two `commandCounts()` snapshots: `{ total, byCommand }`. */
function countDelta(before, after) {
  if (!before || !after) return null;
  const byCommand = {};
  let total = 0;
  for (const [name, calls] of Object.entries(after)) {
    const delta = calls - (before[name] ?? 0);
    if (delta > 0) {
      byCommand[name] = delta;
      total += delta;
    }
  }
  return { total, byCommand };
}

module.exports = { openBenchRedis, countDelta };
