import { startTestGateway } from '../../support/gateway-harness';
import { startScriptedAppliance } from '../../support/scripted-appliance';

// The deadline is timeouts.requestMs; a margin covers scheduling on a loaded machine, not
// the phases themselves (each alone would take longer than the deadline).
const MARGIN_MS = 400;

describe('one deadline per client request', () => {
  it('covers negotiating the version and logging in, not only the call itself', async () => {
    const slow = await startScriptedAppliance({
      versionDelayMs: 700,
      handle: (req, res) => {
        const delay = req.url === '/rest/login-sessions' ? 700 : 0;
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"sessionID":"s1"}');
        }, delay);
      },
    });
    const t = await startTestGateway({
      simulators: [slow.asSimulator()],
      appliance: { timeouts: { connectMs: 500, requestMs: 1000 } },
      features: [],
    });
    try {
      const started = Date.now();
      const response = await t.fetch('/appliances/a/rest/enclosures');

      expect(response.status).toBe(504);
      expect(await response.json()).toMatchObject({
        errorCode: 'APPLIANCE_TIMEOUT',
        applianceId: 'a',
        source: 'gateway',
      });
      expect(Date.now() - started).toBeLessThan(1000 + MARGIN_MS);
    } finally {
      await t.close();
      await slow.close();
    }
  });

  it('covers the wait for a free slot behind a long answer', async () => {
    const appliance = await startScriptedAppliance({
      handle: (req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        if (req.url !== '/rest/slow') {
          res.end('ok');
          return;
        }
        let sent = 0;
        const timer = setInterval(() => {
          res.write('x');
          sent += 1;
          if (sent === 30) {
            clearInterval(timer);
            res.end();
          }
        }, 100);
      },
    });
    const t = await startTestGateway({
      simulators: [appliance.asSimulator()],
      passthrough: [0],
      appliance: { maxConcurrent: 1, maxQueued: 5, timeouts: { connectMs: 500, requestMs: 500 } },
      features: [],
    });
    try {
      expect((await t.fetch('/appliances/a/rest/fast')).status).toBe(200);
      // Its headers are in; its body keeps the only slot for three seconds.
      const slow = await t.fetch('/appliances/a/rest/slow');

      const started = Date.now();
      const queued = await t.fetch('/appliances/a/rest/fast');

      expect(queued.status).toBe(504);
      expect(await queued.json()).toMatchObject({ errorCode: 'APPLIANCE_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(500 + MARGIN_MS);
      expect((await slow.arrayBuffer()).byteLength).toBe(30);
      // The slot given up in the queue was freed: the next request is served.
      expect((await t.fetch('/appliances/a/rest/fast')).status).toBe(200);
    } finally {
      await t.close();
      await appliance.close();
    }
  });
});
