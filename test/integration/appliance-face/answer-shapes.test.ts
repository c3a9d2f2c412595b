import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { sampleOf, scrape } from '../../support/metrics-scrape';
import { startScriptedAppliance } from '../../support/scripted-appliance';

describe('answers that are not plain successes', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ versions: [[120, 8600]], features: [] });
  });
  afterAll(() => t.close());

  it("keeps the appliance's own headers on an error, and drops those of its body", async () => {
    const response = await t.fetch('/appliances/a/rest/server-hardware/not-there');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-language')).toBe('en-US');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toMatchObject({ source: 'appliance', httpStatus: 404 });
  });

  // The simulator, as an appliance behind Apache would, refuses HEAD with a 405 and no body.
  it('passes the status of a HEAD error through, without calling it a bad response', async () => {
    const before = await scrape(t.url);
    const response = await t.fetch('/appliances/a/rest/server-hardware/not-there', {
      method: 'HEAD',
    });
    const after = await scrape(t.url);

    expect(response.status).toBe(405);
    expect(response.headers.get('x-appliance-id')).toBe('a');
    const bad = { code: 'APPLIANCE_BAD_RESPONSE', source: 'appliance' };
    expect(sampleOf(after, 'ovgw_errors_total', bad)).toBe(
      sampleOf(before, 'ovgw_errors_total', bad),
    );
  });
});

describe('a 202 whose body the appliance cuts', () => {
  it('reaches the client cut, never as a complete answer', async () => {
    const body = '{"uri":"/rest/tasks/abc","taskState":"Running","name":"x"}';
    const appliance = await startScriptedAppliance({
      handle: (req, res) => {
        res.writeHead(202, {
          'content-type': 'application/json',
          'content-length': String(body.length),
          location: '/rest/tasks/abc',
        });
        res.write(body.slice(0, 20), () => req.socket.destroy());
      },
    });
    const t = await startTestGateway({
      simulators: [appliance.asSimulator()],
      passthrough: [0],
      features: [],
    });
    try {
      const response = await t.fetch('/appliances/a/rest/server-profiles', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });

      expect(response.status).toBe(202);
      expect(response.headers.get('location')).toBe('/appliances/a/rest/tasks/abc');
      expect(response.headers.get('x-task-uri')).toBe('/tasks/a/abc');
      await expect(response.text()).rejects.toThrow();
    } finally {
      await t.close();
      await appliance.close();
    }
  });
});
