import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../../../src/config/config-error';
import { loadConfig, parseConfig } from '../../../src/config/load-config';
import type { LoadedConfig } from '../../../src/config/load-config';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface ComposeService {
  build?: string | { context: string; dockerfile?: string };
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: (string | { type: string; source: string; target: string })[];
  ports?: (string | number)[];
  depends_on?: string[] | Record<string, unknown>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

/**
 * Compose's own variable substitution, for the forms the file uses: `${NAME:-default}`,
 * `${NAME-default}`, `${NAME}` and `$$`. A variable with no default and no value is an
 * error, because `docker compose up` would then start with an empty string.
 */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g,
    (whole, name: string | undefined, operator: string | undefined, fallback: string) => {
      if (whole === '$$') return '$';
      const value = env[name!];
      if (operator === ':-' && (value === undefined || value === '')) return fallback;
      if (operator === '-' && value === undefined) return fallback;
      if (value === undefined) throw new Error(`docker-compose.yml needs ${name} to be set`);
      return value;
    },
  );
}

const composeText = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(interpolate(composeText, {}), { merge: true }) as ComposeFile;
const services = compose.services;

function commandOf(service: ComposeService): string[] {
  const { command } = service;
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/);
}

function environmentOf(service: ComposeService): Record<string, string> {
  const { environment } = service;
  if (environment === undefined) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, value == null ? '' : String(value)]),
  );
}

/** Bind mounts as host path (relative to the compose file) and container path. */
function bindMountsOf(service: ComposeService): { source: string; target: string }[] {
  return (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume !== 'string') {
      return volume.type === 'bind' ? [{ source: volume.source, target: volume.target }] : [];
    }
    const [source, target] = volume.split(':');
    // A source without a slash is a named volume, not a file of the repository.
    if (source === undefined || target === undefined || !source.includes('/')) return [];
    return [{ source, target }];
  });
}

/** The value of `--flag=value` or `--flag value` in a command line. */
function flagOf(args: string[], flag: string): string | undefined {
  const index = args.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  if (index === -1) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

function dependenciesOf(service: ComposeService): string[] {
  const dependsOn = service.depends_on;
  if (dependsOn === undefined) return [];
  return Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn);
}

const gatewayNames = Object.keys(services).filter(
  (name) => commandOf(services[name]!)[0] === 'serve',
);
const simulatorNames = Object.keys(services).filter(
  (name) => commandOf(services[name]!)[0] === 'simulate',
);

/** The config file a gateway service names with --config, read from its bind mount. */
function mountedConfigOf(name: string): { file: string; value: unknown } {
  const service = services[name]!;
  const target = flagOf(commandOf(service), '--config');
  const mount = bindMountsOf(service).find((item) => item.target === target);
  if (target === undefined || mount === undefined) {
    throw new Error(`${name}: --config ${String(target)} is not a mounted file`);
  }
  const file = path.resolve(ROOT, mount.source);
  return { file, value: parse(readFileSync(file, 'utf8')) };
}

/** Runs a config load and turns a ConfigError into a message listing its problems. */
function expectValid(load: () => LoadedConfig): LoadedConfig {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new Error(`configuration refused:\n  ${error.problems.join('\n  ')}`);
    }
    throw error;
  }
}

function loadedConfigOf(name: string): LoadedConfig {
  const { value } = mountedConfigOf(name);
  return expectValid(() => parseConfig(value, environmentOf(services[name]!)));
}

/** `host:port` pairs named by `server` lines inside nginx's upstream blocks, by upstream. */
function nginxUpstreams(text: string): Map<string, string[]> {
  const upstreams = new Map<string, string[]>();
  for (const block of text.matchAll(/upstream\s+([\w.-]+)\s*\{([^}]*)\}/g)) {
    const servers = [...block[2]!.matchAll(/^\s*server\s+([^\s;]+)/gm)].map((match) => match[1]!);
    upstreams.set(block[1]!, servers);
  }
  return upstreams;
}

function nginxConfigText(): string {
  const mount = bindMountsOf(services.nginx!).find(
    (item) => item.target === '/etc/nginx/nginx.conf',
  );
  return readFileSync(path.resolve(ROOT, mount!.source), 'utf8');
}

