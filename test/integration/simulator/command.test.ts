/* eslint-disable @typescript-eslint/no-unsafe-member-access
   -- these tests read OneView bodies as untyped JSON, field by field, as a client would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { rawRequest, waitFor } from '../../support/simulator-client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Answer {
  status: number;
  headers: Headers;
  // OneView bodies are read field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** One plain HTTP call, as curl would make it: only the headers given. */
async function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const headers = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

describe('ovgw simulate', () => {
  let child: ChildProcess;
  let lines: Array<{ id: string; url: string }> = [];

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    child = spawn(
      process.execPath,
      [CLI, 'simulate', '--count', '3', '--port', '0', '--versions', '120:800,120:2400,120:8600'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const printed = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.split('\n').length > 3) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`simulate exited with ${code}: ${out}`)));
    });
    lines = printed
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; url: string });
  });

  afterAll(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  });

  it('prints one JSON line per appliance, each answering with its own version range', async () => {
    const versions = await Promise.all(
      lines.map(async (line) => (await call(`${line.url}/rest/version`)).json as unknown),
    );

    expect(lines).toEqual([
      { id: 'sim-1', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
      { id: 'sim-2', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
      { id: 'sim-3', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
    ]);
    expect(versions).toEqual([
      { currentVersion: 800, minimumVersion: 120 },
      { currentVersion: 2400, minimumVersion: 120 },
      { currentVersion: 8600, minimumVersion: 120 },
    ]);
  });

  it('serves a whole client session: login, list, get, stale PUT, async create, poll, logout', async () => {
    const url = lines[1]!.url;
    const login = await call(`${url}/rest/login-sessions`, {
      method: 'POST',
      headers: { 'X-API-Version': '2400' },
      body: { userName: 'Administrator', password: 'admin123', loginMsgAck: true },
    });
    const headers = { 'X-API-Version': '2400', Auth: login.json.sessionID as string };

    const list = await call(`${url}/rest/server-hardware?start=0&count=2`, { headers });
    const server = await call(`${url}${list.json.members[0].uri}`, { headers });
    const eTag = server.json.eTag as string;
    const update = { method: 'PUT', headers: { ...headers, 'If-Match': eTag }, body: {} };
    const fresh = await call(`${url}${server.json.uri}`, update);
    const stale = await call(`${url}${server.json.uri}`, update);
    const created = await call(`${url}/rest/server-profiles`, {
      method: 'POST',
      headers,
      body: { name: 'curl-01', serverHardwareUri: server.json.uri },
    });
    const location = created.headers.get('location')!;
    const done = await waitFor(async () => {
      const task = await call(`${url}${location}`, { headers });
      return task.json.taskState === 'Completed' ? task : undefined;
    }, 10_000);
    const profile = await call(`${url}${done.json.associatedResource.resourceUri}`, { headers });
    const logout = await call(`${url}/rest/login-sessions`, { method: 'DELETE', headers });
    const after = await call(`${url}/rest/server-hardware`, { headers });

    expect(login.status).toBe(200);
    expect(list.json).toMatchObject({
      type: 'server-hardware-list-12',
      count: 2,
      total: 24,
      nextPageUri: '/rest/server-hardware?start=2&count=2',
    });
    expect([server.json.type, server.headers.get('etag')]).toEqual(['server-hardware-12', eTag]);
    expect([fresh.status, stale.status, stale.json.errorCode]).toEqual([
      200,
      412,
      'NOMATCHING_ETAG_MESSAGE',
    ]);
    expect([created.status, location]).toEqual([202, created.json.uri]);
    expect(created.json).toMatchObject({ type: 'TaskResourceV3', name: 'Create' });
    expect(done.json).toMatchObject({ percentComplete: 100, taskErrors: [] });
    expect(profile.json).toMatchObject({ type: 'ServerProfileV12', name: 'curl-01' });
    expect([logout.status, after.status, after.json.errorCode]).toEqual([
      204,
      401,
      'AUTHORIZATION',
    ]);
  });

  it('stops every appliance and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect((await rawRequest(`${lines[0]!.url}/rest/version`)).error).toBe('ECONNREFUSED');
  });
});
