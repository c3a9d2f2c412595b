import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimulatorHandle } from '../../src/simulator';

/** An HTTP server that answers `/rest/version` like an appliance and the rest by script. */
export interface ScriptedAppliance {
  url: string;
  /** A handle the gateway harness takes in place of a simulator. */
  asSimulator(): SimulatorHandle;
  close(): Promise<void>;
}

/** How the scripted appliance answers. */
export interface Script {
  /** Every request but `GET /rest/version`. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** How long `/rest/version` takes to answer. */
  versionDelayMs?: number;
}

/**
 * Starts a real HTTP server for behaviours the simulator does not script (a slow login, a
 * 202 cut in the middle); it answers `/rest/version` with 120..800.
 */
export async function startScriptedAppliance(script: Script): Promise<ScriptedAppliance> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/rest/version') {
      script.handle(req, res);
      return;
    }
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"currentVersion":800,"minimumVersion":120}');
    }, script.versionDelayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    asSimulator: () => ({ url }) as SimulatorHandle,
    close() {
      closed ??= new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}
