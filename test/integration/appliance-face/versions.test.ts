import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulators } from '../../../src/simulator';
import type { SimulatorHandle } from '../../../src/simulator';
import { startTestGateway, SIM_PASSWORD } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { recordCommands } from '../../support/redis-monitor';
import { uniqueKeyPrefix } from '../../support/test-redis';

describe('version negotiation', () => {
  it('makes one GET /rest/version and one login for 100 concurrent cold requests', async () => {
    const t = await startTestGateway({ versions: [[120, 3400]] });
    try {
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => t.fetch('/appliances/a/rest/server-hardware?count=1')),
      );

      expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
      const stats = t.simulators[0]!.stats();
      expect(stats.versionRequests).toBe(1);
      expect(stats.logins).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('answers a warm request with no store command and exactly one appliance request', async () => {
    const keyPrefix = uniqueKeyPrefix('warm');
    // Without the task watcher, whose background rounds use the store on their own.
    const t = await startTestGateway({ versions: [[120, 8600]], keyPrefix, features: [] });
    try {
      await t.fetch('/appliances/a/rest/enclosures');
      const before = t.simulators[0]!.stats().requests.total;
      const recorder = await recordCommands(keyPrefix);

      for (let i = 0; i < 20; i++) {
        expect((await t.fetch('/appliances/a/rest/enclosures')).status).toBe(200);
      }
      await recorder.stop();

      expect(recorder.commands).toEqual([]);
      expect(t.simulators[0]!.stats().requests.total - before).toBe(20);
    } finally {
      await t.close();
    }
  });

  it('lets a second gateway on the same store use the version the first negotiated', async () => {
    const keyPrefix = uniqueKeyPrefix('shared');
    const first = await startTestGateway({ versions: [[120, 2400]], keyPrefix });
    const second = await startTestGateway({ simulators: first.simulators, keyPrefix });
    try {
      expect((await first.fetch('/appliances/a/rest/enclosures')).status).toBe(200);
      const response = await second.fetch('/appliances/a/rest/enclosures');

      expect(response.status).toBe(200);
      expect(response.headers.get('x-api-version')).toBe('2400');
      expect(first.simulators[0]!.stats().versionRequests).toBe(1);
    } finally {
      await second.close();
      await first.close();
    }
  });

  describe('a client that pins its own version (the whole kind of C1)', () => {
    let t: TestGateway;

    beforeAll(async () => {
      t = await startTestGateway({
        versions: [
          [120, 3400],
          [120, 3800],
        ],
      });
      await t.fetch('/appliances/a/rest/version');
    });
    afterAll(() => t.close());

    it.each(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'])(
      'refuses %s with X-API-Version above the range with 412, without calling the appliance',
      async (method) => {
        await t.fetch('/appliances/a/rest/ethernet-networks');
        const before = t.simulators[0]!.stats().requests.total;

        const response = await t.fetch('/appliances/a/rest/ethernet-networks', {
          method,
          headers: { 'x-api-version': '3800', 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        const body = (await response.json()) as Record<string, unknown>;

        expect(response.status).toBe(412);
        expect(body).toMatchObject({
          errorCode: 'API_VERSION_UNSUPPORTED',
          source: 'gateway',
          applianceId: 'a',
          data: { requested: 3800, minimumVersion: 120, currentVersion: 3400 },
        });
        expect(t.simulators[0]!.stats().requests.total).toBe(before);
      },
    );

    it('refuses a version below the minimum the same way', async () => {
      const response = await t.fetch('/appliances/a/rest/ethernet-networks', {
        headers: { 'x-api-version': '100' },
      });
      expect(response.status).toBe(412);
      expect(await response.json()).toMatchObject({
        data: { requested: 100, minimumVersion: 120, currentVersion: 3400 },
      });
    });

    it('sends the same header to an appliance whose range holds it', async () => {
      const response = await t.fetch('/appliances/b/rest/ethernet-networks', {
        headers: { 'x-api-version': '3800' },
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('x-api-version')).toBe('3800');
      expect(t.simulators[1]!.stats().recent.at(-1)!.headers['x-api-version']).toBe('3800');
    });

    it('refuses an X-API-Version that is not a number with 400 BAD_REQUEST', async () => {
      const response = await t.fetch('/appliances/b/rest/ethernet-networks', {
        headers: { 'x-api-version': 'latest' },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errorCode: 'BAD_REQUEST' });
    });
  });

  it.each(['GET', 'POST'])(
    'renegotiates once and replays a %s once when a restored appliance refuses the cached version',
    async (method) => {
      const t = await startTestGateway({ versions: [[120, 3400]] });
      try {
        await t.fetch('/appliances/a/rest/ethernet-networks');
        t.simulators[0]!.faults({ setVersion: { minimumVersion: 120, currentVersion: 3000 } });
        const before = t.simulators[0]!.stats();

        const response = await t.fetch('/appliances/a/rest/ethernet-networks', {
          method,
          headers: { 'content-type': 'application/json' },
          ...(method === 'POST'
            ? {
                body: JSON.stringify({
                  name: 'net-replayed',
                  vlanId: 42,
                  type: 'ethernet-networkV4',
                }),
              }
            : {}),
        });

        expect(response.status).toBeLessThan(300);
        expect(response.headers.get('x-api-version')).toBe('3000');
        const after = t.simulators[0]!.stats();
        expect(after.versionRequests - before.versionRequests).toBe(1);
        const route = `${method} /rest/ethernet-networks`;
        expect((after.requests.byRoute[route] ?? 0) - (before.requests.byRoute[route] ?? 0)).toBe(
          2,
        );
        const status = await t.fetch('/appliances/a');
        expect(await status.json()).toMatchObject({
          apiVersion: { currentVersion: 3000, negotiated: 3000 },
        });
      } finally {
        await t.close();
      }
    },
  );

  it('tells every replica to forget a refused version', async () => {
    const keyPrefix = uniqueKeyPrefix('forget');
    const first = await startTestGateway({ versions: [[120, 3400]], keyPrefix });
    const second = await startTestGateway({ simulators: first.simulators, keyPrefix });
    try {
      await first.fetch('/appliances/a/rest/enclosures');
      await second.fetch('/appliances/a/rest/enclosures');
      first.simulators[0]!.faults({ setVersion: { minimumVersion: 120, currentVersion: 3000 } });

      expect((await first.fetch('/appliances/a/rest/enclosures')).status).toBe(200);
      await waitUntil(async () => {
        const view = (await (await second.fetch('/appliances/a')).json()) as {
          apiVersion: { negotiated: number | null };
        };
        return view.apiVersion.negotiated !== 3400;
      });
      const response = await second.fetch('/appliances/a/rest/enclosures');

      expect(response.status).toBe(200);
      expect(response.headers.get('x-api-version')).toBe('3000');
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('calls an appliance incompatible when the gateway maximum is below its minimum', async () => {
    const t = await startTestGateway({
      versions: [[1200, 3400]],
      config: { apiVersion: { max: 800 } },
    });
    try {
      const response = await t.fetch('/appliances/a/rest/enclosures');

      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        errorCode: 'APPLIANCE_INCOMPATIBLE',
        data: { appliance: { minimumVersion: 1200, currentVersion: 3400 } },
      });
      expect(await (await t.fetch('/appliances/a')).json()).toMatchObject({
        state: 'incompatible',
      });
    } finally {
      await t.close();
    }
  });

  it('calls a OneView Global Dashboard (2..300) incompatible, naming both ranges', async () => {
    const t = await startTestGateway({ versions: [[2, 300]] });
    try {
      const response = await t.fetch('/appliances/a/rest/enclosures');

      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        errorCode: 'APPLIANCE_INCOMPATIBLE',
        message: expect.stringContaining('OneView Global Dashboard'),
        data: {
          appliance: { minimumVersion: 2, currentVersion: 300 },
          gateway: { maximumVersion: 8600 },
        },
      });
    } finally {
      await t.close();
    }
  });

  it.each([
    ['an HTML page', 'text/html', '<html><body>Welcome</body></html>'],
    ['version strings', 'application/json', '{"currentVersion":"300","minimumVersion":"2"}'],
    ['another product', 'application/json', '{"apiVersion":2}'],
  ])('calls an appliance incompatible when /rest/version answers %s', async (_what, type, body) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fake = { url } as SimulatorHandle;
    const t = await startTestGateway({ simulators: [fake], passthrough: [0] });
    try {
      const response = await t.fetch('/appliances/a/rest/enclosures');

      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ errorCode: 'APPLIANCE_INCOMPATIBLE' });
    } finally {
      await t.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps serving from process memory when the store is unreachable', async () => {
    const [simulator] = await startSimulators(1, { port: 0, password: SIM_PASSWORD });
    const t = await startTestGateway({
      simulators: [simulator!],
      config: { store: { redisUrl: 'redis://127.0.0.1:1', commandTimeoutMs: 100 } },
    });
    try {
      const started = Date.now();
      for (let i = 0; i < 5; i++) {
        expect((await t.fetch('/appliances/a/rest/enclosures')).status).toBe(200);
      }
      expect(Date.now() - started).toBeLessThan(3000);
      expect(simulator!.stats().versionRequests).toBe(1);
    } finally {
      await t.close();
      await simulator!.close();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
