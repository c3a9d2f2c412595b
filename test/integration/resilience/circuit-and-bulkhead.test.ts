import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimulatorHandle } from '../../../src/simulator';
import { startSimulators } from '../../../src/simulator';
import { startTestGateway, SIM_PASSWORD } from '../../support/gateway-harness';
import { sampleOf, scrape } from '../../support/metrics-scrape';

describe('a misbehaving appliance is contained', () => {
  it('opens the circuit after repeated failures, answers 503 at once, and recovers after one probe', async () => {
    const t = await startTestGateway({
      versions: [[120, 8600]],
      appliance: { timeouts: { connectMs: 500, requestMs: 2000 } },
      config: {
        circuitBreaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 1000 },
      },
    });
    const simulator = t.simulators[0]!;
    try {
      await t.fetch('/appliances/a/rest/enclosures');
      simulator.faults({ refuseConnections: 1500 });
      await waitForRefusal(simulator.url);

      // Each refused GET is retried once, so the circuit sees two failures per request.
      const first = await t.fetch('/appliances/a/rest/enclosures');
      expect(first.status).toBe(502);
      expect(await first.json()).toMatchObject({ errorCode: 'APPLIANCE_UNREACHABLE' });
      let open = await t.fetch('/appliances/a/rest/enclosures');
      for (let i = 0; i < 3 && open.status !== 503; i++) {
        open = await t.fetch('/appliances/a/rest/enclosures');
      }
      const openBody = (await open.json()) as Record<string, unknown>;

      expect(open.status).toBe(503);
      expect(openBody).toMatchObject({ errorCode: 'APPLIANCE_UNAVAILABLE', applianceId: 'a' });
      expect(Number(open.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await (await t.fetch('/appliances/a')).json()).toMatchObject({
        state: 'offline',
        circuit: 'open',
      });
      expect(sampleOf(await scrape(t.url), 'ovgw_circuit_state', { appliance: 'a' })).toBe(2);

      await waitUntilListening(simulator.url);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const probe = await t.fetch('/appliances/a/rest/enclosures');

      expect(probe.status).toBe(200);
      expect(await (await t.fetch('/appliances/a')).json()).toMatchObject({
        state: 'online',
        circuit: 'closed',
      });
    } finally {
      await t.close();
    }
  });

  it('refuses requests past maxConcurrent and maxQueued with 503 APPLIANCE_BUSY', async () => {
    const t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
      ],
      appliance: { maxConcurrent: 2, maxQueued: 2 },
    });
    try {
      await t.fetch('/appliances/a/rest/enclosures');
      await t.fetch('/appliances/b/rest/enclosures');
      t.simulators[0]!.faults({ latencyMs: 400 });

      const statuses = await Promise.all(
        Array.from({ length: 8 }, () => t.fetch('/appliances/a/rest/enclosures')),
      ).then((answers) =>
        Promise.all(
          answers.map(async (a) => ({
            status: a.status,
            body: await a.text(),
            retry: a.headers.get('retry-after'),
          })),
        ),
      );
      const healthy = await t.fetch('/appliances/b/rest/enclosures');

      expect(statuses.filter((s) => s.status === 200)).toHaveLength(4);
      const busy = statuses.filter((s) => s.status === 503);
      expect(busy).toHaveLength(4);
      expect(JSON.parse(busy[0]!.body)).toMatchObject({
        errorCode: 'APPLIANCE_BUSY',
        applianceId: 'a',
      });
      expect(busy[0]!.retry).toBe('1');
      expect(healthy.status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('answers APPLIANCE_TLS_ERROR for an untrusted certificate, and serves it when checks are off', async () => {
    const simulators = await startSimulators(2, { port: 0, tls: true, password: SIM_PASSWORD });
    const strict = await startTestGateway({ simulators: [simulators[0]!] });
    const lax = await startTestGateway({
      simulators: [simulators[1]!],
      appliance: { tls: { rejectUnauthorized: false } },
    });
    try {
      const refused = await strict.fetch('/appliances/a/rest/enclosures');
      const served = await lax.fetch('/appliances/a/rest/enclosures');

      expect(refused.status).toBe(502);
      expect(await refused.json()).toMatchObject({
        errorCode: 'APPLIANCE_TLS_ERROR',
        message: expect.stringContaining('self-signed'),
      });
      expect(served.status).toBe(200);
      expect(lax.log.lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          appliance: 'a',
          msg: expect.stringContaining('TLS'),
        }),
      );
    } finally {
      await strict.close();
      await lax.close();
      await Promise.all(simulators.map((s) => s.close()));
    }
  });

  it('answers APPLIANCE_UNREACHABLE for a host name that does not resolve', async () => {
    const fake = { url: 'http://appliance.no-such-host.invalid' } as SimulatorHandle;
    const t = await startTestGateway({ simulators: [fake] });
    try {
      const response = await t.fetch('/appliances/a/rest/enclosures');

      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        errorCode: 'APPLIANCE_UNREACHABLE',
        message: 'Appliance a could not be reached: host name not found.',
      });
    } finally {
      await t.close();
    }
  });

  it('cancels the upstream request when the client hangs up', async () => {
    let upstreamClosed: () => void = () => undefined;
    let upstreamReached: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const reached = new Promise<void>((resolve) => (upstreamReached = resolve));
    const server = http.createServer((req, res) => {
      if (req.url === '/rest/version') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"currentVersion":800,"minimumVersion":120}');
        return;
      }
      req.socket.once('close', () => upstreamClosed());
      upstreamReached();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    } as SimulatorHandle;
    const t = await startTestGateway({ simulators: [fake], passthrough: [0] });
    try {
      const controller = new AbortController();
      const pending = t
        .fetch('/appliances/a/rest/enclosures', { signal: controller.signal })
        .catch((error: unknown) => error);
      await reached;
      controller.abort();

      expect(await pending).toMatchObject({ name: 'AbortError' });
      await closed;
    } finally {
      await t.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

async function waitForRefusal(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const refused = await fetch(`${url}/rest/version`).then(
      () => false,
      () => true,
    );
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the simulator kept accepting connections');
}

async function waitUntilListening(url: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const up = await fetch(`${url}/rest/version`).then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the simulator did not come back');
}
