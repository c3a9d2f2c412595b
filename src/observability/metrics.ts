import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Buckets from 0.5 ms (the gateway's own overhead) to 60 s (a slow appliance call). */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/**
 * A counter of the proxy path, counted in plain numbers and added to its prom-client counter
 * when that is read (at each scrape). prom-client checks and hashes the labels of every
 * `inc`; the request path counts three of them per request.
 */
export class Tally<L extends string> {
  readonly #names: readonly L[];
  readonly #pending = new Map<string, { labels: Record<L, string>; count: number }>();
  readonly #counter: Counter<L>;

  constructor(
    config: { name: string; help: string; labelNames: readonly L[] },
    registry: Registry,
  ) {
    this.#names = config.labelNames;
    this.#counter = new Counter<L>({
      ...config,
      registers: [registry],
      collect: () => this.flush(),
    });
  }

  /** Counts one under these labels. */
  inc(labels: Record<L, string>): void {
    let key = '';
    for (const name of this.#names) key += `${labels[name]}\u0001`;
    const entry = this.#pending.get(key);
    if (entry === undefined) this.#pending.set(key, { labels, count: 1 });
    else entry.count += 1;
  }

  /** Adds what was counted to the prom-client counter. */
  flush(): void {
    for (const { labels, count } of this.#pending.values()) this.#counter.inc(labels, count);
    this.#pending.clear();
  }
}

/** Every metric of SPEC section 9, on a registry of its own. */
export interface Metrics {
  registry: Registry;
  httpRequests: Tally<'face' | 'method' | 'status'>;
  httpDuration: Histogram<'face' | 'method'>;
  upstreamRequests: Tally<'appliance' | 'method' | 'status'>;
  upstreamDuration: Histogram<'appliance'>;
  errors: Counter<'code' | 'source'>;
  applianceUp: Gauge<'appliance'>;
  applianceApiVersion: Gauge<'appliance' | 'kind'>;
  versionLookups: Tally<'result'>;
  logins: Counter<'appliance' | 'result'>;
  circuitState: Gauge<'appliance'>;
  inflight: Gauge<'appliance'>;
  tasks: Gauge<'appliance' | 'state'>;
  /**
   * Adds work done before each scrape: gauges read from live state instead of updated on
   * every request. Returns the function that removes it.
   */
  beforeScrape(read: () => void): () => void;
}

/** Methods kept as labels; anything else is counted as OTHER to bound cardinality. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A method as a metric label: one of the standard methods, else OTHER. */
export function methodLabel(method: string | undefined): string {
  return method !== undefined && METHODS.has(method) ? method : 'OTHER';
}

/** Creates the metrics, with prom-client's default process metrics. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const readers = new Set<() => void>();
  const tally = <L extends string>(config: {
    name: string;
    help: string;
    labelNames: readonly L[];
  }): Tally<L> => new Tally(config, registry);

  return {
    registry,
    httpRequests: tally({
      name: 'ovgw_http_requests_total',
      help: 'Requests answered by the gateway, by face, method and status.',
      labelNames: ['face', 'method', 'status'],
    }),
    httpDuration: new Histogram({
      name: 'ovgw_http_request_duration_seconds',
      help: 'Time from request to the end of the answer, by face and method.',
      labelNames: ['face', 'method'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    upstreamRequests: tally({
      name: 'ovgw_upstream_requests_total',
      help: 'Requests sent to appliances, by appliance, method and status.',
      labelNames: ['appliance', 'method', 'status'],
    }),
    upstreamDuration: new Histogram({
      name: 'ovgw_upstream_duration_seconds',
      help: 'Time until an appliance answered with headers.',
      labelNames: ['appliance'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'ovgw_errors_total',
      help: 'Error answers, by errorCode and source (gateway or appliance).',
      labelNames: ['code', 'source'],
      registers,
    }),
    applianceUp: new Gauge({
      name: 'ovgw_appliance_up',
      help: '1 while the appliance is online, else 0.',
      labelNames: ['appliance'],
      registers,
    }),
    applianceApiVersion: new Gauge({
      name: 'ovgw_appliance_api_version',
      help: 'API versions of each appliance: current, minimum and negotiated.',
      labelNames: ['appliance', 'kind'],
      registers,
    }),
    versionLookups: tally({
      name: 'ovgw_version_lookups_total',
      help: 'Where each API version lookup was answered from.',
      labelNames: ['result'],
    }),
    logins: new Counter({
      name: 'ovgw_logins_total',
      help: 'Logins to appliances, by result.',
      labelNames: ['appliance', 'result'],
      registers,
    }),
    circuitState: new Gauge({
      name: 'ovgw_circuit_state',
      help: 'Circuit state per appliance: 0 closed, 1 half-open, 2 open.',
      labelNames: ['appliance'],
      registers,
    }),
    inflight: new Gauge({
      name: 'ovgw_inflight_requests',
      help: 'Requests in flight to each appliance.',
      labelNames: ['appliance'],
      registers,
      collect: () => {
        for (const read of readers) read();
      },
    }),
    tasks: new Gauge({
      name: 'ovgw_tasks',
      help: 'Tasks known to the gateway, by appliance and normalized state.',
      labelNames: ['appliance', 'state'],
      registers,
    }),
    beforeScrape(read) {
      readers.add(read);
      return () => readers.delete(read);
    },
  };
}
