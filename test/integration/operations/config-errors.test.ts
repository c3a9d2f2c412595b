import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { childEnv, configFolder } from '../../support/gateway-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** What a finished `ovgw` command printed and how it ended. */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string[];
}

/** Runs the built CLI to its end; stderr comes back as its lines. */
function ovgw(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...childEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout, stderr: stderr.split('\n').filter((line) => line !== '') }),
    );
  });
}

describe('ovgw on a configuration it cannot use', () => {
  const dir = configFolder('config-errors');
  const file = (name: string, text: string): string => {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
  };
  const threeMistakes = file(
    'three.yaml',
    [
      'server:',
      '  port: eighty',
      '  colour: blue',
      'appliances:',
      '  - id: dc1',
      '    url: https://10.1.2.3/rest',
      '',
    ].join('\n'),
  );
  const threeProblems = [
    'config error: server.port: received "eighty": expected number',
    'config error: server.colour: received "blue": unknown key, expected one of host, port, ' +
      'publicUrl, tls, shutdownTimeoutMs, trustProxy, workers, bodyLimitBytes, ' +
      'headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxHeaderBytes, watchConfig',
    'config error: appliances[0].url: received "https://10.1.2.3/rest": expected scheme, host ' +
      'and optional port only, no path',
  ];

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  });

  it('check-config prints all three mistakes of a file with their paths and exits 1', async () => {
    const run = await ovgw(['check-config', '--config', threeMistakes]);

    expect(run).toEqual({ code: 1, stdout: '', stderr: threeProblems });
  });

  it('serve refuses to start on the same file, with the same words', async () => {
    const run = await ovgw(['serve', '--config', threeMistakes]);

    expect(run).toEqual({ code: 1, stdout: '', stderr: threeProblems });
  });

  it.each([
    [
      'a missing file',
      () => path.join(dir, 'missing.yaml'),
      (config: string) => `config error: ${config}: cannot read the file: no such file (ENOENT)`,
    ],
    [
      'a directory instead of a file',
      () => {
        mkdirSync(path.join(dir, 'folder.yaml'), { recursive: true });
        return path.join(dir, 'folder.yaml');
      },
      (config: string) =>
        `config error: ${config}: cannot read the file: it is a directory (EISDIR)`,
    ],
    [
      'invalid YAML',
      () => file('broken.yaml', 'server:\n  port: 8080\n  host: [127.0.0.1\n'),
      (config: string) =>
        `config error: ${config}:4:1: invalid YAML: Flow sequence in block collection must be ` +
        'sufficiently indented and end with a ]',
    ],
    [
      'a passwordEnv naming an unset variable',
      () =>
        file(
          'unset.yaml',
          'appliances:\n  - id: dc1\n    url: https://10.1.2.3\n' +
            '    credentials: { userName: svc, passwordEnv: OV_NEVER_SET }\n',
        ),
      () =>
        'config error: appliances[0].credentials.passwordEnv: environment variable OV_NEVER_SET ' +
        'is not set',
    ],
  ])(
    'says in one line what is wrong with %s, for check-config and serve alike',
    async (_what, make, expected) => {
      const config = make();

      const runs = await Promise.all([
        ovgw(['check-config', '--config', config]),
        ovgw(['serve', '--config', config]),
      ]);

      for (const run of runs)
        expect(run).toEqual({ code: 1, stdout: '', stderr: [expected(config)] });
    },
  );

  it('refuses a password written in the file and says where it belongs', async () => {
    const config = file(
      'password.yaml',
      'appliances:\n  - id: dc1\n    url: https://10.1.2.3\n' +
        '    credentials: { userName: svc, password: hunter2, passwordEnv: OV_DC1 }\n',
    );

    const run = await ovgw(['check-config', '--config', config], { OV_DC1: 'x' });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'config error: appliances[0].credentials.password: refused: passwords never sit in a ' +
          'config file; name an environment variable with passwordEnv or a file with passwordFile',
      ],
    });
  });

  it('names the environment variable a wrong value came from', async () => {
    const empty = file('empty.yaml', '');

    const run = await ovgw(['check-config', '--config', empty], { OVGW_SERVER_PORT: 'eighty' });

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'config error: server.port: received "eighty" (from OVGW_SERVER_PORT): expected number',
      ],
    });
  });
});
