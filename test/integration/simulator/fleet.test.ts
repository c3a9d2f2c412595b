/* eslint-disable @typescript-eslint/no-unsafe-return
   -- these tests read OneView bodies as untyped JSON, field by field, as a client would. */
import { PassThrough } from 'node:stream';
import {
  parseVersions,
  runSimulatorCommand,
  startSimulators,
  type SimulatorHandle,
} from '../../../src/simulator';
import { callSim, rawRequest, waitFor } from '../../support/simulator-client';

describe('parseVersions', () => {
  it('reads comma-separated minimum:current pairs', () => {
    expect(parseVersions('120:800, 120:2400,1:3')).toEqual([
      [120, 800],
      [120, 2400],
      [1, 3],
    ]);
  });

  it.each([
    ['', 'must not be empty'],
    ['120-800', 'Invalid version pair "120-800"'],
    ['800:120', 'need 1 <= minimum <= current'],
    ['0:3', 'need 1 <= minimum <= current'],
    ['120:800,', 'Invalid version pair ""'],
  ])('throws a clear error for %j', (spec, message) => {
    expect(() => parseVersions(spec)).toThrow(message);
  });
});

describe('startSimulators', () => {
  let fleet: SimulatorHandle[] = [];

  afterEach(async () => {
    await Promise.all(fleet.map((sim) => sim.close()));
    fleet = [];
  });

  it('starts sim-1..sim-N with the version ranges cycled', async () => {
    fleet = await startSimulators(3, {
      port: 0,
      versions: [
        [120, 800],
        [120, 2400],
      ],
    });

    const versions = await Promise.all(
      fleet.map(async (sim) => (await callSim(sim, '/rest/version', { version: null })).json),
    );

    expect(fleet.map((sim) => sim.id)).toEqual(['sim-1', 'sim-2', 'sim-3']);
    expect(new Set(fleet.map((sim) => sim.port)).size).toBe(3);
    expect(versions).toEqual([
      { currentVersion: 800, minimumVersion: 120 },
      { currentVersion: 2400, minimumVersion: 120 },
      { currentVersion: 800, minimumVersion: 120 },
    ]);
  });

  it('uses consecutive ports from a given port', async () => {
    // Another process may take base + 1 between the probe and the start: probe again then.
    let base = 0;
    for (let attempt = 1; fleet.length === 0; attempt += 1) {
      const probe = await startSimulators(1, { port: 0 });
      base = probe[0]!.port;
      await probe[0]!.close();
      try {
        fleet = await startSimulators(2, { port: base });
      } catch (error) {
        if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      }
    }

    expect(fleet.map((sim) => sim.port)).toEqual([base, base + 1]);
  });
});

describe('runSimulatorCommand', () => {
  it('prints one JSON line per appliance and closes them all on SIGTERM', async () => {
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));

    const handles = await runSimulatorCommand(
      { count: 2, port: 0, versions: '120:800,120:8600', servers: 4 },
      output,
    );
    const lines = printed
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    process.emit('SIGTERM');
    const refused = await waitFor(async () => {
      const outcome = await rawRequest(`${handles[0]!.url}/rest/version`);
      return outcome.error === 'ECONNREFUSED' ? outcome : undefined;
    });

    expect(lines).toEqual(handles.map((handle) => ({ id: handle.id, url: handle.url })));
    expect(lines).toEqual([
      { id: 'sim-1', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
      { id: 'sim-2', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
    ]);
    expect(refused.error).toBe('ECONNREFUSED');
    await Promise.all(handles.map((handle) => handle.close()));
  });
});
