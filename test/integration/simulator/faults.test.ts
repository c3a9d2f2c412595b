/* eslint-disable @typescript-eslint/no-unsafe-member-access,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call
   -- these tests read OneView bodies as untyped JSON, field by field, as a client would. */
import { createHash } from 'node:crypto';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator';
import { callSim, logIn, rawRequest, waitFor } from '../../support/simulator-client';

describe('simulator faults', () => {
  let sim: SimulatorHandle;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator();
    token = await logIn(sim);
  });

  afterAll(() => sim.close());

  afterEach(() => sim.reset());

  const postFaults = (body: unknown) =>
    callSim(sim, '/_sim/faults', { method: 'POST', version: null, body });
  const headers = (): Record<string, string> => ({ 'X-API-Version': '800', Auth: token });

  it('fails the next request with an ErrorMessage of the given status, then recovers', async () => {
    await postFaults({ failNext: { count: 1, status: 503, body: 'json' } });

    const failed = await callSim(sim, '/rest/enclosures', { token });
    const next = await callSim(sim, '/rest/enclosures', { token });

    expect(failed.status).toBe(503);
    expect(failed.json).toEqual({
      errorCode: 'SERVICE_UNAVAILABLE',
      message: 'The appliance could not complete the request (HTTP 503 Service Unavailable).',
      details: '',
      recommendedActions: ['Retry the request later.'],
      nestedErrors: [],
      errorSource: null,
      data: {},
    });
    expect(next.status).toBe(200);
  });

  it('answers an HTML page or an empty body when asked', async () => {
    await postFaults({ failNext: { count: 2, status: 502, body: 'html' } });
    const html = await rawRequest(`${sim.url}/rest/enclosures`, { headers: headers() });
    await rawRequest(`${sim.url}/rest/enclosures`, { headers: headers() });
    await postFaults({ failNext: { status: 500, body: 'empty' } });
    const empty = await rawRequest(`${sim.url}/rest/enclosures`, { headers: headers() });

    expect(html.status).toBe(502);
    expect(html.headers?.['content-type']).toBe('text/html; charset=iso-8859-1');
    expect(html.body.toString()).toContain('<title>502 Bad Gateway</title>');
    expect([empty.status, empty.headers?.['content-length'], empty.body.length]).toEqual([
      500,
      '0',
      0,
    ]);
  });

  it('sends half a JSON body and closes the socket for truncated', async () => {
    await postFaults({ failNext: { status: 200, body: 'truncated' } });

    const outcome = await rawRequest(`${sim.url}/rest/enclosures`, { headers: headers() });

    expect(outcome.status).toBe(200);
    expect(outcome.error).toBe('aborted');
    expect(outcome.body.length).toBeLessThan(Number(outcome.headers?.['content-length']));
    expect(() => JSON.parse(outcome.body.toString()) as unknown).toThrow();
  });

  it('resets the TCP connection for reset', async () => {
    await postFaults({ failNext: { body: 'reset' } });

    const outcome = await rawRequest(`${sim.url}/rest/enclosures`, { headers: headers() });

    expect(outcome.error).toBe('ECONNRESET');
  });

  it('never answers for hang, until the client gives up', async () => {
    await postFaults({ failNext: { body: 'hang' } });

    const outcome = await rawRequest(`${sim.url}/rest/enclosures`, {
      headers: headers(),
      timeoutMs: 300,
    });

    expect(outcome).toEqual({ body: Buffer.alloc(0), error: 'TIMEOUT' });
  });

  it('limits failNext to a path prefix, and by default spares GET /rest/version', async () => {
    await postFaults({ failNext: { count: 1, status: 500, path: '/rest/login-sessions' } });
    const spared = await callSim(sim, '/rest/enclosures', { token });
    const login = await callSim(sim, '/rest/login-sessions', {
      method: 'POST',
      body: { userName: 'Administrator', password: 'admin123' },
    });
    await postFaults({ failNext: { count: 1, status: 500 } });
    const version = await callSim(sim, '/rest/version', { version: null });
    const hit = await callSim(sim, '/rest/enclosures', { token });

    expect([spared.status, login.status, version.status, hit.status]).toEqual([200, 500, 200, 500]);
  });

  it('delays every REST answer by latencyMs but not the control API', async () => {
    await postFaults({ latencyMs: 150 });

    const start = Date.now();
    await callSim(sim, '/rest/enclosures', { token });
    const delayed = Date.now() - start;
    const controlStart = Date.now();
    await callSim(sim, '/_sim/stats', { version: null });
    const control = Date.now() - controlStart;

    expect(delayed).toBeGreaterThanOrEqual(145);
    expect(control).toBeLessThan(145);
  });

  it('refuses connections for refuseConnections ms, then listens again on the same port', async () => {
    await postFaults({ refuseConnections: 300 });

    const refused = await rawRequest(`${sim.url}/rest/version`);
    const back = await waitFor(async () => {
      const outcome = await rawRequest(`${sim.url}/rest/version`);
      return outcome.status === 200 ? outcome : undefined;
    });

    expect(refused.error).toBe('ECONNREFUSED');
    expect(back.status).toBe(200);
  });

  it.each([
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ failNext: { body: 'smoke' } }, 'failNext.body'],
    [{ taskOutcome: 'Done' }, 'taskOutcome'],
    [{ setVersion: { minimumVersion: 800, currentVersion: 120 } }, 'setVersion'],
    [{ surprise: true }, 'surprise'],
    ['not json', 'faults'],
  ])('refuses invalid faults %j with 400', async (body, word) => {
    const answer = await callSim(sim, '/_sim/faults', {
      method: 'POST',
      version: null,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

    expect(answer.status).toBe(400);
    expect(answer.json.errorCode).toBe('INVALID_FAULT');
    expect(answer.json.message).toContain(word === 'faults' ? 'Invalid faults' : word);
  });

  it('throws on invalid faults given to the handle', () => {
    expect(() => sim.faults({ latencyMs: 1.5 })).toThrow('latencyMs must be an integer >= 0');
  });

  it('clears faults and zeroes stats on POST /_sim/reset', async () => {
    await postFaults({ latencyMs: 5000, failNext: { count: 5 }, taskOutcome: 'Error' });

    const reset = await callSim(sim, '/_sim/reset', { method: 'POST', version: null });
    const faults = await callSim(sim, '/_sim/faults', { version: null });

    expect(reset.status).toBe(204);
    expect(faults.json).toEqual({
      latencyMs: 0,
      taskOutcome: null,
      failNext: null,
      versions: { minimumVersion: 120, currentVersion: 8600 },
    });
    expect(sim.stats().requests.total).toBe(0);
  });
});

