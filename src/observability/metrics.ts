import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Buckets from 0.5 ms (the gateway's own overhead) to 60 s (a slow appliance call). */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/** Every metric of SPEC section 9, on a registry of its own. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'face' | 'method' | 'status'>;
  httpDuration: Histogram<'face' | 'method'>;
  upstreamRequests: Counter<'appliance' | 'method' | 'status'>;
  upstreamDuration: Histogram<'appliance'>;
  errors: Counter<'code' | 'source'>;
  applianceUp: Gauge<'appliance'>;
  applianceApiVersion: Gauge<'appliance' | 'kind'>;
  versionLookups: Counter<'result'>;
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

  return {
    registry,
    httpRequests: new Counter({
      name: 'ovgw_http_requests_total',
      help: 'Requests answered by the gateway, by face, method and status.',
      labelNames: ['face', 'method', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'ovgw_http_request_duration_seconds',
      help: 'Time from request to the end of the answer, by face and method.',
      labelNames: ['face', 'method'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    upstreamRequests: new Counter({
      name: 'ovgw_upstream_requests_total',
      help: 'Requests sent to appliances, by appliance, method and status.',
      labelNames: ['appliance', 'method', 'status'],
      registers,
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
    versionLookups: new Counter({
      name: 'ovgw_version_lookups_total',
      help: 'Where each API version lookup was answered from.',
      labelNames: ['result'],
      registers,
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
