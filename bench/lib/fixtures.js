'use strict';
// What every scenario starts from: simulated appliances, a gateway configured as in
// production (API keys, metrics, request logs at info), and direct sessions on the
// simulators for the baselines, which talk to the appliance without the gateway.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CLI, freePort, startGatewayProcess } = require('./processes');

if (!fs.existsSync(CLI)) {
  throw new Error(`${CLI} is missing: build the gateway first (npm ci, or npm run build)`);
}
const { hashKey } = require('../../dist/auth/clients');

/** The simulators' password, handed to the gateway through its environment as in production. */
const SIM_PASSWORD = `bench-${crypto.randomBytes(6).toString('hex')}`;
const PASSWORD_ENV = 'BENCH_APPLIANCE_PASSWORD';
/** The benchmark client's API key. */
const API_KEY = `bench-${crypto.randomBytes(12).toString('hex')}`;

/** A scratch directory for configs, logs and profiles, removed by `cleanup()`. */
function makeScratchDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ovgw-bench-'));
}

/**
 * Writes a gateway config. JSON is valid YAML, so the file is written as JSON. The rate
 * limit is raised out of the way: one benchmark client sends thousands of requests a
 * second, and the point is to measure the proxying, not the limiter refusing it.
 */
function writeGatewayConfig(
  dir,
  name,
  { port, redisUrl, appliances, workers = 1, logLevel = 'info', keyPrefix, extra = {} },
) {
  const config = {
    server: { host: '127.0.0.1', port, workers, shutdownTimeoutMs: 3000 },
    store: { redisUrl, keyPrefix: keyPrefix ?? `ovgw-bench:${name}:` },
    appliances: appliances.map(({ id, url }) => ({
      id,
      url,
      credentials: { userName: 'Administrator', passwordEnv: PASSWORD_ENV },
    })),
    auth: { mode: 'keys', clients: [{ id: 'bench', keySha256: hashKey(API_KEY) }] },
    rateLimit: { perClientPerSecond: 1000000, burst: 1000000 },
    logging: { level: logLevel },
    ...extra,
  };
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Starts a gateway as `ovgw serve --config FILE`, its request log (level info) going to
 * DIR/NAME.log. Resolves with the process handle plus `url`, `headers` (the API key) and
 * `logFile`.
 */
async function startBenchGateway(dir, name, options) {
  const port = await freePort();
  const keyPrefix = options.keyPrefix ?? `ovgw-bench:${name}:`;
  const configFile = writeGatewayConfig(dir, name, { ...options, port, keyPrefix });
  const logFile = path.join(dir, `${name}.log`);
  const handle = await startGatewayProcess(name, configFile, {
    port,
    env: { [PASSWORD_ENV]: SIM_PASSWORD, REDIS_URL: undefined, OVGW_LOG_LEVEL: undefined },
    logFile,
    nodeArgs: options.nodeArgs ?? [],
    cli: options.cli,
  });
  return {
    ...handle,
    url: `http://127.0.0.1:${port}`,
    headers: { 'x-api-key': API_KEY },
    logFile,
    keyPrefix,
  };
}

/** Logs in to a simulator directly; resolves with the headers a direct client sends. */
async function directHeaders(applianceUrl) {
  const response = await fetch(`${applianceUrl}/rest/login-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-version': '8600' },
    body: JSON.stringify({ userName: 'Administrator', password: SIM_PASSWORD, loginMsgAck: true }),
  });
  if (!response.ok)
    throw new Error(`direct login failed: ${response.status} ${await response.text()}`);
  const { sessionID } = await response.json();
  return { auth: sessionID, 'x-api-version': '8600' };
}

/** The simulator's counters, as `GET /_sim/stats` answers them. */
async function simulatorStats(applianceUrl) {
  const response = await fetch(`${applianceUrl}/_sim/stats`);
  return response.json();
}

function cleanup(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = {
  SIM_PASSWORD,
  API_KEY,
  makeScratchDir,
  writeGatewayConfig,
  startBenchGateway,
  directHeaders,
  simulatorStats,
  cleanup,
};
