import { startSimulators } from '../../../src/simulator';
import { startTestGateway, SIM_PASSWORD } from '../../support/gateway-harness';

describe('appliance sessions', () => {
  it('holds one session for 500 sequential and 50 concurrent requests, and logs out at shutdown', async () => {
    const t = await startTestGateway({ versions: [[120, 3400]] });
    const simulator = t.simulators[0]!;
    try {
      for (let i = 0; i < 500; i++) {
        const response = await t.fetch('/appliances/a/rest/enclosures');
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
      const concurrent = await Promise.all(
        Array.from({ length: 50 }, () => t.fetch('/appliances/a/rest/server-hardware?count=2')),
      );
      expect(concurrent.every((answer) => answer.status === 200)).toBe(true);
      expect(simulator.stats().logins).toBe(1);
      expect(simulator.stats().sessions).toBe(1);
    } finally {
      await t.gateway.close();
    }
    expect(simulator.stats().logouts).toBe(1);
    expect(simulator.stats().sessions).toBe(0);
    await t.close();
  });

  it('logs in once and replays every request once when the appliance expires the session (C2)', async () => {
    const t = await startTestGateway({ versions: [[120, 8600]] });
    const simulator = t.simulators[0]!;
    try {
      await t.fetch('/appliances/a/rest/enclosures');
      simulator.faults({ expireSessions: true });
      const before = simulator.stats();

      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? t.fetch('/appliances/a/rest/server-hardware?count=1')
            : t.fetch('/appliances/a/rest/server-profiles', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ name: `profile-${i}`, type: 'ServerProfileV12' }),
              }),
        ),
      );

      expect(answers.map((answer) => answer.status).sort()).toEqual([
        ...Array(10).fill(200),
        ...Array(10).fill(202),
      ]);
      const after = simulator.stats();
      expect(after.logins - before.logins).toBe(1);
      // A POST that met the expired session was not processed, and was replayed once.
      const posts =
        (after.requests.byRoute['POST /rest/server-profiles'] ?? 0) -
        (before.requests.byRoute['POST /rest/server-profiles'] ?? 0);
      expect(posts).toBeGreaterThanOrEqual(10);
      expect(posts).toBeLessThanOrEqual(20);
    } finally {
      await t.close();
    }
  });

  it('returns the second 401 normalized, without looping, when the appliance keeps refusing', async () => {
    const t = await startTestGateway({ versions: [[120, 8600]] });
    const simulator = t.simulators[0]!;
    try {
      await t.fetch('/appliances/a/rest/enclosures');
      const before = simulator.stats();
      simulator.faults({
        failNext: { count: 1000, status: 401, body: 'json', path: '/rest/enclosures' },
      });

      const answers = await Promise.all(
        Array.from({ length: 5 }, () => t.fetch('/appliances/a/rest/enclosures')),
      );

      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(await answer.json()).toMatchObject({
          source: 'appliance',
          httpStatus: 401,
          applianceId: 'a',
        });
      }
      const after = simulator.stats();
      expect(after.logins - before.logins).toBe(1);
      // Each request is sent at most twice: once, and once more after the one renewal.
      const sent =
        after.requests.byRoute['GET /rest/enclosures']! -
        before.requests.byRoute['GET /rest/enclosures']!;
      expect(sent).toBeGreaterThanOrEqual(5);
      expect(sent).toBeLessThanOrEqual(10);
    } finally {
      await t.close();
    }
  });

  it('answers 502 APPLIANCE_LOGIN_FAILED with the appliance error nested when the password is wrong', async () => {
    const [simulator] = await startSimulators(1, { port: 0, password: 'another-password' });
    const t = await startTestGateway({ simulators: [simulator!] });
    try {
      const response = await t.fetch('/appliances/a/rest/enclosures');
      const body = (await response.json()) as Record<string, unknown>;

      expect(response.status).toBe(502);
      expect(body).toMatchObject({
        errorCode: 'APPLIANCE_LOGIN_FAILED',
        source: 'gateway',
        applianceId: 'a',
        nestedErrors: [{ errorCode: 'AUTHN_AUTH_FAIL', httpStatus: 400, source: 'appliance' }],
      });
      expect(JSON.stringify(body)).not.toContain(SIM_PASSWORD);
      expect(await (await t.fetch('/appliances/a')).json()).toMatchObject({ session: 'failed' });
    } finally {
      await t.close();
      await simulator!.close();
    }
  });

  it('forwards the client session untouched in passthrough mode, login included', async () => {
    const t = await startTestGateway({ versions: [[120, 8600]], passthrough: [0] });
    const simulator = t.simulators[0]!;
    try {
      const login = await t.fetch('/appliances/a/rest/login-sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          userName: 'Administrator',
          password: SIM_PASSWORD,
          loginMsgAck: true,
        }),
      });
      const { sessionID } = (await login.json()) as { sessionID: string };
      const listed = await t.fetch('/appliances/a/rest/enclosures', {
        headers: { auth: sessionID },
      });
      const unauthenticated = await t.fetch('/appliances/a/rest/enclosures');

      expect(login.status).toBe(200);
      expect(listed.status).toBe(200);
      expect(simulator.stats().recent.at(-2)!.headers.auth).toBe(sessionID);
      expect(unauthenticated.status).toBe(401);
      expect(await unauthenticated.json()).toMatchObject({
        errorCode: 'AUTHORIZATION',
        source: 'appliance',
      });
      expect(JSON.stringify(t.log.lines)).not.toContain(sessionID);
    } finally {
      await t.close();
    }
  });

  it('replaces whatever Auth a client sends with its own session', async () => {
    const t = await startTestGateway({ versions: [[120, 8600]] });
    try {
      const response = await t.fetch('/appliances/a/rest/enclosures', {
        headers: { auth: 'forged' },
      });

      expect(response.status).toBe(200);
      expect(t.simulators[0]!.stats().recent.at(-1)!.headers.auth).not.toBe('forged');
    } finally {
      await t.close();
    }
  });
});
