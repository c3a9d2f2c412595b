import { waitFor } from '../../support/simulator-client';
import { startTestGateway, ADMIN_KEY, SIM_PASSWORD } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { sampleOf, scrape } from '../../support/metrics-scrape';

describe('metrics and logs after a scripted mix of traffic', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 3400],
      ],
      appliance: { timeouts: { connectMs: 500, requestMs: 600 } },
      config: {
        circuitBreaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 60000 },
      },
      // Without the task watcher, whose background calls would move the upstream counters.
      features: [],
    });
    await t.fetch('/appliances/a/rest/enclosures');
    await t.fetch('/appliances/b/rest/enclosures');
  });
  afterAll(() => t.close());

  it('moves each counter by the traffic it saw, with bounded labels', async () => {
    const before = await scrape(t.url);
    const delta = async (name: string, labels: Record<string, string>): Promise<number> =>
      sampleOf(await scrape(t.url), name, labels) - sampleOf(before, name, labels);

    for (let i = 0; i < 3; i++) await t.fetch('/appliances/a/rest/server-hardware?count=1');
    await t.fetch('/appliances/a/rest/enclosures', { headers: { 'x-api-version': '9000' } });
    t.simulators[0]!.faults({ failNext: { count: 1, body: 'hang', path: '/rest/alerts' } });
    await t.fetch('/appliances/a/rest/alerts');
    await t.fetch('/appliances/a/rest/enclosures', { method: 'PROPFIND' });
    const task = await t.fetch('/appliances/a/rest/server-profiles', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'metrics-mix', type: 'ServerProfileV12' }),
    });
    await task.arrayBuffer();
    expect(task.status).toBe(202);

    expect(
      await delta('ovgw_upstream_requests_total', { appliance: 'a', method: 'GET', status: '200' }),
    ).toBe(3);
    expect(
      await delta('ovgw_http_requests_total', { face: 'appliance', method: 'GET', status: '200' }),
    ).toBe(3);
    expect(
      await delta('ovgw_http_requests_total', { face: 'appliance', method: 'GET', status: '412' }),
    ).toBe(1);
    expect(
      await delta('ovgw_errors_total', { code: 'API_VERSION_UNSUPPORTED', source: 'gateway' }),
    ).toBe(1);
    expect(await delta('ovgw_errors_total', { code: 'APPLIANCE_TIMEOUT', source: 'gateway' })).toBe(
      1,
    );
    expect(
      await delta('ovgw_upstream_requests_total', {
        appliance: 'a',
        method: 'GET',
        status: 'error',
      }),
    ).toBe(1);
    expect(await delta('ovgw_http_requests_total', { face: 'appliance', method: 'OTHER' })).toBe(1);
    expect(
      await delta('ovgw_http_requests_total', { face: 'appliance', method: 'POST', status: '202' }),
    ).toBe(1);
    expect(
      await delta('ovgw_upstream_requests_total', {
        appliance: 'a',
        method: 'POST',
        status: '202',
      }),
    ).toBe(1);
    expect(await delta('ovgw_version_lookups_total', { result: 'memory' })).toBeGreaterThanOrEqual(
      5,
    );

    const now = await scrape(t.url);
    expect(
      sampleOf(now, 'ovgw_appliance_api_version', { appliance: 'a', kind: 'negotiated' }),
    ).toBe(8600);
    expect(sampleOf(now, 'ovgw_appliance_api_version', { appliance: 'b', kind: 'current' })).toBe(
      3400,
    );
    expect(sampleOf(now, 'ovgw_appliance_up', { appliance: 'a' })).toBe(1);
    expect(sampleOf(now, 'ovgw_logins_total', { appliance: 'a', result: 'ok' })).toBe(1);
    expect(sampleOf(now, 'ovgw_inflight_requests', { appliance: 'a' })).toBe(0);
    expect(now).not.toMatch(/\/rest\/|server-hardware|x-api-version/i);
  });

  it('counts the failures that open a circuit and the answers refused while it is open', async () => {
    const before = await scrape(t.url);
    t.simulators[1]!.faults({
      failNext: { count: 10, status: 500, body: 'json', path: '/rest/enclosures' },
    });
    const answers: Array<{ status: number; errorCode: string }> = [];
    for (let i = 0; i < 6; i++) {
      const response = await t.fetch('/appliances/b/rest/enclosures');
      answers.push({
        status: response.status,
        ...((await response.json()) as { errorCode: string }),
      });
    }
    const failed = answers.filter((answer) => answer.status === 500).length;
    const refused = answers.filter((answer) => answer.errorCode === 'APPLIANCE_UNAVAILABLE').length;
    const metrics = await scrape(t.url);
    const delta = (name: string, labels: Record<string, string>): number =>
      sampleOf(metrics, name, labels) - sampleOf(before, name, labels);

    // Some 500s from the appliance open the circuit; every later request is refused at once.
    expect(failed).toBeGreaterThanOrEqual(2);
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(failed + refused).toBe(6);
    expect(answers.slice(failed).every((answer) => answer.status === 503)).toBe(true);
    expect(
      delta('ovgw_upstream_requests_total', { appliance: 'b', method: 'GET', status: '500' }),
    ).toBe(failed);
    expect(
      delta('ovgw_http_requests_total', { face: 'appliance', method: 'GET', status: '500' }),
    ).toBe(failed);
    expect(
      delta('ovgw_http_requests_total', { face: 'appliance', method: 'GET', status: '503' }),
    ).toBe(refused);
    expect(delta('ovgw_errors_total', { code: 'APPLIANCE_UNAVAILABLE', source: 'gateway' })).toBe(
      refused,
    );
    expect(delta('ovgw_errors_total', { code: answers[0]!.errorCode, source: 'appliance' })).toBe(
      failed,
    );
    expect(sampleOf(metrics, 'ovgw_circuit_state', { appliance: 'b' })).toBe(2);
    expect(sampleOf(metrics, 'ovgw_appliance_up', { appliance: 'b' })).toBe(0);
    expect(
      t.log.lines.filter((line) => line.appliance === 'b' && /->/.test(String(line.msg))),
    ).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        service: 'ovgw',
        appliance: 'b',
        from: 'unknown',
        to: 'online',
        reason: 'the appliance answered',
        msg: 'appliance unknown -> online',
      },
      {
        level: 'info',
        time: expect.any(String),
        service: 'ovgw',
        appliance: 'b',
        from: 'online',
        to: 'offline',
        reason: 'circuit opened after repeated failures',
        msg: 'appliance online -> offline',
      },
    ]);
  });

  it('logs one line per request with the fields operators filter on', async () => {
    await t.fetch('/appliances/a/rest/enclosures?count=1', {
      headers: { 'x-request-id': 'log-line-1' },
    });

    const line = t.log.lines.find((l) => l.reqId === 'log-line-1');

    expect(line).toEqual({
      level: 'info',
      time: expect.any(String),
      service: 'ovgw',
      reqId: 'log-line-1',
      client: 'admin',
      appliance: 'a',
      method: 'GET',
      route: '/appliances/{id}/rest/{path}',
      status: 200,
      errorCode: null,
      durationMs: expect.any(Number),
      upstreamMs: expect.any(Number),
      msg: 'request',
    });
    expect(line!.upstreamMs as number).toBeLessThanOrEqual(line!.durationMs as number);
  });

  it('logs the same line for the routes express serves, with their route template', async () => {
    await t.fetch('/appliances/a', { headers: { 'x-request-id': 'log-line-2' } });
    await t.fetch('/appliances/zz', { headers: { 'x-request-id': 'log-line-3' } });
    const settled = await waitFor(() => {
      const lines = t.log.lines.filter((l) => l.reqId === 'log-line-2' || l.reqId === 'log-line-3');
      return lines.length === 2 ? lines : undefined;
    });

    const common = { level: 'info', time: expect.any(String), service: 'ovgw', msg: 'request' };
    expect(settled).toEqual([
      {
        ...common,
        reqId: 'log-line-2',
        client: 'admin',
        appliance: 'a',
        method: 'GET',
        route: '/appliances/:id',
        status: 200,
        errorCode: null,
        durationMs: expect.any(Number),
      },
      {
        ...common,
        reqId: 'log-line-3',
        client: 'admin',
        appliance: null,
        method: 'GET',
        route: '/appliances/:id',
        status: 404,
        errorCode: 'APPLIANCE_NOT_FOUND',
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('never shows a password, an API key or a session id in logs, metrics or the gateway face', async () => {
    const sessions = t.simulators.flatMap((s) =>
      s.stats().recent.flatMap((r) => (typeof r.headers.auth === 'string' ? [r.headers.auth] : [])),
    );
    const faces = await Promise.all(
      ['/appliances', '/appliances/a', '/readyz', '/tasks'].map(async (p) =>
        (await t.fetch(p)).text(),
      ),
    );
    const everything = [...t.log.raw, await scrape(t.url), ...faces].join('\n');

    expect(sessions.length).toBeGreaterThan(0);
    for (const secret of [SIM_PASSWORD, ADMIN_KEY, ...new Set(sessions)]) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('the task gauge', () => {
  it('counts tasks by normalized state once the watcher has seen them', async () => {
    const t = await startTestGateway({
      versions: [[120, 8600]],
      config: { tasks: { pollIntervalMs: 100, syncIntervalMs: 200 } },
    });
    try {
      const created = await t.fetch('/appliances/a/rest/server-profiles', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'metrics-task', type: 'ServerProfileV12' }),
      });
      const taskUri = created.headers.get('x-task-uri')!;

      const done = await t.fetch(`${taskUri}?wait=30`);
      expect(await done.json()).toMatchObject({ state: 'completed' });
      await expectEventually(
        async () =>
          sampleOf(await scrape(t.url), 'ovgw_tasks', { appliance: 'a', state: 'completed' }) >= 1,
      );
    } finally {
      await t.close();
    }
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
