import type { FailNext } from '../../../src/simulator/faults';
import type { ErrorEnvelope } from '../../../src/errors/error-message';
import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { sampleOf, scrape } from '../../support/metrics-scrape';
import { waitFor } from '../../support/simulator-client';

/** The envelope the gateway itself renders for a failure of appliance a. */
function gatewayEnvelope(
  fields: Pick<ErrorEnvelope, 'errorCode' | 'message' | 'details' | 'httpStatus'> & {
    recommendedActions: string[];
    requestId: string;
  },
): ErrorEnvelope {
  return {
    nestedErrors: [],
    errorSource: null,
    data: {},
    source: 'gateway',
    applianceId: 'a',
    ...fields,
  };
}

const BAD_RESPONSE_ACTION =
  'Check what stands between the gateway and the appliance (a proxy, a load balancer).';
const UNREACHABLE_ACTION =
  'Check that the appliance is up and reachable from the gateway at its configured url.';

// The simulator's own 500 ErrorMessage, as written on the wire (src/simulator/failures.ts).
const APPLIANCE_500 = JSON.stringify({
  errorCode: 'INTERNAL_SERVER_ERROR',
  message: 'The appliance could not complete the request (HTTP 500 Internal Server Error).',
  details: '',
  recommendedActions: ['Retry the request later.'],
  nestedErrors: [],
  errorSource: null,
  data: {},
});

interface FailureKind {
  failNext: FailNext;
  status: number;
  metric: { code: string; source: 'gateway' | 'appliance' };
  envelope: (requestId: string) => ErrorEnvelope;
}

/**
 * Every kind of broken answer an appliance can give, each with the whole envelope the client
 * must see. Appliance a fails slowly (a latency fault), so that appliance b's answers are
 * proved to arrive while a's failure is under way by their order alone.
 */
const KINDS: Array<[string, FailureKind]> = [
  [
    'an ErrorMessage 500',
    {
      failNext: { status: 500, body: 'json' },
      status: 500,
      metric: { code: 'INTERNAL_SERVER_ERROR', source: 'appliance' },
      envelope: (requestId) => ({
        ...(JSON.parse(APPLIANCE_500) as ErrorEnvelope),
        httpStatus: 500,
        source: 'appliance',
        applianceId: 'a',
        requestId,
      }),
    },
  ],
  [
    'an HTML 500 page',
    {
      failNext: { status: 500, body: 'html' },
      status: 500,
      metric: { code: 'APPLIANCE_BAD_RESPONSE', source: 'gateway' },
      envelope: (requestId) =>
        gatewayEnvelope({
          errorCode: 'APPLIANCE_BAD_RESPONSE',
          message: 'Appliance a answered 500 with a body that is not an ErrorMessage.',
          details:
            '500 Internal Server Error Internal Server Error ' +
            'The server is temporarily unable to service your request.',
          recommendedActions: [BAD_RESPONSE_ACTION],
          httpStatus: 500,
          requestId,
        }),
    },
  ],
  [
    'an empty 502',
    {
      failNext: { status: 502, body: 'empty' },
      status: 502,
      metric: { code: 'APPLIANCE_BAD_RESPONSE', source: 'gateway' },
      envelope: (requestId) =>
        gatewayEnvelope({
          errorCode: 'APPLIANCE_BAD_RESPONSE',
          message: 'Appliance a answered 502 with an empty body.',
          details: '',
          recommendedActions: [BAD_RESPONSE_ACTION],
          httpStatus: 502,
          requestId,
        }),
    },
  ],
  [
    'half a JSON error and a closed socket',
    {
      failNext: { status: 500, body: 'truncated' },
      status: 500,
      metric: { code: 'APPLIANCE_BAD_RESPONSE', source: 'gateway' },
      envelope: (requestId) =>
        gatewayEnvelope({
          errorCode: 'APPLIANCE_BAD_RESPONSE',
          message: 'Appliance a answered 500 with a body that is not an ErrorMessage.',
          details: APPLIANCE_500.slice(0, Math.floor(APPLIANCE_500.length / 2)).trim(),
          recommendedActions: [BAD_RESPONSE_ACTION],
          httpStatus: 500,
          requestId,
        }),
    },
  ],
  [
    'a reset on the first try and on the retry',
    {
      failNext: { count: 2, body: 'reset' },
      status: 502,
      metric: { code: 'APPLIANCE_UNREACHABLE', source: 'gateway' },
      envelope: (requestId) =>
        gatewayEnvelope({
          errorCode: 'APPLIANCE_UNREACHABLE',
          message: 'Appliance a could not be reached: connection reset.',
          details: 'GET /rest/server-hardware',
          recommendedActions: [UNREACHABLE_ACTION],
          httpStatus: 502,
          requestId,
        }),
    },
  ],
  [
    'no answer at all',
    {
      failNext: { body: 'hang' },
      status: 504,
      metric: { code: 'APPLIANCE_TIMEOUT', source: 'gateway' },
      envelope: (requestId) =>
        gatewayEnvelope({
          errorCode: 'APPLIANCE_TIMEOUT',
          message: 'Appliance a did not answer within 1500 ms (request deadline passed).',
          details: 'GET /rest/server-hardware',
          recommendedActions: [
            "Check the appliance's load, or raise appliances[].timeouts.requestMs.",
          ],
          httpStatus: 504,
          requestId,
        }),
    },
  ],
];

