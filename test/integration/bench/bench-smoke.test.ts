import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RUN = path.join(ROOT, 'bench', 'run.js');

interface Spread {
  median: number;
  min: number;
  max: number;
}

interface BenchRow {
  name: string;
  rps: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  ratioToBare: number | null;
  ratioToNginx: number | null;
  addedP50Ms: number | null;
  addedP99Ms: number | null;
  paced: { rate: number; addedP50Ms: number | null; addedP99Ms: number | null };
  storeCommandsPerRequest: number | null;
  applianceRequestsPerClientRequest: number;
  rssMb: number | null;
  errors: number;
}

/** Runs `node bench/run.js ARGS`; resolves with its exit code and output. */
function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN, ...args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run bench', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ovgw-bench-smoke-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures every contender and writes every column of the table', async () => {
    // The harness drives the compiled gateway, as `npm ci` builds it.
    expect(existsSync(path.join(ROOT, 'dist', 'cli.js'))).toBe(true);
    const out = path.join(dir, 'quick.json');

    // autocannon and no nginx: the smoke test must not depend on `npm run bench:setup`.
    const { code, output } = await runBench([
      '--quick',
      '--tool',
      'autocannon',
      '--no-nginx',
      '--no-workers',
      '--silent',
      '--out',
      out,
    ]);

    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const result = JSON.parse(readFileSync(out, 'utf8')) as { rows: BenchRow[] };
    expect(result.rows.map((row) => row.name)).toEqual(['direct', 'bare', 'gateway']);
    for (const row of result.rows) {
      expect(row.rps.median).toBeGreaterThan(0);
      expect(typeof row.p50Ms.median).toBe('number');
      expect(typeof row.p99Ms.median).toBe('number');
      expect(row).toHaveProperty('rssMb');
      expect(row).toHaveProperty('ratioToNginx');
      expect(row.errors).toBe(0);
    }

    const gateway = result.rows.find((row) => row.name === 'gateway')!;
    expect(gateway.applianceRequestsPerClientRequest).toBe(1);
    expect(typeof gateway.ratioToBare).toBe('number');
    expect(typeof gateway.addedP50Ms).toBe('number');
    expect(typeof gateway.addedP99Ms).toBe('number');
    expect(typeof gateway.paced.addedP50Ms).toBe('number');
    expect(typeof gateway.paced.addedP99Ms).toBe('number');
    expect(gateway).toHaveProperty('storeCommandsPerRequest');
  }, 60_000);
});
