import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { sendRaw } from '../../support/raw-http';
import { startScriptedAppliance } from '../../support/scripted-appliance';
import type { ScriptedAppliance } from '../../support/scripted-appliance';
import { waitFor } from '../../support/simulator-client';
import { ADMIN_KEY } from '../../support/gateway-harness';

/** A host the gateway must never connect to: every connection to it is counted. */
async function startCanary(): Promise<{
  host: string;
  connections: () => number;
  close(): Promise<void>;
}> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * One configured appliance, scripted to name the canary everywhere an appliance can name
 * a URL: the Location and body of a 202, and the nextPageUri of a listing. Clients name it
 * everywhere a client can: Host, an absolute-form target, X-Forwarded-Host, body URIs.
 */
describe('the gateway connects only to configured appliance URLs', () => {
  let canary: Awaited<ReturnType<typeof startCanary>>;
  let appliance: ScriptedAppliance;
  let seen: string[];
  let t: TestGateway;

  beforeAll(async () => {
    canary = await startCanary();
    seen = [];
    const elsewhere = `http://${canary.host}`;
    appliance = await startScriptedAppliance({
      handle: (req, res) => {
        seen.push(`${req.method} ${req.url}`);
        const json = (
          status: number,
          body: unknown,
          headers: Record<string, string> = {},
        ): void => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        };
        const path = req.url ?? '';
        if (path === '/rest/login-sessions') return json(200, { sessionID: 'session-71d3c0ae55' });
        if (req.method === 'POST') {
          const uri = `${elsewhere}/rest/tasks/t1`;
          return json(202, { uri, category: 'tasks', taskState: 'Running' }, { location: uri });
        }
        if (path.startsWith('/rest/tasks/t1')) {
          return json(200, {
            uri: '/rest/tasks/t1',
            category: 'tasks',
            type: 'TaskResourceV2',
            name: 'Create',
            taskState: 'Completed',
            percentComplete: 100,
            modified: new Date().toISOString(),
          });
        }
        if (path.startsWith('/rest/enclosures')) {
          const first = !path.includes('start=1');
          return json(200, {
            uri: path,
            start: first ? 0 : 1,
            count: 1,
            total: 2,
            members: [{ uri: `/rest/enclosures/e${first ? 1 : 2}`, name: `e${first ? 1 : 2}` }],
            nextPageUri: first ? `${elsewhere}/rest/enclosures?start=1&count=1` : null,
          });
        }
        return json(200, {
          members: [],
          total: 0,
          count: 0,
          start: 0,
          uri: path,
          nextPageUri: null,
        });
      },
    });
    t = await startTestGateway({
      simulators: [appliance.asSimulator()],
      config: { tasks: { pollIntervalMs: 100, syncIntervalMs: 3_600_000, retentionHours: 1 } },
    });
  });
  afterAll(async () => {
    await t.close();
    await appliance.close();
    await canary.close();
  });

  it.each([
    ['Host', 'host', ''],
    ['X-Forwarded-Host', 'x-forwarded-host', ''],
    ['Forwarded', 'forwarded', 'host='],
  ])('forwards to the appliance whatever %s names', async (_, name, prefix) => {
    const host = name === 'host' ? '' : 'Host: gateway\r\n';
    const raw = await sendRaw(
      t.url,
      `GET /appliances/a/rest/server-hardware HTTP/1.1\r\n${host}` +
        `${name}: ${prefix}${canary.host}\r\nX-API-Key: ${ADMIN_KEY}\r\nConnection: close\r\n\r\n`,
    );
    expect(raw.status).toBe(200);
    expect(seen).toContain('GET /rest/server-hardware');
    expect(canary.connections()).toBe(0);
  });

  it('serves an absolute-form target naming another host by its path alone', async () => {
    const raw = await sendRaw(
      t.url,
      `GET http://${canary.host}/appliances/a/rest/enclosures/e1 HTTP/1.1\r\nHost: ${canary.host}\r\n` +
        `X-API-Key: ${ADMIN_KEY}\r\nConnection: close\r\n\r\n`,
    );
    expect(raw.status).toBe(200);
    expect(seen).toContain('GET /rest/enclosures/e1');
    expect(canary.connections()).toBe(0);
  });

  it.each([
    '/appliances/a/rest/%2e%2e/%2e%2e/x',
    '/appliances/a/rest/..%2f..%2fx',
    '/appliances/a/rest/x%5c..%5c..%5cy',
    '/appliances/a/rest/../../CANARY',
  ])('refuses %s before any connection', async (path) => {
    const raw = await sendRaw(
      t.url,
      `GET ${path.replace('CANARY', canary.host)} HTTP/1.1\r\nHost: x\r\nX-API-Key: ${ADMIN_KEY}\r\nConnection: close\r\n\r\n`,
    );
    expect(raw.status).toBe(400);
    expect(canary.connections()).toBe(0);
  });

  it('follows a 202 whose Location and body name another host on the appliance itself', async () => {
    const response = await t.fetch('/appliances/a/rest/server-profiles', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'p',
        serverHardwareUri: `http://${canary.host}/rest/server-hardware/1`,
      }),
    });
    await response.arrayBuffer();

    expect(response.status).toBe(202);
    expect(response.headers.get('location')).toBe('/appliances/a/rest/tasks/t1');
    // The watcher polls the task where the gateway knows the appliance is.
    await waitFor(() => (seen.includes('GET /rest/tasks/t1') ? true : undefined));
    const followed = await t.fetch('/tasks/a/t1');
    expect(await followed.json()).toMatchObject({ state: 'completed' });
    expect(canary.connections()).toBe(0);
  });

  it('follows a nextPageUri naming another host as a path on the same appliance', async () => {
    const response = await t.fetch('/rest/enclosures?count=-1');
    const body = (await response.json()) as { members: unknown[]; total: number };

    expect(response.status).toBe(200);
    expect(body.total).toBe(2);
    expect(seen).toContain('GET /rest/enclosures?start=1&count=1');
    expect(canary.connections()).toBe(0);
  });
});