describe('each failure kind answers its whole envelope, counts once, and spares other appliances', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 3400],
      ],
      appliance: { timeouts: { connectMs: 1000, requestMs: 1500 } },
      // The circuit is tested on its own below; here every failure must reach the client.
      config: { circuitBreaker: { volumeThreshold: 1000 } },
      features: [],
    });
    await t.fetch('/appliances/a/rest/enclosures');
    await t.fetch('/appliances/b/rest/enclosures');
  });
  afterEach(() => t.simulators[0]!.faults({ latencyMs: 0 }));
  afterAll(() => t.close());

  async function errorsTotal(labels: { code: string; source: string }): Promise<number> {
    return sampleOf(await scrape(t.url), 'ovgw_errors_total', labels);
  }

  it.each(KINDS)('turns %s into its envelope', async (_what, kind) => {
    const requestId = `kind-${kind.metric.code}-${kind.status}`;
    if (kind.failNext.body !== 'hang') t.simulators[0]!.faults({ latencyMs: 400 });
    t.simulators[0]!.faults({ failNext: { ...kind.failNext, path: '/rest/server-hardware' } });
    const before = await errorsTotal(kind.metric);
    const order: string[] = [];

    const failing = t
      .fetch('/appliances/a/rest/server-hardware', { headers: { 'x-request-id': requestId } })
      .then(async (response) => {
        order.push(`a:${response.status}`);
        return { status: response.status, body: await response.json() };
      });
    for (let i = 0; i < 3; i++) {
      const healthy = await t.fetch('/appliances/b/rest/server-hardware?count=1');
      order.push(`b:${healthy.status}`);
      await healthy.arrayBuffer();
    }
    const failed = await failing;

    expect(order).toEqual(['b:200', 'b:200', 'b:200', `a:${kind.status}`]);
    expect(failed).toEqual({ status: kind.status, body: kind.envelope(requestId) });
    expect(await errorsTotal(kind.metric)).toBe(before + 1);
  });

  it('answers APPLIANCE_UNREACHABLE while an appliance refuses connections, and b answers meanwhile', async () => {
    const simulator = t.simulators[0]!;
    const metric = { code: 'APPLIANCE_UNREACHABLE', source: 'gateway' };
    const before = await errorsTotal(metric);
    simulator.faults({ refuseConnections: 60_000 });
    await waitFor(() =>
      fetch(`${simulator.url}/rest/version`).then(
        () => undefined,
        () => true,
      ),
    );
    const order: string[] = [];
    const bodies: unknown[] = [];

    try {
      for (const id of ['a', 'b', 'a']) {
        const response = await t.fetch(`/appliances/${id}/rest/enclosures`, {
          headers: { 'x-request-id': `refused-${order.length}` },
        });
        order.push(`${id}:${response.status}`);
        if (id === 'a') bodies.push(await response.json());
        else await response.arrayBuffer();
      }
    } finally {
      simulator.reset();
    }

    expect(order).toEqual(['a:502', 'b:200', 'a:502']);
    expect(bodies).toEqual(
      ['refused-0', 'refused-2'].map((requestId) =>
        gatewayEnvelope({
          errorCode: 'APPLIANCE_UNREACHABLE',
          message: 'Appliance a could not be reached: connection refused.',
          details: 'GET /rest/enclosures',
          recommendedActions: [UNREACHABLE_ACTION],
          httpStatus: 502,
          requestId,
        }),
      ),
    );
    expect(await errorsTotal(metric)).toBe(before + 2);
  });
});

