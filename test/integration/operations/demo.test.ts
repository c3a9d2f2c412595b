import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Agent } from 'undici';
import { childEnv } from '../../support/gateway-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** One `curl` line the demo prints, read back as the request it makes. */
interface CurlLine {
  url: string;
  headers: Record<string, string>;
}

interface Member {
  applianceId: string;
  applianceUri: string;
  type: string;
}

describe('npm run demo', () => {
  let child: ChildProcess;
  let printed = '';

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    child = spawn(process.execPath, [CLI, 'demo', '--port', '0'], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    printed = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('Ctrl-C stops everything.')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
    });
  });

  afterAll(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('prints curl lines that work when pasted', async () => {
    const lines = curlLines(printed);
    expect(lines).toHaveLength(4);

    const [fleet, one, registry] = await Promise.all(
      lines.slice(0, 3).map((line) => fetch(line.url, { headers: line.headers })),
    );

    expect([fleet!.status, one!.status, registry!.status]).toEqual([200, 200, 200]);
    const fleetBody = (await fleet!.json()) as { members: Member[] };
    expect(fleetBody.members).toHaveLength(5);
    expect(new Set(fleetBody.members.map((m) => m.applianceId)).size).toBeGreaterThan(1);
    for (const member of fleetBody.members) {
      expect(member.applianceUri).toBe(`/appliances/${member.applianceId}`);
    }
    expect(one!.headers.get('x-appliance-id')).toBe('lab-legacy');
    expect(one!.headers.get('x-api-version')).toBe('800');
    const oneBody = (await one!.json()) as { members: Member[] };
    expect(oneBody.members[0]!.type).toBe('server-hardware-8');
    const appliances = (await registry!.json()) as {
      members: Array<{ id: string; apiVersion: { negotiated: number | null } }>;
    };
    expect(appliances.members.map((a) => [a.id, a.apiVersion.negotiated])).toEqual([
      ['lab-legacy', 800],
      ['dc2-c7000', 3400],
      ['dc1-synergy', 8600],
    ]);
  });

  it('serves dc1-synergy as a plain OneView origin, as its curl -k line shows', async () => {
    const sdk = curlLines(printed)[3]!;
    const insecure = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      // @ts-expect-error undici's dispatcher option, which Node's fetch takes
      const response = await fetch(sdk.url, { dispatcher: insecure });
      expect(sdk.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/rest\/version$/);
      expect(await response.json()).toEqual({ currentVersion: 8600, minimumVersion: 120 });
    } finally {
      await insecure.close();
    }
  });

  it('stops cleanly on SIGINT', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');

    expect(await exited).toBe(0);
  });
});

/** Reads `curl -s [-i] -H 'Name: value' 'URL'` lines back into requests. */
function curlLines(text: string): CurlLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('curl '))
    .map((line) => {
      const headers: Record<string, string> = {};
      for (const [, name, value] of line.matchAll(/-H '([^:]+): ([^']*)'/g)) {
        headers[name!] = value!;
      }
      const url = /'?(https?:\/\/[^\s']+)'?\s*$/.exec(line)?.[1];
      if (!url) throw new Error(`no URL in ${line}`);
      return { url, headers };
    });
}
