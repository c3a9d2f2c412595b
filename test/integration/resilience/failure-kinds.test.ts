import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { sampleOf, scrape } from '../../support/metrics-scrape';

/** Every way an answer can be broken, with what the client must see. */
describe('appliance failures become one envelope with a stable code', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
      ],
      appliance: { timeouts: { connectMs: 1000, requestMs: 800 } },
      config: { circuitBreaker: { volumeThreshold: 1000 } },
    });
    await t.fetch('/appliances/a/rest/enclosures');
    await t.fetch('/appliances/b/rest/enclosures');
  });
  afterAll(() => t.close());

  async function errorsMetric(code: string, source: string): Promise<number> {
    return sampleOf(await scrape(t.url), 'ovgw_errors_total', { code, source });
  }

  it('keeps an appliance ErrorMessage with its status, and adds the gateway fields', async () => {
    t.simulators[0]!.faults({
      failNext: { count: 1, status: 500, body: 'json', path: '/rest/enclosures' },
    });
    const before = await errorsMetric('INTERNAL_SERVER_ERROR', 'appliance');

    const response = await t.fetch('/appliances/a/rest/enclosures', {
      headers: { 'x-request-id': 'r-500' },
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      errorCode: 'INTERNAL_SERVER_ERROR',
      message: 'The appliance could not complete the request (HTTP 500 Internal Server Error).',
      details: '',
      recommendedActions: ['Retry the request later.'],
      nestedErrors: [],
      errorSource: null,
      data: {},
      httpStatus: 500,
      source: 'appliance',
      applianceId: 'a',
      requestId: 'r-500',
    });
    expect(await errorsMetric('INTERNAL_SERVER_ERROR', 'appliance')).toBe(before + 1);
  });

  it('turns an HTML 503 page from a front proxy into APPLIANCE_BAD_RESPONSE with a clean excerpt', async () => {
    t.simulators[0]!.faults({
      failNext: { count: 1, status: 503, body: 'html', path: '/rest/enclosures' },
    });
    const before = await errorsMetric('APPLIANCE_BAD_RESPONSE', 'gateway');

    const response = await t.fetch('/appliances/a/rest/enclosures');
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(503);
    expect(body).toMatchObject({
      errorCode: 'APPLIANCE_BAD_RESPONSE',
      httpStatus: 503,
      source: 'gateway',
      applianceId: 'a',
      details:
        '503 Service Unavailable Service Unavailable The server is temporarily unable to service your request.',
    });
    expect(await errorsMetric('APPLIANCE_BAD_RESPONSE', 'gateway')).toBe(before + 1);
  });

  it.each([
    ['an empty 500', 'empty'],
    ['half a JSON error and a closed socket', 'truncated'],
  ] as const)('turns %s into APPLIANCE_BAD_RESPONSE, keeping the status', async (_what, body) => {
    t.simulators[0]!.faults({
      failNext: { count: 1, status: 500, body, path: '/rest/enclosures' },
    });

    const response = await t.fetch('/appliances/a/rest/enclosures');

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      errorCode: 'APPLIANCE_BAD_RESPONSE',
      source: 'gateway',
      httpStatus: 500,
    });
  });

  it('retries a GET once after a reset, and answers APPLIANCE_UNREACHABLE after two', async () => {
    const simulator = t.simulators[0]!;
    simulator.faults({ failNext: { count: 1, body: 'reset', path: '/rest/enclosures' } });
    expect((await t.fetch('/appliances/a/rest/enclosures')).status).toBe(200);

    simulator.faults({ failNext: { count: 2, body: 'reset', path: '/rest/enclosures' } });
    const before = simulator.stats().requests.byRoute['GET /rest/enclosures']!;
    const response = await t.fetch('/appliances/a/rest/enclosures');

    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      errorCode: 'APPLIANCE_UNREACHABLE',
      applianceId: 'a',
    });
    expect(simulator.stats().requests.byRoute['GET /rest/enclosures']! - before).toBe(2);
  });

  it('never retries a POST whose connection was reset after it was sent', async () => {
    const simulator = t.simulators[0]!;
    simulator.faults({ failNext: { count: 1, body: 'reset', path: '/rest/ethernet-networks' } });
    const before = simulator.stats().requests.byRoute['POST /rest/ethernet-networks'] ?? 0;

    const response = await t.fetch('/appliances/a/rest/ethernet-networks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'net-x', vlanId: 7, type: 'ethernet-networkV4' }),
    });

    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ errorCode: 'APPLIANCE_UNREACHABLE' });
    expect(simulator.stats().requests.byRoute['POST /rest/ethernet-networks']! - before).toBe(1);
  });

  it.each(['GET', 'POST'])(
    'answers a %s that gets no answer in time with 504 APPLIANCE_TIMEOUT, not a hang-up (C9)',
    async (method) => {
      const simulator = t.simulators[0]!;
      simulator.faults({ failNext: { count: 2, body: 'hang', path: '/rest/ethernet-networks' } });
      const before = simulator.stats().requests.byRoute[`${method} /rest/ethernet-networks`] ?? 0;
      const metricBefore = await errorsMetric('APPLIANCE_TIMEOUT', 'gateway');
      const started = Date.now();

      const response = await t.fetch('/appliances/a/rest/ethernet-networks', {
        method,
        headers: { 'content-type': 'application/json', 'x-request-id': `t-${method}` },
        ...(method === 'POST' ? { body: '{"name":"n","vlanId":1}' } : {}),
      });
      const elapsed = Date.now() - started;

      expect(response.status).toBe(504);
      expect(await response.json()).toMatchObject({
        errorCode: 'APPLIANCE_TIMEOUT',
        message: expect.stringContaining('did not answer within 800 ms'),
        applianceId: 'a',
        requestId: `t-${method}`,
        httpStatus: 504,
      });
      expect(elapsed).toBeGreaterThanOrEqual(750);
      expect(elapsed).toBeLessThan(5000);
      const sent =
        simulator.stats().requests.byRoute[`${method} /rest/ethernet-networks`]! - before;
      expect(sent).toBe(1);
      expect(await errorsMetric('APPLIANCE_TIMEOUT', 'gateway')).toBe(metricBefore + 1);
      simulator.reset();
    },
  );

  it('keeps answering for a healthy appliance while another hangs', async () => {
    t.simulators[0]!.faults({
      failNext: { count: 1, body: 'hang', path: '/rest/server-hardware' },
    });
    const order: string[] = [];

    const hanging = t.fetch('/appliances/a/rest/server-hardware').then((r) => {
      order.push(`a:${r.status}`);
    });
    for (let i = 0; i < 5; i++) {
      const response = await t.fetch('/appliances/b/rest/server-hardware?count=1');
      order.push(`b:${response.status}`);
    }
    await hanging;

    expect(order).toEqual(['b:200', 'b:200', 'b:200', 'b:200', 'b:200', 'a:504']);
  });
});
