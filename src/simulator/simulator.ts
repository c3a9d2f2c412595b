import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  createApplianceState,
  resetApplianceState,
  setVersions,
  type ApplianceState,
} from './appliance-state';
import { handleControl, type ControlTarget } from './control-api';
import { parseFaults, type SimulatorFaults } from './faults';
import { handleRequest } from './handle-request';
import { Listener } from './listener';
import { resolveOptions, type SimulatorOptions } from './options';
import { createApplianceRouter } from './routes';
import type { SimulatorStats } from './stats';
import { TimerSet } from './timers';
import { loadCertificate } from '../server/self-signed-certificate';

/** A running simulated appliance. */
export interface SimulatorHandle {
  id: string;
  /** `http://127.0.0.1:PORT` (or `https://` with `tls`). */
  url: string;
  port: number;
  /** The same counters as `GET /_sim/stats`. */
  stats(): SimulatorStats;
  /** Injects faults, as `POST /_sim/faults`; throws on an invalid value. */
  faults(faults: SimulatorFaults): void;
  /** Back to seeded data, no faults, zeroed stats, as `POST /_sim/reset`. */
  reset(): void;
  /** Stops the appliance and destroys its connections; safe to call more than once. */
  close(): Promise<void>;
}

/** Starts one simulated OneView appliance and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const resolved = resolveOptions(options);
  const appliance = createApplianceState(resolved);
  const timers = new TimerSet();
  const certificate = resolved.tls ? await loadCertificate() : undefined;
  let listener: Listener | undefined = undefined;
  const target = createControlTarget(appliance, () => listener);
  const pipeline = {
    appliance,
    router: createApplianceRouter(),
    timers,
    control: (
      req: IncomingMessage,
      res: ServerResponse,
      path: string,
      query: string,
      body: Buffer,
    ) => handleControl(target, req, res, path, query, body),
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void =>
    handleRequest(pipeline, req, res);
  const server = certificate
    ? createHttpsServer(certificate, onRequest)
    : createHttpServer(onRequest);
  listener = new Listener(server, resolved.host);
  const port = await listener.listen(resolved.port);
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  appliance.baseUrl = `${resolved.tls ? 'https' : 'http'}://${host}:${port}`;
  const opened = listener;
  return {
    id: resolved.id,
    url: appliance.baseUrl,
    port,
    stats: () => target.stats(),
    faults: (faults) => target.applyFaults(parseFaults(faults), (work) => work()),
    reset: () => target.reset(),
    close: () => {
      timers.clear();
      return opened.close();
    },
  };
}

function createControlTarget(
  appliance: ApplianceState,
  listener: () => Listener | undefined,
): ControlTarget {
  return {
    stats: () => appliance.stats.snapshot(appliance.sessions.count(Date.now())),
    listRequests: (limit) => appliance.stats.listRecorded(limit),
    describeFaults: () => ({
      ...appliance.faults.describe(),
      versions: appliance.versions,
    }),
    applyFaults: (faults, afterAnswer) => applyFaults(appliance, faults, afterAnswer, listener),
    reset: () => {
      resetApplianceState(appliance);
      listener()?.resume();
    },
  };
}

function applyFaults(
  appliance: ApplianceState,
  faults: SimulatorFaults,
  afterAnswer: (work: () => void) => void,
  listener: () => Listener | undefined,
): void {
  if (faults.latencyMs !== undefined) appliance.faults.latencyMs = faults.latencyMs;
  if (faults.failNext !== undefined) appliance.faults.armFailure(faults.failNext);
  if (faults.expireSessions === true) appliance.sessions.expireAll();
  if (faults.setVersion !== undefined) {
    setVersions(appliance, faults.setVersion.minimumVersion, faults.setVersion.currentVersion);
  }
  if (faults.taskOutcome !== undefined) appliance.faults.taskOutcome = faults.taskOutcome;
  const refuseMs = faults.refuseConnections;
  if (refuseMs !== undefined) afterAnswer(() => listener()?.refuse(refuseMs));
}
