import type { Readable } from 'node:stream';
import type { Pool } from 'undici';
import { Bulkhead } from './bulkhead';
import { Circuit, CircuitOpenError } from './circuit';
import type { CircuitSettings, CircuitState } from './circuit';
import { createPool } from './create-pool';
import type { RequestDeadline } from './request-deadline';
import { SessionHolder } from './session-holder';
import { UpstreamAnswer } from './upstream-answer';
import type { ApplianceConfig } from '../config/schema';
import type { Secret } from '../config/secret';
import type { ErrorMessage } from '../errors/error-message';
import { isGatewayError } from '../errors/gateway-error';
import type { Logger } from '../observability/logger';
import { methodLabel } from '../observability/metrics';
import type { Metrics } from '../observability/metrics';

/** An appliance's state as the gateway sees it (SPEC 3.4). */
export type ApplianceState = 'unknown' | 'online' | 'offline' | 'incompatible';

/** What an Appliance needs from the gateway around it. */
export interface ApplianceDeps {
  metrics: Metrics;
  log: Logger;
  circuit: CircuitSettings;
  password: Secret | undefined;
  /** Logs in and returns the session; given the appliance so that it can call it. */
  login: (appliance: Appliance) => Promise<string>;
}

/** A request to an appliance, as the HTTP client takes it. */
export interface UpstreamRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer | string | Readable | null;
  /** Ends the request when it passes or the client leaves. */
  deadline: RequestDeadline;
  /** undici's own headers timeout, a backstop behind the deadline. */
  headersTimeout?: number;
}

/** An answer with a status of 500 or more: counted by the circuit, returned all the same. */
class ServerErrorAnswer extends Error {
  constructor(readonly response: UpstreamAnswer) {
    super('appliance answered 5xx');
  }
}

const CIRCUIT_GAUGE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * One configured appliance at run time: its connection pool, circuit, bulkhead and session,
 * and its state, which changes in one place (`setState`) that logs `old -> new` and why.
 */
export class Appliance {
  readonly id: string;
  readonly config: ApplianceConfig;
  readonly log: Logger;
  readonly bulkhead: Bulkhead;
  readonly circuit: Circuit;
  readonly sessions: SessionHolder | null;
  readonly password: Secret | undefined;
  #pool: Pool;
  #state: ApplianceState = 'unknown';
  #lastError: ErrorMessage | null = null;
  /** Requests sent and not answered yet; read into the gauge at each scrape. */
  #inflight = 0;
  readonly #stopReading: () => void;
  readonly #metrics: Metrics;
  readonly #labels: { appliance: string };

  constructor(config: ApplianceConfig, deps: ApplianceDeps) {
    this.id = config.id;
    this.config = config;
    this.log = deps.log.child({ appliance: config.id });
    this.password = deps.password;
    this.#metrics = deps.metrics;
    this.#labels = { appliance: config.id };
    this.#pool = createPool(config);
    this.bulkhead = new Bulkhead(config.maxConcurrent, config.maxQueued);
    this.circuit = new Circuit(deps.circuit, isClientGone, (state) => this.#onCircuit(state));
    this.sessions = config.credentials
      ? new SessionHolder(() => deps.login(this), {
          applies: isRefusedLogin,
          ms: LOGIN_HOLD_OFF_MS,
        })
      : null;
    deps.metrics.circuitState.set(this.#labels, 0);
    deps.metrics.applianceUp.set(this.#labels, 0);
    this.#stopReading = deps.metrics.beforeScrape(() =>
      deps.metrics.inflight.set(this.#labels, this.#inflight),
    );
    if (!config.tls.rejectUnauthorized) {
      this.log.warn('TLS certificate checks are off for this appliance (tls.rejectUnauthorized)');
    }
  }

  get url(): string {
    return this.config.url;
  }

  get state(): ApplianceState {
    return this.#state;
  }

  get lastError(): ErrorMessage | null {
    return this.#lastError;
  }

  /**
   * Sends one request through the circuit and settles with the answer's status and headers;
   * the caller then takes its body. A 5xx counts as a failure but is returned.
   */
  async send(request: UpstreamRequest): Promise<UpstreamAnswer> {
    const started = performance.now();
    try {
      const response = await this.circuit.run(() => this.#dispatch(request));
      if (this.#state === 'unknown' || this.#state === 'offline') {
        this.setState('online', 'the appliance answered');
      }
      return this.#observe(request, response, started);
    } catch (error) {
      if (error instanceof ServerErrorAnswer) {
        return this.#observe(request, error.response, started);
      }
      // Refused by the open circuit: nothing was sent, so nothing is counted upstream.
      if (!(error instanceof CircuitOpenError)) {
        this.#metrics.upstreamRequests.inc({
          ...this.#labels,
          method: methodLabel(request.method),
          status: 'error',
        });
      }
      throw error;
    }
  }

  /** Changes the state; logs the change once, with its reason. */
  setState(next: ApplianceState, reason: string, error?: ErrorMessage): void {
    if (error !== undefined) this.#lastError = error;
    if (next === 'online') this.#lastError = error ?? null;
    if (next === this.#state) return;

    this.log.info({ from: this.#state, to: next, reason }, `appliance ${this.#state} -> ${next}`);
    this.#state = next;
    this.#metrics.applianceUp.set(this.#labels, next === 'online' ? 1 : 0);
  }

  /** Drops every connection, dead keep-alive sockets included, and opens a fresh pool. */
  resetConnections(): void {
    const old = this.#pool;
    this.#pool = createPool(this.config);
    void old.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#stopReading();
    this.circuit.shutdown();
    await this.#pool.close().catch(() => this.#pool.destroy());
  }

  async #dispatch(request: UpstreamRequest): Promise<UpstreamAnswer> {
    const answer = new UpstreamAnswer();
    request.deadline.watch(answer);
    this.#inflight += 1;
    try {
      this.#pool.dispatch(
        {
          method: request.method,
          path: request.path,
          headers: request.headers,
          body: request.body,
          ...(request.headersTimeout === undefined
            ? {}
            : { headersTimeout: request.headersTimeout }),
        },
        answer,
      );
      await answer.started;
    } finally {
      this.#inflight -= 1;
    }
    if (answer.status >= 500) throw new ServerErrorAnswer(answer);
    return answer;
  }

  #observe(request: UpstreamRequest, response: UpstreamAnswer, started: number): UpstreamAnswer {
    const seconds = (performance.now() - started) / 1000;
    response.upstreamMs = Math.round(seconds * 1e6) / 1e3;
    this.#metrics.upstreamDuration.observe(this.#labels, seconds);
    this.#metrics.upstreamRequests.inc({
      ...this.#labels,
      method: methodLabel(request.method),
      status: String(response.status),
    });
    return response;
  }

  #onCircuit(state: CircuitState): void {
    this.#metrics.circuitState.set(this.#labels, CIRCUIT_GAUGE[state]);
    this.log.warn({ circuit: state }, `circuit ${state}`);
    if (state === 'open') {
      this.resetConnections();
      this.setState('offline', 'circuit opened after repeated failures');
    }
  }
}

/** How long a refused login is answered from memory before the gateway tries again. */
const LOGIN_HOLD_OFF_MS = 30_000;

function isRefusedLogin(error: unknown): boolean {
  return isGatewayError(error) && error.errorCode === 'APPLIANCE_LOGIN_FAILED';
}

function isClientGone(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'GATEWAY_CLIENT_GONE';
}