describe('docker-compose.yml', () => {
  it('starts without a .env file, every variable it uses having a default', () => {
    expect(() => interpolate(composeText, {})).not.toThrow();
    expect(() => interpolate('${NOT_SET}', {})).toThrow('needs NOT_SET');
  });

  it('runs two gateway replicas and three simulated appliances', () => {
    expect(gatewayNames.length).toBeGreaterThanOrEqual(2);
    expect(simulatorNames).toHaveLength(3);
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['redis', 'nginx', 'prometheus', 'grafana']),
    );
  });

  it('mounts only files and folders that exist in the repository', () => {
    const missing = Object.entries(services).flatMap(([name, service]) =>
      bindMountsOf(service)
        .filter((mount) => !existsSync(path.resolve(ROOT, mount.source)))
        .map((mount) => `${name}: ${mount.source}`),
    );

    expect(missing).toEqual([]);
  });

  it('builds the image from a context that holds the Dockerfile', () => {
    const contexts = Object.values(services).flatMap((service) => {
      if (service.build === undefined) return [];
      return typeof service.build === 'string'
        ? [{ context: service.build, dockerfile: 'Dockerfile' }]
        : [
            {
              context: service.build.context,
              dockerfile: service.build.dockerfile ?? 'Dockerfile',
            },
          ];
    });

    expect(contexts.length).toBeGreaterThan(0);
    for (const { context, dockerfile } of contexts) {
      expect(statSync(path.resolve(ROOT, context, dockerfile)).isFile()).toBe(true);
    }
  });

  it('publishes each host port once, and only valid ports', () => {
    const published = Object.values(services).flatMap((service) =>
      (service.ports ?? []).map((port) => {
        const parts = String(port).split('/')[0]!.split(':');
        return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
      }),
    );
    const hostPorts = published.map((port) => port.host);

    expect(published.length).toBeGreaterThan(0);
    for (const port of published.flatMap((item) => [item.host, item.container])) {
      expect(Number.isInteger(port) && port >= 1 && port <= 65535).toBe(true);
    }
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('names only services that exist in depends_on', () => {
    const unknown = Object.entries(services).flatMap(([name, service]) =>
      dependenciesOf(service)
        .filter((dependency) => !(dependency in services))
        .map((dependency) => `${name} -> ${dependency}`),
    );

    expect(unknown).toEqual([]);
  });
});

describe('the gateway services of docker-compose.yml', () => {
  it.each(gatewayNames)('%s mounts a configuration the gateway accepts', (name) => {
    const { config } = loadedConfigOf(name);

    expect(config.appliances).toHaveLength(3);
  });

  it.each(gatewayNames)(
    '%s starts with that file, config/default.yaml and its environment together',
    (name) => {
      // loadConfig also reads every OVGW_* variable: one that names no key stops the start.
      const { file } = mountedConfigOf(name);

      const { config } = expectValid(() =>
        loadConfig({ configFile: file, env: environmentOf(services[name]!) }),
      );

      expect(config.store.redisUrl).toBe('redis://redis:6379');
    },
  );

  it.each(gatewayNames)('%s is given every password variable its configuration names', (name) => {
    const { value } = mountedConfigOf(name);
    const environment = environmentOf(services[name]!);
    const named = (value as { appliances: { credentials?: { passwordEnv?: string } }[] }).appliances
      .map((appliance) => appliance.credentials?.passwordEnv)
      .filter((variable): variable is string => variable !== undefined);

    expect(named.length).toBeGreaterThan(0);
    for (const variable of named) expect(environment[variable]).toEqual(expect.any(String));
    for (const variable of named) expect(environment[variable]).not.toBe('');
  });

  it.each(gatewayNames)('%s listens on every interface and accepts API keys', (name) => {
    const { config } = loadedConfigOf(name);
    const environment = environmentOf(services[name]!);
    // The image healthcheck asks port 8080 unless one of these moves it.
    const checked = environment.HEALTHCHECK_URL ?? environment.OVGW_SERVER_PORT ?? '8080';

    expect(checked).toContain(String(config.server.port));
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.auth.mode).toBe('keys');
    expect(config.auth.clients.length).toBeGreaterThan(0);
  });

  it.each(gatewayNames)('%s shares the redis service of the compose file', (name) => {
    const url = new URL(environmentOf(services[name]!).REDIS_URL!);

    expect(url.hostname in services).toBe(true);
    expect(commandOf(services[url.hostname]!).join(' ')).toContain('redis-server');
    expect(url.port).toBe('6379');
  });

  it.each(gatewayNames)(
    '%s reaches each appliance on a simulator that listens on all interfaces, with its password',
    (name) => {
      const { config, passwords } = loadedConfigOf(name);

      for (const appliance of config.appliances) {
        const url = new URL(appliance.url);
        const simulator = services[url.hostname];
        expect(simulatorNames).toContain(url.hostname);
        const args = commandOf(simulator!);
        expect(flagOf(args, '--port')).toBe(url.port);
        expect(flagOf(args, '--host')).toBe('0.0.0.0');
        expect(flagOf(args, '--tls')).toBeUndefined();
        expect(flagOf(args, '--user')).toBe(appliance.credentials!.userName);
        expect(flagOf(args, '--password')).toBe(passwords.get(appliance.id)!.reveal());
      }
    },
  );

  it('gives the simulators an old, a mid and a current API version', () => {
    const currents = simulatorNames.map((name) => {
      const versions = flagOf(commandOf(services[name]!), '--versions')!;
      expect(versions).toMatch(/^\d+:\d+$/);
      return Number(versions.split(':')[1]);
    });

    expect(new Set(currents).size).toBe(3);
  });
});