describe('simulator stats and recorded requests', () => {
  let sim: SimulatorHandle;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator();
    token = await logIn(sim);
    sim.reset();
  });

  afterAll(() => sim.close());

  it('counts requests per route template and never counts /_sim/', async () => {
    const server = (await callSim(sim, '/rest/server-hardware?count=1', { token })).json.members[0]
      .uri as string;
    await callSim(sim, server, { token });
    await callSim(sim, '/rest/version', { version: null });
    await callSim(sim, '/rest/nowhere', { token });
    await callSim(sim, '/_sim/stats', { version: null });

    const stats = (await callSim(sim, '/_sim/stats', { version: null })).json;

    expect(stats.requests).toEqual({
      total: 4,
      byRoute: {
        'GET /rest/server-hardware': 1,
        'GET /rest/server-hardware/{id}': 1,
        'GET /rest/version': 1,
        'GET (unmatched)': 1,
      },
    });
    expect(stats).toMatchObject({ versionRequests: 1, logins: 0, logouts: 0, sessions: 1 });
    expect(stats.recent.map((entry: { route: string }) => entry.route)).toEqual([
      'GET /rest/server-hardware',
      'GET /rest/server-hardware/{id}',
      'GET /rest/version',
      'GET (unmatched)',
    ]);
  });

  it('records headers and body bytes of what arrived, raw and hashed', async () => {
    const body = Buffer.from(`{"name":"x","pad":"${'a'.repeat(300 * 1024)}"}`);
    await rawRequest(`${sim.url}/rest/ethernet-networks`, {
      method: 'POST',
      headers: {
        'X-API-Version': '800',
        auth: token,
        'Content-Type': 'application/json',
        'If-Match': '5',
      },
      body,
    });

    const stats = sim.stats();
    const recorded = (await callSim(sim, '/_sim/requests?limit=1', { version: null })).json
      .requests;
    const last = stats.recent[stats.recent.length - 1]!;

    expect(last).toMatchObject({
      method: 'POST',
      url: '/rest/ethernet-networks',
      route: 'POST /rest/ethernet-networks',
      bodyLength: body.length,
      bodySha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(last.headers).toMatchObject({
      'if-match': '5',
      auth: token,
      'content-length': String(body.length),
    });
    expect(recorded).toHaveLength(1);
    expect(Buffer.from(recorded[0].bodyBase64, 'base64').equals(body)).toBe(true);
    expect(recorded[0].rawHeaders).toEqual(
      expect.arrayContaining(['If-Match', '5', 'auth', token]),
    );
  });
});

describe('simulator lifecycle and TLS', () => {
  it('closes exactly once, destroying a hanging request', async () => {
    const sim = await startSimulator();
    sim.faults({ failNext: { body: 'hang' } });
    const hanging = rawRequest(`${sim.url}/rest/enclosures`, { timeoutMs: 10_000 });
    await waitFor(() => (sim.stats().requests.total > 0 ? true : undefined));

    await Promise.all([sim.close(), sim.close()]);
    await sim.close();

    expect((await hanging).error).toBe('ECONNRESET');
    expect((await rawRequest(`${sim.url}/rest/version`)).error).toBe('ECONNREFUSED');
  });

  it('serves HTTPS with a self-signed certificate for 127.0.0.1', async () => {
    const sim = await startSimulator({ tls: true });
    try {
      const outcome = await rawRequest(`${sim.url}/rest/version`);

      expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(outcome.status).toBe(200);
      expect(JSON.parse(outcome.body.toString())).toEqual({
        currentVersion: 8600,
        minimumVersion: 120,
      });
    } finally {
      await sim.close();
    }
  });

  it('injects every failure over HTTPS too, a reset included', async () => {
    const sim = await startSimulator({ tls: true });
    try {
      sim.faults({ failNext: { body: 'reset' } });
      const reset = await rawRequest(`${sim.url}/rest/enclosures`);
      sim.faults({ failNext: { status: 200, body: 'truncated' } });
      const truncated = await rawRequest(`${sim.url}/rest/enclosures`);
      const after = await rawRequest(`${sim.url}/rest/version`);

      expect(reset.error).toBe('ECONNRESET');
      expect([truncated.status, truncated.error]).toEqual([200, 'aborted']);
      expect(after.status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
