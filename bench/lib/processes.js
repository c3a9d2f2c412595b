'use strict';
// Child processes of the benchmark: the simulator, the gateway, the bare proxy, nginx and
// Redis each run in a process of their own, so that none of them shares an event loop
// with the load generator or with another contender, and each one's RSS and CPU time can
// be read from /proc.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The V8 flags the gateway runs with in production (`npm start`, the Dockerfile). */
const GATEWAY_NODE_ARGS = ['--max-semi-space-size=32'];

/** A free loopback port, chosen by the kernel. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a command and resolves once `ready(text)` finds what it waits for in the output
 * seen so far (stdout and stderr together), or rejects when the process exits first or
 * the wait passes `timeoutMs`. The handle's `stop()` ends it exactly once.
 */
async function startProcess(label, command, args, { ready, timeoutMs = 15000, env, logFile }) {
  const out = logFile ? fs.openSync(logFile, 'a') : 'pipe';
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', logFile ? out : 'pipe', 'pipe'],
  });
  if (logFile) fs.closeSync(out);

  let output = '';
  // Only the tail is kept: enough to explain a failure, bounded however long the child runs.
  const keep = (chunk) => (output = (output + chunk.toString()).slice(-65536));
  child.stdout?.on('data', keep);
  child.stderr.on('data', keep);
  // Readiness is polled rather than read from each chunk: some children print nothing
  // (nginx: the caller checks a pid file), and a logFile hides stdout from the pipe.
  const found = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const value = ready(logFile ? output + readText(logFile) : output);
      if (value) {
        clearInterval(poll);
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(value);
      }
    }, 25);
    const onExit = (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(
        new Error(`${label} exited (${code ?? signal}) while starting:\n${output.slice(-2000)}`),
      );
    };
    child.once('exit', onExit);
  });
  // Keep draining the pipes so that a chatty child never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr.resume();

  let stopped;
  return {
    label,
    child,
    pid: child.pid,
    found,
    output: () => output,
    stop(signal = 'SIGTERM') {
      stopped ??= new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill(signal);
      });
      return stopped;
    },
  };
}

/** Starts `ovgw simulate` with the given flags; resolves with the appliances' URLs. */
async function startSimulatorProcess(flags) {
  const args = [CLI, 'simulate'];
  for (const [name, value] of Object.entries(flags)) args.push(`--${name}`, String(value));
  const count = Number(flags.count ?? 1);
  const handle = await startProcess('simulator', process.execPath, args, {
    timeoutMs: 60000,
    ready: (text) => {
      const lines = text.split('\n').filter((line) => line.startsWith('{"id":'));
      return lines.length >= count ? lines.slice(0, count).map((line) => JSON.parse(line)) : null;
    },
  });
  return { ...handle, appliances: handle.found, url: handle.found[0].url };
}

/**
 * Starts `ovgw serve --config FILE` with its log (JSON lines, one per request) going to
 * `logFile`, as a production gateway writing to a file would. Ready once `GET /healthz`
 * answers on `port`: the log may be quieter than info.
 */
async function startGatewayProcess(
  label,
  configFile,
  { port, env, logFile, nodeArgs = [], cli = CLI },
) {
  let up = false;
  let giveUp = false;
  // Bounded: 600 polls of 50 ms, the same 30 s as the start timeout.
  void (async () => {
    for (let attempt = 0; attempt < 600 && !up && !giveUp; attempt += 1) {
      up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (!up) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    return await startProcess(
      label,
      process.execPath,
      [...GATEWAY_NODE_ARGS, ...nodeArgs, cli, 'serve', '--config', configFile],
      {
        env,
        logFile,
        timeoutMs: 30000,
        ready: () => up,
      },
    );
  } finally {
    giveUp = true;
  }
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The process and its descendants (cluster workers, nginx workers), from /proc. */
function processTree(pid) {
  const pids = [pid];
  for (let index = 0; index < pids.length && index < 256; index += 1) {
    try {
      const children = fs.readFileSync(`/proc/${pids[index]}/task/${pids[index]}/children`, 'utf8');
      for (const child of children.trim().split(/\s+/)) if (child) pids.push(Number(child));
    } catch {
      // Gone already, or not Linux: the caller gets what could be read.
    }
  }
  return pids;
}

/** Resident set size in MB of a process tree (summed), or null where /proc is missing. */
function rssMb(pid) {
  let kb = 0;
  let read = false;
  for (const one of processTree(pid)) {
    try {
      const status = fs.readFileSync(`/proc/${one}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) {
        kb += Number(match[1]);
        read = true;
      }
    } catch {
      // Process ended between listing and reading.
    }
  }
  return read ? Math.round(kb / 102.4) / 10 : null;
}

/** CPU seconds (user + system) used so far by one process, from /proc/PID/stat. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces, start after ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

module.exports = {
  ROOT,
  CLI,
  freePort,
  startProcess,
  startSimulatorProcess,
  startGatewayProcess,
  processTree,
  rssMb,
  cpuSeconds,
};
