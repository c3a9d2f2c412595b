import { z } from 'zod';
import { exposureProblem } from './exposure';
import { parseRedisUrl } from '../store/parse-redis-url';

const APPLIANCE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const port = z.number().int().min(0).max(65535);
const positiveMs = z.number().int().positive();

/** An appliance URL: scheme, host and optional port, nothing else. */
const applianceUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected an absolute http(s) URL' });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: 'expected scheme http or https' });
  } else if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'expected no user or password in the URL' });
  } else if (
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    /\/./.test(value.split('//')[1] ?? '')
  ) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected scheme, host and optional port only, no path',
    });
  }
});

/** A Redis URL the store can connect to (direct or through Sentinel). */
const redisUrl = z.string().superRefine((value, ctx) => {
  const read = parseRedisUrl(value);
  if (!read.ok) ctx.addIssue({ code: 'custom', message: read.problem });
});

const credentials = z
  .strictObject({
    /** The appliance user the gateway logs in as. */
    userName: z.string().min(1),
    /** Environment variable holding the password. */
    passwordEnv: z.string().min(1).optional(),
    /** File holding the password (trailing newline ignored). */
    passwordFile: z.string().min(1).optional(),
    /** Login domain; LOCAL for local users. */
    authLoginDomain: z.string().min(1).default('LOCAL'),
  })
  .refine((value) => (value.passwordEnv === undefined) !== (value.passwordFile === undefined), {
    message: 'expected exactly one of passwordEnv or passwordFile',
  });

const appliance = z.strictObject({
  /** Stable id used in routes, labels and logs. */
  id: z.string().regex(APPLIANCE_ID, 'expected [a-z0-9][a-z0-9-]{0,62}'),
  /** Where the appliance listens: scheme, host, optional port. */
  url: applianceUrl,
  /** Omitted: passthrough, clients bring their own appliance session. */
  credentials: credentials.optional(),
  tls: z
    .strictObject({
      /** PEM file of the CA that signed the appliance certificate. */
      caFile: z.string().nullable().default(null),
      /** false accepts any certificate (logged as a warning at start). */
      rejectUnauthorized: z.boolean().default(true),
    })
    .prefault({}),
  /** A number pins the X-API-Version; null negotiates. */
  apiVersion: z.number().int().positive().nullable().default(null),
  /** Port on which this appliance is also served as a plain OneView origin. */
  sdkPort: port.nullable().default(null),
  /** Requests in flight to this appliance; more wait in a bounded queue. */
  maxConcurrent: z.number().int().positive().default(32),
  /** Requests that may wait for a free slot before APPLIANCE_BUSY. */
  maxQueued: z.number().int().min(0).default(256),
  timeouts: z
    .strictObject({
      connectMs: positiveMs.default(5000),
      requestMs: positiveMs.default(60000),
    })
    .prefault({}),
  labels: z.record(z.string(), z.string()).default({}),
});