describe('nginx in front of the gateway replicas', () => {
  const text = nginxConfigText();
  const upstreams = nginxUpstreams(text);

  it('balances over exactly the gateway services, on the port they listen on', () => {
    const port = loadedConfigOf(gatewayNames[0]!).config.server.port;
    const [name, servers] = [...upstreams.entries()][0]!;

    expect(upstreams.size).toBe(1);
    expect([...servers].sort()).toEqual(gatewayNames.map((gateway) => `${gateway}:${port}`).sort());
    expect(text).toContain(`proxy_pass http://${name};`);
  });

  it('keeps upstream connections alive over HTTP/1.1', () => {
    expect(text).toMatch(/upstream[^}]*\bkeepalive\s+\d+;/);
    expect(text).toMatch(/proxy_http_version\s+1\.1;/);
    expect(text).toMatch(/proxy_set_header\s+Connection\s+"";/);
  });

  it('passes task events through unbuffered', () => {
    const events = /location\s+=?\s*\/tasks\/events\s*\{([^}]*)\}/.exec(text);

    expect(events).not.toBeNull();
    expect(events![1]).toMatch(/proxy_buffering\s+off;/);
  });

  it('listens on the container port that compose publishes', () => {
    const listen = Number(/^\s*listen\s+(\d+)/m.exec(text)![1]);
    const containerPorts = (services.nginx!.ports ?? []).map((port) =>
      Number(String(port).split(':').at(-1)),
    );

    expect(containerPorts).toContain(listen);
  });
});

describe('Prometheus and Grafana of docker-compose.yml', () => {
  function mountedFile(service: string, target: string): string {
    const mount = bindMountsOf(services[service]!).find((item) => item.target === target);
    if (mount === undefined) throw new Error(`${service} mounts nothing at ${target}`);
    return path.resolve(ROOT, mount.source);
  }

  it('scrapes every gateway replica directly, on its own port', () => {
    const file = mountedFile('prometheus', '/etc/prometheus/prometheus.yml');
    const prometheus = parse(readFileSync(file, 'utf8')) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const port = loadedConfigOf(gatewayNames[0]!).config.server.port;
    const targets = prometheus.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((group) => group.targets),
    );

    expect(targets.sort()).toEqual(gatewayNames.map((name) => `${name}:${port}`).sort());
  });

  it('mounts every rule file Prometheus is told to load', () => {
    const file = mountedFile('prometheus', '/etc/prometheus/prometheus.yml');
    const prometheus = parse(readFileSync(file, 'utf8')) as { rule_files?: string[] };

    for (const ruleFile of prometheus.rule_files ?? []) {
      expect(existsSync(mountedFile('prometheus', ruleFile))).toBe(true);
    }
  });

  it('provisions the Prometheus service as the data source the dashboard names', () => {
    const provisioning = mountedFile('grafana', '/etc/grafana/provisioning');
    const sources = parse(
      readFileSync(path.join(provisioning, 'datasources', 'prometheus.yml'), 'utf8'),
    ) as { datasources: { uid: string; type: string; url: string }[] };
    const source = sources.datasources[0]!;
    const url = new URL(source.url);
    const dashboard = JSON.parse(
      readFileSync(path.join(ROOT, 'deploy/grafana/dashboards/oneview-gateway.json'), 'utf8'),
    ) as { templating: { list: { name: string; current?: { value: string } }[] } };
    const variable = dashboard.templating.list.find((item) => item.name === 'DS_PROMETHEUS');

    expect(variable?.current?.value).toBe(source.uid);
    expect(source.type).toBe('prometheus');
    expect(url.hostname).toBe('prometheus');
    expect(services.prometheus!.ports?.map((port) => String(port).split(':').at(-1))).toContain(
      url.port,
    );
  });

  it('loads the dashboards from the folder compose mounts for them', () => {
    const provisioning = mountedFile('grafana', '/etc/grafana/provisioning');
    const providers = parse(
      readFileSync(path.join(provisioning, 'dashboards', 'oneview-gateway.yml'), 'utf8'),
    ) as { providers: { options: { path: string } }[] };
    const folder = mountedFile('grafana', providers.providers[0]!.options.path);

    expect(existsSync(path.join(folder, 'oneview-gateway.json'))).toBe(true);
  });
});
