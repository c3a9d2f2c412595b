import https from 'node:https';
import tls from 'node:tls';
import { hashKey } from '../../../src/auth/clients';
import { loadCertificate } from '../../../src/server/self-signed-certificate';
import { ADMIN_KEY, startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { recordSecret } from '../../support/secret-audit';
import { SdkClient } from '../../support/sdk-client';

const READER_KEY = 'reader-key-5b1e77';
const OTHER_KEY = 'other-key-92c0aa';
recordSecret(READER_KEY);
recordSecret(OTHER_KEY);

/**
 * Appliance `a` (credentials) and `b` (passthrough), each on its own sdkPort. Clients:
 * admin (everything), reader (GET on `a` only), other (appliance `b` only).
 */
describe('an appliance served on its sdkPort', () => {
  let t: TestGateway;
  let origin: string;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 3400],
        [120, 8600],
      ],
      passthrough: [1],
      simulator: { taskMs: 300 },
      appliance: { sdkPort: 0 },
      config: {
        auth: {
          mode: 'keys',
          clients: [
            { id: 'admin', keySha256: hashKey(ADMIN_KEY) },
            {
              id: 'reader',
              keySha256: hashKey(READER_KEY),
              scopes: { appliances: ['a'], methods: ['GET'] },
            },
            { id: 'other', keySha256: hashKey(OTHER_KEY), scopes: { appliances: ['b'] } },
          ],
        },
        rateLimit: { perClientPerSecond: 1_000_000, burst: 1_000_000 },
      },
    });
    origin = t.gateway.sdkPorts.a!;
  });
  afterAll(() => t.close());

  it('lets an SDK log in with a client id and key, list, update with an ETag, run a task and log out', async () => {
    const sdk = await SdkClient.connect(origin);
    try {
      expect(await sdk.pickVersion()).toBe(3400);
      const login = await sdk.logIn('admin', ADMIN_KEY);
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ partnerData: {}, sessionID: expect.any(String) });

      const servers = await sdk.getAll('/rest/server-hardware');
      expect(servers).toHaveLength(24);
      const first = servers[0]!;
      const read = await sdk.call('GET', String(first.uri));
      expect(read.status).toBe(200);
      const etag = read.headers.get('etag')!;
      const updated = await sdk.call('PUT', String(first.uri), {
        body: { ...(read.body as object), uidState: 'On' },
        headers: { 'if-match': etag },
      });
      expect(updated.status).toBe(200);
      const stale = await sdk.call('PUT', String(first.uri), {
        body: { ...(read.body as object), uidState: 'Off' },
        headers: { 'if-match': etag },
      });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({
        errorCode: 'NOMATCHING_ETAG_MESSAGE',
        source: 'appliance',
      });

      const started = await sdk.call('POST', '/rest/server-profiles', {
        body: { name: 'sdk-port-profile', serverHardwareUri: first.uri },
      });
      expect(started.status).toBe(202);
      const location = started.headers.get('location')!;
      expect(location).toMatch(/^\/rest\/tasks\/[^/]+$/);
      expect(started.headers.get('x-task-uri')).toBe(`/tasks/a/${location.split('/').pop()}`);
      const task = await sdk.waitForTask(location);
      expect(task).toMatchObject({ taskState: 'Completed', percentComplete: 100 });

      expect((await sdk.logOut()).status).toBe(204);
      const after = await sdk.call('GET', '/rest/server-hardware?count=1');
      expect(after.status).toBe(401);
      expect(after.body).toMatchObject({ errorCode: 'UNAUTHENTICATED', httpStatus: 401 });
    } finally {
      await sdk.close();
    }
  });

  it('answers /rest/version without any credential, and renews a live session by PUT', async () => {
    const sdk = await SdkClient.connect(origin);
    try {
      await sdk.pickVersion();
      await sdk.logIn('admin', ADMIN_KEY);
      const reuse = await sdk.call('PUT', '/rest/login-sessions', { rawBody: 'null' });
      expect(reuse).toMatchObject({ status: 200, body: { sessionID: sdk.session } });
    } finally {
      await sdk.close();
    }
  });

  it.each([
    ['a wrong key', { userName: 'admin', password: 'not-the-key' }, 401, 'UNAUTHENTICATED'],
    ["another client's key", { userName: 'reader', password: ADMIN_KEY }, 401, 'UNAUTHENTICATED'],
    ['no password', { userName: 'admin' }, 400, 'BAD_REQUEST'],
    [
      'a client scoped to another appliance',
      { userName: 'other', password: OTHER_KEY },
      403,
      'FORBIDDEN',
    ],
  ])('refuses a login with %s in the envelope', async (_, body, status, errorCode) => {
    const sdk = await SdkClient.connect(origin);
    try {
      await sdk.pickVersion();
      const answer = await sdk.call('POST', '/rest/login-sessions', { body });
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ errorCode, httpStatus: status, source: 'gateway' });
      expect(JSON.stringify(answer.body)).not.toContain(ADMIN_KEY);
    } finally {
      await sdk.close();
    }
  });

  it.each([
    ['not JSON', '{"userName": "admin", ', 400, 'BAD_REQUEST'],
    ['null', 'null', 400, 'BAD_REQUEST'],
    [
      '10 MB',
      JSON.stringify({ userName: 'admin', password: 'x'.repeat(10 * 1024 * 1024) }),
      413,
      'REQUEST_TOO_LARGE',
    ],
  ])(
    'answers a login body that is %s with a clean envelope',
    async (_, rawBody, status, errorCode) => {
      const sdk = await SdkClient.connect(origin);
      try {
        await sdk.pickVersion();
        const answer = await sdk.call('POST', '/rest/login-sessions', { rawBody });
        expect(answer.status).toBe(status);
        expect(answer.body).toMatchObject({ errorCode, source: 'gateway' });
      } finally {
        await sdk.close();
      }
    },
  );

  it.each([
    ['no session', undefined],
    ['an unknown session', 'not-a-session'],
    ['a malformed session', 'x'.repeat(600)],
  ])('answers a request with %s 401 UNAUTHENTICATED', async (_, auth) => {
    const sdk = await SdkClient.connect(origin);
    try {
      await sdk.pickVersion();
      const answer = await sdk.call('GET', '/rest/enclosures', {
        headers: auth === undefined ? {} : { auth },
      });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ errorCode: 'UNAUTHENTICATED', applianceId: 'a' });
    } finally {
      await sdk.close();
    }
  });

  it("keeps a GET-only client's session to reads", async () => {
    const sdk = await SdkClient.connect(origin);
    try {
      await sdk.pickVersion();
      expect((await sdk.logIn('reader', READER_KEY)).status).toBe(200);
      expect((await sdk.call('GET', '/rest/enclosures')).status).toBe(200);
      const write = await sdk.call('POST', '/rest/ethernet-networks', {
        body: { name: 'n', vlanId: 9 },
      });
      expect(write.status).toBe(403);
      expect(write.body).toMatchObject({ errorCode: 'FORBIDDEN' });
    } finally {
      await sdk.close();
    }
  });

  it('does not take a session made for one appliance on the port of another', async () => {
    const onA = await SdkClient.connect(origin);
    try {
      await onA.pickVersion();
      await onA.logIn('admin', ADMIN_KEY);
      const onB = await SdkClient.connect(t.gateway.sdkPorts.b!);
      try {
        await onB.pickVersion();
        const answer = await onB.call('GET', '/rest/enclosures', {
          headers: { auth: onA.session! },
        });
        // b is passthrough: the gateway session means nothing to the appliance itself.
        expect(answer.status).toBe(401);
      } finally {
        await onB.close();
      }
    } finally {
      await onA.close();
    }
  });

  it('forwards the login itself to a passthrough appliance', async () => {
    const sdk = await SdkClient.connect(t.gateway.sdkPorts.b!);
    try {
      await sdk.pickVersion();
      const logins = t.simulators[1]!.stats().logins;
      const login = await sdk.logIn('Administrator', 'sim-password-7f3a');
      expect(login.status).toBe(200);
      expect(t.simulators[1]!.stats().logins).toBe(logins + 1);
      expect((await sdk.call('GET', '/rest/enclosures')).status).toBe(200);
    } finally {
      await sdk.close();
    }
  });

  // Raw requests: fetch would resolve the dot segments before sending.
  it.each([
    ['/', 404, 'NOT_FOUND'],
    ['/_sim/stats', 404, 'NOT_FOUND'],
    ['/rest/%2e%2e/_sim/stats', 400, 'BAD_REQUEST'],
    ['/rest/../_sim/stats', 400, 'BAD_REQUEST'],
    ['/rest/x%2f..%2f..%2f_sim/stats', 400, 'BAD_REQUEST'],
    ['https://elsewhere.invalid/rest/../_sim/stats', 400, 'BAD_REQUEST'],
  ])('refuses %s with %s, in the envelope', async (target, status, errorCode) => {
    const { cert } = await loadCertificate();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = https.request(
        origin,
        { path: target, ca: cert, method: 'GET' },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ errorCode, source: 'gateway' });
    expect(t.simulators[0]!.stats().requests.byRoute['GET /_sim/stats']).toBeUndefined();
  });

  it.each([
    ['TLSv1.2', true],
    ['TLSv1.3', true],
    ['TLSv1.1', false],
  ] as const)('speaks %s: %s', async (version, accepted) => {
    const { cert } = await loadCertificate();
    const port = Number(new URL(origin).port);
    const outcome = await new Promise<string>((resolve) => {
      const socket = tls.connect(
        {
          host: '127.0.0.1',
          port,
          ca: cert,
          minVersion: version,
          maxVersion: version,
          servername: 'localhost',
        },
        () => {
          resolve(socket.getProtocol() ?? 'none');
          socket.end();
        },
      );
      socket.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe(accepted ? version : 'refused');
  });
});
