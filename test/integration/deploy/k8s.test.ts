import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigError } from '../../../src/config/config-error';
import { loadConfig, parseConfig } from '../../../src/config/load-config';
import type { LoadedConfig } from '../../../src/config/load-config';

const K8S = path.resolve(__dirname, '..', '..', '..', 'deploy', 'k8s');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Probe {
  httpGet?: { path: string; port: string | number };
  periodSeconds?: number;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

interface Container {
  name: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  resources?: {
    requests?: { cpu?: string; memory?: string };
    limits?: { cpu?: string; memory?: string };
  };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
  };
}

interface PodSpec {
  enableServiceLinks?: boolean;
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: {
    name: string;
    configMap?: { name: string; items?: { key: string; path: string }[] };
    emptyDir?: object;
  }[];
}

interface Deployment extends Manifest {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

interface Service extends Manifest {
  spec: {
    selector: Record<string, string>;
    ports: { port: number; targetPort: string | number }[];
  };
}

interface PodDisruptionBudget extends Manifest {
  spec: {
    minAvailable?: number;
    maxUnavailable?: number;
    selector: { matchLabels: Record<string, string> };
  };
}

interface ConfigMap extends Manifest {
  data: Record<string, string>;
}

interface Secret extends Manifest {
  stringData: Record<string, string>;
}

/** Every document of every YAML file in deploy/k8s, with the file it came from. */
const manifests = readdirSync(K8S)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
      return { file, manifest: document.toJS() as Manifest };
    }),
  );

function only<T extends Manifest>(kind: string): T {
  const found = manifests.filter(({ manifest }) => manifest.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!.manifest as T;
}

const deployment = only<Deployment>('Deployment');
const service = only<Service>('Service');
const pdb = only<PodDisruptionBudget>('PodDisruptionBudget');
const configMap = only<ConfigMap>('ConfigMap');
const secret = only<Secret>('Secret');
const pod = deployment.spec.template.spec;
const container = pod.containers[0]!;

/** The file given to --config, and the ConfigMap key mounted there. */
function configSource(): { file: string; key: string } {
  const args = container.args ?? [];
  const file = args[args.indexOf('--config') + 1]!;
  const mount = container.volumeMounts!.find((item) => file.startsWith(`${item.mountPath}/`))!;
  const volume = pod.volumes!.find((item) => item.name === mount.name)!;
  const relative = path.posix.relative(mount.mountPath, file);
  const item = volume.configMap!.items?.find((entry) => entry.path === relative);
  expect(volume.configMap!.name).toBe(configMap.metadata.name);
  return { file, key: item?.key ?? relative };
}

/** The environment the Deployment gives the container, secrets read from the template. */
function containerEnvironment(): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).map((variable) => {
      const ref = variable.valueFrom?.secretKeyRef;
      if (ref === undefined) return [variable.name, variable.value ?? ''];
      expect(ref.name).toBe(secret.metadata.name);
      return [variable.name, secret.stringData[ref.key]!];
    }),
  );
}

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

function gatewayConfig(): LoadedConfig {
  const text = configMap.data[configSource().key]!;
  return expectValid(() => parseConfig(parse(text), containerEnvironment()));
}

function containerPort(name: string | number): number | undefined {
  if (typeof name === 'number') return name;
  return container.ports?.find((port) => port.name === name)?.containerPort;
}

/** Seconds the preStop hook waits before the gateway sees SIGTERM. */
function preStopSeconds(): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command ?? [];
  expect(command[0]).toBe('sleep');
  return Number(command[1]);
}

function expectSelected(selector: Record<string, string>, labels: Record<string, string>): void {
  expect(Object.keys(selector).length).toBeGreaterThan(0);
  expect(labels).toMatchObject(selector);
}

describe('the Kubernetes manifests', () => {
  it.each([
    ['Deployment', 'apps/v1'],
    ['Service', 'v1'],
    ['ConfigMap', 'v1'],
    ['Secret', 'v1'],
    ['PodDisruptionBudget', 'policy/v1'],
    ['Kustomization', 'kustomize.config.k8s.io/v1beta1'],
  ])('declares the %s with apiVersion %s', (kind, apiVersion) => {
    const found = manifests.filter(({ manifest }) => manifest.kind === kind);

    expect(found).toHaveLength(1);
    expect(found[0]!.manifest.apiVersion).toBe(apiVersion);
  });

  it('contains nothing but those kinds', () => {
    const kinds = manifests.map(({ manifest }) => manifest.kind).sort();

    expect(kinds).toEqual(
      [
        'ConfigMap',
        'Deployment',
        'Kustomization',
        'PodDisruptionBudget',
        'Secret',
        'Service',
      ].sort(),
    );
  });

  it('lets kustomize apply every manifest but the Secret template', () => {
    const kustomization = only<Manifest & { resources: string[] }>('Kustomization');
    const files = manifests
      .filter(({ manifest }) => !['Kustomization', 'Secret'].includes(manifest.kind))
      .map(({ file }) => file)
      .sort();

    expect([...kustomization.resources].sort()).toEqual(files);
  });

  it('keeps placeholders, never real values, in the Secret template', () => {
    for (const value of Object.values(secret.stringData)) expect(value).toContain('CHANGE_ME');
  });
});

