/* eslint-disable @typescript-eslint/no-unsafe-member-access
   -- these tests read OneView bodies as untyped JSON, field by field, as a client would. */
import { request } from 'node:http';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator';
import { callSim, logIn, rawRequest, waitFor } from '../../support/simulator-client';

const AUTHORIZATION_ERROR = {
  errorCode: 'AUTHORIZATION',
  message: 'Authorization error: User not authorized for this operation.',
  details: 'User not authorized for this operation.',
  recommendedActions: [
    'Please verify your credentials and re-authenticate before attempting the operation again.',
  ],
  nestedErrors: [],
  errorSource: null,
  data: {},
};

/** Logs in from a given loopback address, so that the appliance sees another client. */
function logInFrom(
  sim: SimulatorHandle,
  localAddress: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.url}/rest/login-sessions`,
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'X-API-Version': '800', 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ userName: 'Administrator', password: 'admin123' }));
  });
}

describe('simulator sessions', () => {
  let sim: SimulatorHandle;
  let shortLived: SimulatorHandle;
  let limited: SimulatorHandle;
  let perClient: SimulatorHandle;

  beforeAll(async () => {
    [sim, shortLived, limited, perClient] = await Promise.all([
      startSimulator(),
      startSimulator({ id: 'sim-idle', sessionIdleMs: 100 }),
      startSimulator({ id: 'sim-limited', maxSessions: 2 }),
      startSimulator({ id: 'sim-per-client', maxSessionsPerClient: 2 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([sim.close(), shortLived.close(), limited.close(), perClient.close()]);
  });

  it('logs in with loginMsgAck and answers a sessionID usable as Auth', async () => {
    const login = await callSim(sim, '/rest/login-sessions', {
      method: 'POST',
      body: {
        userName: 'Administrator',
        password: 'admin123',
        authLoginDomain: 'LOCAL',
        loginMsgAck: true,
      },
    });

    expect(login.status).toBe(200);
    expect(login.json).toEqual({
      partnerData: {},
      sessionID: expect.stringMatching(/^[\w-]{30,}$/),
    });
    expect((await callSim(sim, '/rest/enclosures', { token: login.json.sessionID })).status).toBe(
      200,
    );
  });

  it('refuses bad credentials with 400 AUTHN_AUTH_FAIL', async () => {
    const answer = await callSim(sim, '/rest/login-sessions', {
      method: 'POST',
      body: { userName: 'Administrator', password: 'wrong' },
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      errorCode: 'AUTHN_AUTH_FAIL',
      message: 'Invalid username or password or directory.',
      details: 'Enter correct credentials and try again.',
      recommendedActions: [
        'Enter correct credentials and try again. To obtain a username or password, contact your security administrator.',
      ],
      nestedErrors: [],
      errorSource: null,
      data: {},
    });
  });

  it('refuses a login body that is not JSON with 400', async () => {
    const answer = await callSim(sim, '/rest/login-sessions', {
      method: 'POST',
      body: '{"userName":',
    });

    expect(answer.status).toBe(400);
    expect(answer.json.errorCode).toBe('INVALID_JSON');
  });

  it('refuses a login body sent as another content type with 415', async () => {
    const answer = await callSim(sim, '/rest/login-sessions', {
      method: 'POST',
      body: '{"userName":"Administrator","password":"admin123"}',
      headers: { 'Content-Type': 'text/plain' },
    });

    expect(answer.status).toBe(415);
  });

  it('reads the Auth header whatever its case', async () => {
    const token = await logIn(sim);

    const lower = await rawRequest(`${sim.url}/rest/enclosures`, {
      headers: { auth: token, 'x-api-version': '800' },
    });
    const upper = await rawRequest(`${sim.url}/rest/enclosures`, {
      headers: { AUTH: token, 'X-API-VERSION': '800' },
    });

    expect([lower.status, upper.status]).toEqual([200, 200]);
  });

  it('answers a missing or unknown Auth with the appliance 401 body', async () => {
    const missing = await callSim(sim, '/rest/server-hardware');
    const unknown = await callSim(sim, '/rest/server-hardware', { token: 'LnotAsession' });

    expect([missing.status, unknown.status]).toEqual([401, 401]);
    expect(missing.json).toEqual(AUTHORIZATION_ERROR);
    expect(unknown.json).toEqual(AUTHORIZATION_ERROR);
  });

  it('reuses a token with PUT and a literal null body', async () => {
    const token = await logIn(sim);

    const answer = await callSim(sim, '/rest/login-sessions', {
      method: 'PUT',
      token,
      body: 'null',
    });

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ partnerData: {}, sessionID: token });
  });

  it('logs out with 204, after which the token is dead and a second logout is 400', async () => {
    const token = await logIn(sim);
    const before = sim.stats();

    const logout = await callSim(sim, '/rest/login-sessions', { method: 'DELETE', token });
    const after = await callSim(sim, '/rest/enclosures', { token });
    const again = await callSim(sim, '/rest/login-sessions', { method: 'DELETE', token });

    expect(logout.status).toBe(204);
    expect(logout.text).toBe('');
    expect(after.status).toBe(401);
    expect(again.json.errorCode).toBe('AUTHN_LOGOUT_FAILED');
    expect(sim.stats().logouts).toBe(before.logouts + 1);
    expect(sim.stats().sessions).toBe(before.sessions - 1);
  });

  it('expires a session left idle longer than sessionIdleMs', async () => {
    const token = await logIn(shortLived);
    expect((await callSim(shortLived, '/rest/enclosures', { token })).status).toBe(200);

    // The stats count sessions without touching them, so polling them does not renew the session.
    await waitFor(() => (shortLived.stats().sessions === 0 ? true : undefined), 2000);

    expect((await callSim(shortLived, '/rest/enclosures', { token })).json).toEqual(
      AUTHORIZATION_ERROR,
    );
  });

  it('ends every session on expireSessions', async () => {
    const token = await logIn(sim);

    sim.faults({ expireSessions: true });

    expect((await callSim(sim, '/rest/enclosures', { token })).status).toBe(401);
    expect(sim.stats().sessions).toBe(0);
  });

  it('refuses logins beyond maxSessions until a session ends', async () => {
    const first = await logIn(limited);
    await logIn(limited);

    const refused = await callSim(limited, '/rest/login-sessions', {
      method: 'POST',
      body: { userName: 'Administrator', password: 'admin123' },
    });
    await callSim(limited, '/rest/login-sessions', { method: 'DELETE', token: first });

    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      errorCode: 'AUTHN_SESSION_LIMIT_EXCEEDED',
      message: 'The maximum number of active sessions has been reached.',
      details: 'The appliance allows 2 active sessions.',
      recommendedActions: ['Log out of unused sessions, or wait for idle sessions to expire.'],
      nestedErrors: [],
      errorSource: null,
      data: {},
    });
    expect(await logIn(limited)).toEqual(expect.any(String));
  });

  it('refuses logins beyond maxSessionsPerClient from one address, not from another', async () => {
    await logInFrom(perClient, '127.0.0.1');
    await logInFrom(perClient, '127.0.0.1');

    const refused = await logInFrom(perClient, '127.0.0.1');
    const other = await logInFrom(perClient, '127.0.0.2');

    expect(refused).toEqual({
      status: 400,
      json: expect.objectContaining({
        errorCode: 'AUTHN_SESSION_LIMIT_EXCEEDED',
        details: 'The appliance allows 2 active sessions from one client address (127.0.0.1).',
      }),
    });
    expect([other.status, perClient.stats().sessions]).toEqual([200, 3]);
  });

  it('counts logins, logouts and live sessions in its stats', async () => {
    limited.reset();
    limited.faults({ expireSessions: true });
    const token = await logIn(limited);
    await logIn(limited);
    await callSim(limited, '/rest/login-sessions', { method: 'DELETE', token });

    const stats = limited.stats();

    expect({ logins: stats.logins, logouts: stats.logouts, sessions: stats.sessions }).toEqual({
      logins: 2,
      logouts: 1,
      sessions: 1,
    });
  });
});
