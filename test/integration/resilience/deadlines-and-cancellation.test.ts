import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SimulatorHandle } from '../../../src/simulator';
import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
const REQUEST_MS = 700;

/** What the fake appliance saw of each request that reached it. */
interface Arrival {
  method: string;
  url: string;
  closed: Promise<void>;
}

/**
 * An appliance that answers /rest/version, resets /rest/reset-then-hang on its first call,
 * and otherwise never answers: each arrival records when its socket closes.
 */
async function startSilentAppliance(): Promise<{
  url: string;
  arrivals: Arrival[];
  next(): Promise<Arrival>;
  close(): Promise<void>;
}> {
  const arrivals: Arrival[] = [];
  const waiters: Array<(arrival: Arrival) => void> = [];
  let resets = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/rest/version') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"currentVersion":800,"minimumVersion":120}');
      return;
    }
    const socket: Socket = req.socket;
    const arrival: Arrival = {
      method: req.method ?? '',
      url: req.url ?? '',
      closed: new Promise((resolve) => socket.once('close', () => resolve())),
    };
    arrivals.push(arrival);
    waiters.shift()?.(arrival);
    req.resume();
    if (req.url === '/rest/reset-then-hang' && resets++ === 0) socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    next: () => new Promise((resolve) => waiters.push(resolve)),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('one deadline per client request, and nothing left behind upstream (the kind of C9)', () => {
  let appliance: Awaited<ReturnType<typeof startSilentAppliance>>;
  let t: TestGateway;

  beforeAll(async () => {
    appliance = await startSilentAppliance();
    t = await startTestGateway({
      simulators: [{ url: appliance.url } as SimulatorHandle],
      passthrough: [0],
      appliance: { timeouts: { connectMs: 500, requestMs: REQUEST_MS } },
      config: { circuitBreaker: { volumeThreshold: 1000 } },
      features: [],
    });
  });
  afterAll(async () => {
    await t.close();
    await appliance.close();
  });

  it.each(METHODS)(
    'answers a %s that gets no answer 504 APPLIANCE_TIMEOUT, sends it once, and destroys its socket',
    async (method) => {
      const arrived = appliance.next();
      const before = appliance.arrivals.length;

      const response = await t.fetch('/appliances/a/rest/server-hardware', {
        method,
        headers: { 'content-type': 'application/json', 'x-request-id': `late-${method}` },
        ...(method === 'GET' ? {} : { body: '{"name":"x"}' }),
      });

      expect(response.status).toBe(504);
      expect(await response.json()).toEqual({
        errorCode: 'APPLIANCE_TIMEOUT',
        message: `Appliance a did not answer within ${REQUEST_MS} ms (request deadline passed).`,
        details: `${method} /rest/server-hardware`,
        recommendedActions: [
          "Check the appliance's load, or raise appliances[].timeouts.requestMs.",
        ],
        nestedErrors: [],
        errorSource: null,
        data: {},
        httpStatus: 504,
        source: 'gateway',
        applianceId: 'a',
        requestId: `late-${method}`,
      });
      // The upstream socket is gone, not left hanging in the pool.
      await (
        await arrived
      ).closed;
      expect(appliance.arrivals.length - before).toBe(1);
    },
  );

  it('keeps a retried GET inside the deadline of its first try', async () => {
    const before = appliance.arrivals.length;
    const started = Date.now();

    const response = await t.fetch('/appliances/a/rest/reset-then-hang');
    const elapsed = Date.now() - started;

    expect(response.status).toBe(504);
    expect(appliance.arrivals.length - before).toBe(2);
    // The retry has what is left of the first try's deadline, not a deadline of its own.
    expect(elapsed).toBeLessThan(REQUEST_MS * 2);
  });

  it.each(METHODS)('cancels the upstream %s when the client hangs up first', async (method) => {
    const arrived = appliance.next();
    const controller = new AbortController();

    const pending = t
      .fetch('/appliances/a/rest/ethernet-networks', {
        method,
        signal: controller.signal,
        headers: { 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body: '{"name":"x"}' }),
      })
      .catch((error: unknown) => error);
    const arrival = await arrived;
    controller.abort();

    expect(await pending).toMatchObject({ name: 'AbortError' });
    // Closed by the gateway on the client's behalf, before the deadline would have.
    await arrival.closed;
    expect(arrival.method).toBe(method);
  });
});