const client = z.strictObject({
  id: z.string().min(1),
  /** sha256 of the API key, hex, from `ovgw hash-key`. */
  keySha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters'),
  scopes: z
    .strictObject({
      /** Appliance ids, `*`, id prefixes such as `dc1-*`, or labels such as `site=dc1`. */
      appliances: z
        .array(z.string().min(1))
        .min(1, 'expected at least one scope; a client that may see no appliance is of no use')
        .default(['*']),
      /** HTTP methods, or `*`. */
      methods: z
        .array(
          z
            .string()
            .regex(
              /^(\*|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/i,
              'expected *, GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS',
            ),
        )
        .min(1, 'expected at least one method')
        .default(['*']),
    })
    .prefault({}),
});

/** The gateway's whole configuration, with every default (SPEC section 2). */
export const configSchema = z
  .strictObject({
    server: z
      .strictObject({
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(8080),
        /** When set, rewritten Location headers are absolute on it. */
        publicUrl: z.url().nullable().default(null),
        tls: z
          .strictObject({
            certFile: z.string().nullable().default(null),
            keyFile: z.string().nullable().default(null),
          })
          .prefault({}),
        shutdownTimeoutMs: positiveMs.default(10000),
        /** true: keep X-Forwarded-* from a trusted load balancer. */
        trustProxy: z.boolean().default(false),
        /** Node processes serving the port (node:cluster); 1 serves in this process. */
        workers: z.number().int().min(1).max(64).default(1),
        /** Largest body accepted on the gateway's own routes. */
        bodyLimitBytes: z.number().int().positive().default(1048576),
        headersTimeoutMs: positiveMs.default(20000),
        requestTimeoutMs: z.number().int().min(0).default(0),
        keepAliveTimeoutMs: positiveMs.default(5000),
        maxHeaderBytes: z.number().int().positive().default(16384),
        /**
         * true: reload the configuration when a config file changes, as SIGHUP does. Off by
         * default, so that an edit takes effect only when the operator asks for it.
         */
        watchConfig: z.boolean().default(false),
      })
      .prefault({}),
    store: z
      .strictObject({
        /**
         * redis:// or rediss:// URL, or redis+sentinel://host:port,.../masterName[/db];
         * null = in-process store (single instance only).
         */
        redisUrl: redisUrl.nullable().default(null),
        keyPrefix: z.string().default('ovgw:'),
        /** Longest a store command may take before the caller gives up. */
        commandTimeoutMs: positiveMs.default(500),
      })
      .prefault({}),
    apiVersion: z
      .strictObject({
        /** The highest X-API-Version the gateway will send. */
        max: z.number().int().positive().default(8600),
        cacheTtlSeconds: z.number().int().positive().default(3600),
      })
      .prefault({}),
    appliances: z.array(appliance).default([]),
    auth: z
      .strictObject({
        mode: z.enum(['keys', 'none']).default('keys'),
        /** Must be true for auth.mode none on a non-loopback host. */
        allowAnonymous: z.boolean().default(false),
        clients: z.array(client).default([]),
      })
      .prefault({}),
    rateLimit: z
      .strictObject({
        perClientPerSecond: z.number().positive().default(50),
        burst: z.number().int().positive().default(100),
      })
      .prefault({}),
    circuitBreaker: z
      .strictObject({
        /** Failures (transport errors, timeouts, 5xx) in the window that open the circuit. */
        errorThresholdPercentage: z.number().min(1).max(100).default(50),
        /** Calls in the window before the percentage counts. */
        volumeThreshold: z.number().int().min(1).default(5),
        rollingWindowMs: positiveMs.default(10000),
        /** How long the circuit stays open before one probe is let through. */
        resetTimeoutMs: positiveMs.default(10000),
      })
      .prefault({}),
    tasks: z
      .strictObject({
        syncIntervalMs: positiveMs.default(15000),
        retentionHours: z.number().positive().default(24),
        pollIntervalMs: positiveMs.default(2000),
      })
      .prefault({}),
    fleet: z
      .strictObject({
        cacheTtlMs: z.number().int().min(0).default(2000),
        maxMembersPerAppliance: z.number().int().positive().default(5000),
        concurrency: z.number().int().positive().default(16),
        timeoutMs: positiveMs.default(15000),
      })
      .prefault({}),
    logging: z
      .strictObject({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info'),
      })
      .prefault({}),
  })
  // Checks across keys run even when some key is wrong, so that every problem is reported
  // at once; they read what parsed so far defensively.
  .superRefine(
    (config, ctx) => {
      const report = (path: PropertyKey[], message: string): void =>
        ctx.addIssue({ code: 'custom', path, message });
      const appliances = listOf(config.appliances);
      const clients = listOf(config.auth?.clients);

      findDuplicates(appliances, (item) => item.id).forEach(([index, id]) =>
        report(['appliances', index, 'id'], `expected a unique id; "${String(id)}" is used twice`),
      );
      findDuplicates(clients, (item) => item.id).forEach(([index, id]) =>
        report(
          ['auth', 'clients', index, 'id'],
          `expected a unique id; "${String(id)}" is used twice`,
        ),
      );
      const sdkPorts = appliances.map((item) => (item.sdkPort === 0 ? null : item.sdkPort));
      findDuplicates(sdkPorts, (port) => port).forEach(([index, port]) =>
        report(
          ['appliances', index, 'sdkPort'],
          `expected a port of its own; ${String(port)} is used twice`,
        ),
      );
      sdkPorts.forEach((port, index) => {
        if (port !== null && port !== undefined && port === config.server?.port) {
          report(
            ['appliances', index, 'sdkPort'],
            `expected a port other than server.port (${port})`,
          );
        }
      });
      const exposure = exposureProblem(config.auth ?? {}, config.server?.host);
      if (exposure !== null) report(['auth', 'mode'], exposure);
    },
    { when: () => true },
  );

/** The entries of a list that parsed so far, as records (a wrong entry may be anything). */
function listOf(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown) =>
    typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {},
  );
}

/** The index and key of every entry whose key an earlier entry has (null keys ignored). */
function findDuplicates<T>(items: T[], keyOf: (item: T) => unknown): Array<[number, unknown]> {
  const seen = new Set<unknown>();
  const duplicates: Array<[number, unknown]> = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === null || key === undefined) return;
    if (seen.has(key)) duplicates.push([index, key]);
    seen.add(key);
  });
  return duplicates;
}

/** The validated configuration. */
export type GatewayConfig = z.output<typeof configSchema>;
/** One validated appliance entry. */
export type ApplianceConfig = GatewayConfig['appliances'][number];
/** One validated API client. */
export type ClientConfig = GatewayConfig['auth']['clients'][number];