describe('the gateway Deployment', () => {
  it('runs at least two replicas and never takes one down before its successor is ready', () => {
    const strategy = (deployment.spec as { strategy?: { rollingUpdate?: object } }).strategy;

    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(strategy?.rollingUpdate).toMatchObject({ maxUnavailable: 0 });
  });

  it('probes readiness on /readyz and liveness on /healthz, on the port the gateway listens on', () => {
    const { config } = gatewayConfig();

    expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(containerPort(container.readinessProbe!.httpGet!.port)).toBe(config.server.port);
    expect(containerPort(container.livenessProbe!.httpGet!.port)).toBe(config.server.port);
  });

  it('requests and limits CPU and memory', () => {
    const { requests, limits } = container.resources ?? {};

    for (const amount of [requests?.cpu, requests?.memory, limits?.cpu, limits?.memory]) {
      expect(amount).toMatch(/^\d+(\.\d+)?(m|Mi|Gi)?$/);
    }
  });

  it('waits out the endpoint removal and the drain before Kubernetes kills the pod', () => {
    const { config } = gatewayConfig();
    const needed = preStopSeconds() + config.server.shutdownTimeoutMs / 1000;

    expect(preStopSeconds()).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(needed);
  });

  it('runs as a non-root user on a read-only root file system, with a writable /tmp', () => {
    const user = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
    const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');

    expect(pod.securityContext?.runAsNonRoot ?? container.securityContext?.runAsNonRoot).toBe(true);
    expect(user).toBeGreaterThan(0);
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('turns off service links, whose OVGW_* variables could set gateway keys', () => {
    // What Kubernetes injects for a Service named "ovgw-server" in the same namespace:
    // OVGW_SERVER_PORT is also the name of server.port.
    const injected = {
      OVGW_SERVER_PORT: 'tcp://10.0.0.1:8080',
      OVGW_SERVER_SERVICE_HOST: '10.0.0.1',
    };

    expect(() => loadConfig({ env: injected })).toThrow(ConfigError);
    expect(loadConfig({ env: { OVGW_PORT: 'tcp://10.0.0.1:8080' } }).warnings).toEqual([
      'OVGW_PORT: names no configuration key; ignored',
    ]);
    expect(pod.enableServiceLinks).toBe(false);
  });

  it('reads its configuration from the ConfigMap file named with --config', () => {
    const { key } = configSource();

    expect(container.args?.[0]).toBe('serve');
    expect(configMap.data[key]).toEqual(expect.any(String));
  });

  it('takes every secret it uses from a key of the Secret template', () => {
    const refs = (container.env ?? []).flatMap((variable) =>
      variable.valueFrom?.secretKeyRef ? [variable.valueFrom.secretKeyRef] : [],
    );

    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.name).toBe(secret.metadata.name);
      expect(Object.keys(secret.stringData)).toContain(ref.key);
    }
  });
});

describe('the gateway configuration in the ConfigMap', () => {
  it('passes the gateway validation with the environment the Deployment provides', () => {
    const { config, passwords } = gatewayConfig();

    expect(config.appliances.length).toBeGreaterThan(0);
    expect(passwords.size).toBe(config.appliances.filter((item) => item.credentials).length);
  });

  it('starts the gateway together with config/default.yaml and every variable of the pod', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ovgw-k8s-'));
    const file = path.join(dir, 'gateway.yaml');
    writeFileSync(file, configMap.data[configSource().key]!);

    const { config } = expectValid(() =>
      loadConfig({ configFile: file, env: containerEnvironment() }),
    );

    expect(config.store.redisUrl).toBe(secret.stringData.REDIS_URL);
  });

  it('listens on every interface, behind API keys', () => {
    const { config } = gatewayConfig();

    expect(config.server.host).toBe('0.0.0.0');
    expect(config.auth.mode).toBe('keys');
    expect(config.auth.clients.length).toBeGreaterThan(0);
  });
});

describe('the Service and the PodDisruptionBudget', () => {
  const podLabels = deployment.spec.template.metadata.labels;

  it('select the pods of the Deployment, whose selector matches its own pods', () => {
    expectSelected(deployment.spec.selector.matchLabels, podLabels);
    expectSelected(service.spec.selector, podLabels);
    expectSelected(pdb.spec.selector.matchLabels, podLabels);
  });

  it('sends the Service port to the port the container declares', () => {
    for (const port of service.spec.ports) {
      expect(containerPort(port.targetPort)).toEqual(expect.any(Number));
    }
  });

  it('keeps a replica available while allowing a voluntary disruption', () => {
    const { minAvailable, maxUnavailable } = pdb.spec;
    const available = minAvailable ?? deployment.spec.replicas - (maxUnavailable ?? 0);

    expect(available).toBeGreaterThanOrEqual(1);
    expect(available).toBeLessThan(deployment.spec.replicas);
  });
});

describe('the Redis URLs the Kubernetes guide gives as examples', () => {
  const examples = [
    readFileSync(path.join(K8S, 'README.md'), 'utf8'),
    readFileSync(path.join(K8S, 'secret.example.yaml'), 'utf8'),
  ].flatMap((text) => [...text.matchAll(/rediss?(?:\+sentinel)?:\/\/[^\s'"`]+/g)].map((m) => m[0]));

  it('include a Sentinel URL', () => {
    expect(examples.filter((url) => url.startsWith('redis+sentinel://')).length).toBeGreaterThan(0);
  });

  it.each(examples)('lets the gateway start with REDIS_URL=%s', (url) => {
    const { config } = expectValid(() => loadConfig({ env: { REDIS_URL: url } }));

    expect(config.store.redisUrl).toBe(url);
  });
});
