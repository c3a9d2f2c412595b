import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Dockerfile instructions, continuation lines joined, comments and blank lines dropped. */
function parseDockerfile(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.args.split(/\s+/);
      stages.push({
        from: from!,
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((item) => item.keyword === keyword).map((item) => item.args);
}

/** The JSON array after `CMD` in a HEALTHCHECK, which the test runs as Docker would. */
function healthcheckCommand(stage: Stage): string[] {
  const args = argsOf(stage, 'HEALTHCHECK')[0] ?? '';
  const json = args.slice(args.indexOf('CMD') + 'CMD'.length).trim();
  return JSON.parse(json) as string[];
}

/** Runs the healthcheck and resolves with its exit code. */
function runHealthcheck(command: string[], env: Record<string, string>): Promise<number> {
  const [file, ...args] = command;
  return new Promise((resolve) => {
    execFile(file!, args, { env: { PATH: process.env.PATH, ...env }, timeout: 10_000 }, (error) => {
      resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : -1);
    });
  });
}

/** A server that answers GET /healthz with `status`, closed exactly once by `close()`. */
async function startHealthServer(
  status: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? status : 404, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close: () => (closed ??= new Promise((resolve) => server.close(() => resolve()))),
  };
}

/** A .dockerignore pattern (`*`, `**`, `?`, a trailing `/`) as a regular expression. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => {
      // `**/` also matches no folder at all: `**/*.json` takes package.json too.
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}(/.*)?$`);
}

const instructions = parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
const stages = stagesOf(instructions);
const runtime = stages.at(-1)!;

describe('the Dockerfile', () => {
  it('builds in one stage and runs from another, both on a slim Node 20 image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:20(\.[\d.]+)?-(bookworm-)?slim$/);
  });

  it('puts the sources in place before npm ci, whose prepare script compiles them', () => {
    const build = stages[0]!;
    const steps = build.instructions.map((item) => `${item.keyword} ${item.args}`);
    const install = steps.findIndex((step) => /^RUN npm ci\b/.test(step));
    const sources = steps.findIndex((step) => /^COPY src\b/.test(step));
    const tsconfig = steps.findIndex((step) => /^COPY .*tsconfig\.build\.json/.test(step));

    expect(install).toBeGreaterThan(-1);
    expect(sources).toBeGreaterThan(-1);
    expect(sources).toBeLessThan(install);
    expect(tsconfig).toBeGreaterThan(-1);
    expect(tsconfig).toBeLessThan(install);
  });

  it('installs only production dependencies in the runtime stage, without install scripts', () => {
    const installs = argsOf(runtime, 'RUN').filter((command) => /\bnpm ci\b/.test(command));

    expect(installs).toHaveLength(1);
    expect(installs[0]).toContain('--omit=dev');
    expect(installs[0]).toContain('--ignore-scripts');
  });

  it('copies the compiled code from the build stage and the default configuration', () => {
    const copies = argsOf(runtime, 'COPY');
    const buildName = stages[0]!.name;

    expect(copies).toContainEqual(
      expect.stringMatching(new RegExp(`^--from=${buildName} \\S+/dist`)),
    );
    expect(copies).toContainEqual(expect.stringMatching(/^config\b/));
    expect(existsSync(path.join(ROOT, 'config', 'default.yaml'))).toBe(true);
  });

  it('runs as a user other than root', () => {
    const users = argsOf(runtime, 'USER');

    expect(users.length).toBeGreaterThan(0);
    const [user, group] = users.at(-1)!.split(':');
    expect(['root', '0']).not.toContain(user);
    expect(['root', '0']).not.toContain(group ?? 'none');
  });

  it('exposes port 8080, the default server.port', () => {
    expect(argsOf(runtime, 'EXPOSE').join(' ').split(/\s+/)).toContain('8080');
  });

  it('starts the CLI with serve as the default subcommand', () => {
    expect(JSON.parse(argsOf(runtime, 'ENTRYPOINT')[0]!)).toEqual(['node', 'dist/cli.js']);
    expect(JSON.parse(argsOf(runtime, 'CMD')[0]!)).toEqual(['serve']);
    expect(existsSync(path.join(ROOT, 'src', 'cli.ts'))).toBe(true);
  });

  it('checks health with node itself, on /healthz', () => {
    const command = healthcheckCommand(runtime);

    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain('/healthz');
  });
});

describe('the image healthcheck', () => {
  const command = healthcheckCommand(runtime);

  it('passes while /healthz answers 200 on the port OVGW_SERVER_PORT names', async () => {
    const server = await startHealthServer(200);
    try {
      await expect(
        runHealthcheck(command, { OVGW_SERVER_PORT: String(server.port) }),
      ).resolves.toBe(0);
    } finally {
      await server.close();
    }
  });

  it('fails when /healthz answers an error status', async () => {
    const server = await startHealthServer(503);
    try {
      const url = `http://127.0.0.1:${server.port}/healthz`;
      await expect(runHealthcheck(command, { HEALTHCHECK_URL: url })).resolves.toBe(1);
    } finally {
      await server.close();
    }
  });

  it('fails when nothing listens', async () => {
    const server = await startHealthServer(200);
    await server.close();

    await expect(runHealthcheck(command, { OVGW_SERVER_PORT: String(server.port) })).resolves.toBe(
      1,
    );
  });
});

describe('the .dockerignore file', () => {
  const patterns = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('reads its patterns as Docker does', () => {
    expect(globToRegExp('*.log').test('npm-debug.log')).toBe(true);
    expect(globToRegExp('config/local.yaml').test('config/default.yaml')).toBe(false);
    expect(globToRegExp('**/*.json').test('package.json')).toBe(true);
    expect(globToRegExp('**/*.json').test('src/x.json')).toBe(true);
    expect(globToRegExp('dist/').test('dist/cli.js')).toBe(true);
  });

  it('keeps dependencies, build output, git history and local configuration out of the context', () => {
    expect(patterns).toEqual(
      expect.arrayContaining(['node_modules', 'dist', '.git', 'config/local.yaml']),
    );
  });

  it.each([
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'src',
    'config',
  ])('keeps %s, which the build needs, in the context', (needed) => {
    const excluded = patterns.filter(
      (pattern) => !pattern.startsWith('!') && globToRegExp(pattern).test(needed),
    );

    expect(excluded).toEqual([]);
    expect(existsSync(path.join(ROOT, needed))).toBe(true);
  });
});