describe('an appliance that refuses connections for a long while', () => {
  it('answers 503 APPLIANCE_UNAVAILABLE while its circuit is open and serves again after one probe', async () => {
    const t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 800],
      ],
      appliance: { timeouts: { connectMs: 500, requestMs: 2000 } },
      config: {
        circuitBreaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 1000 },
      },
      features: [],
    });
    const simulator = t.simulators[0]!;
    const metric = { code: 'APPLIANCE_UNAVAILABLE', source: 'gateway' };
    try {
      await t.fetch('/appliances/a/rest/enclosures');
      await t.fetch('/appliances/b/rest/enclosures');
      simulator.faults({ refuseConnections: 30_000 });
      await waitFor(() =>
        fetch(`${simulator.url}/rest/version`).then(
          () => undefined,
          () => true,
        ),
      );
      // Refused requests count as failures until the circuit's error rate passes its threshold
      // (the earlier successes, version and login included, count too).
      const refused: number[] = [];
      for (let i = 0; i < 5 && !(await circuitOf(t, 'open')); i++) {
        refused.push((await t.fetch('/appliances/a/rest/enclosures')).status);
      }
      expect(refused.length).toBeGreaterThan(0);
      expect(new Set(refused)).toEqual(new Set([502]));
      const before = await errorsTotal(t, metric);

      const open = await t.fetch('/appliances/a/rest/enclosures', {
        headers: { 'x-request-id': 'open-1' },
      });
      const healthy = await t.fetch('/appliances/b/rest/enclosures');

      expect(open.status).toBe(503);
      expect(Number(open.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await open.json()).toEqual(
        gatewayEnvelope({
          errorCode: 'APPLIANCE_UNAVAILABLE',
          message: 'Appliance a failed repeatedly; its circuit is open.',
          details: 'GET /rest/enclosures',
          recommendedActions: ['The appliance failed repeatedly; retry after Retry-After seconds.'],
          httpStatus: 503,
          requestId: 'open-1',
        }),
      );
      expect(await errorsTotal(t, metric)).toBe(before + 1);
      expect(healthy.status).toBe(200);

      // The appliance comes back; the circuit lets one probe through once it is half-open.
      simulator.reset();
      await waitFor(async () => (await circuitOf(t, 'half-open')) || undefined);
      const probe = await t.fetch('/appliances/a/rest/enclosures');

      expect(probe.status).toBe(200);
      expect(await (await t.fetch('/appliances/a')).json()).toMatchObject({
        state: 'online',
        circuit: 'closed',
      });
      expect(sampleOf(await scrape(t.url), 'ovgw_circuit_state', { appliance: 'a' })).toBe(0);
    } finally {
      await t.close();
    }
  });
});

async function errorsTotal(
  t: TestGateway,
  labels: { code: string; source: string },
): Promise<number> {
  return sampleOf(await scrape(t.url), 'ovgw_errors_total', labels);
}

async function circuitOf(t: TestGateway, state: string): Promise<boolean> {
  const view = (await (await t.fetch('/appliances/a')).json()) as { circuit: string };
  return view.circuit === state;
}
