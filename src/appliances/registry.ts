import { Appliance } from './appliance';
import type { CircuitSettings } from './circuit';
import { fetchVersionBody } from './fetch-version';
import { logIn, logOut } from './login';
import { checkClientVersion, decideVersion } from './negotiate-version';
import type { VersionDecision, VersionRange } from './negotiate-version';
import type { SessionHolder } from './session-holder';
import type { VersionCache, VersionEntry } from './version-cache';
import type { GatewayConfig } from '../config/schema';
import type { Secret } from '../config/secret';
import { GatewayError, isGatewayError } from '../errors/gateway-error';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';

/** An appliance's version as a request needs it. */
export interface ResolvedVersion {
  entry: VersionEntry;
  range: VersionRange | null;
  decision: VersionDecision;
}

/** What the registry needs from the gateway around it. */
export interface RegistryDeps {
  versions: VersionCache;
  metrics: Metrics;
  log: Logger;
  passwords: Map<string, Secret>;
}

/**
 * The configured appliances by id, and what every face asks of them: the version to send
 * and the session to send it with.
 */
export class ApplianceRegistry {
  readonly #appliances = new Map<string, Appliance>();
  readonly #deps: RegistryDeps;
  readonly #apiVersionMax: number;
  /** Entries whose state and gauges were already recorded: the hot path skips them. */
  readonly #recorded = new WeakSet<VersionEntry>();

  constructor(config: GatewayConfig, deps: RegistryDeps) {
    this.#deps = deps;
    this.#apiVersionMax = config.apiVersion.max;
    const circuit: CircuitSettings = config.circuitBreaker;

    for (const entry of config.appliances) {
      const appliance = new Appliance(entry, {
        metrics: deps.metrics,
        log: deps.log,
        circuit,
        password: deps.passwords.get(entry.id),
        login: (target) => this.#login(target),
      });
      this.#appliances.set(entry.id, appliance);
    }
  }

  get(id: string): Appliance | undefined {
    return this.#appliances.get(id);
  }

  all(): Appliance[] {
    return [...this.#appliances.values()];
  }

  /** The appliance's version range and the version the gateway sends; negotiates on a miss. */
  async resolveVersion(appliance: Appliance): Promise<ResolvedVersion> {
    const entry =
      this.#deps.versions.peek(appliance.id, appliance.url) ?? (await this.#negotiate(appliance));
    return this.#interpret(appliance, entry);
  }

  /**
   * The X-API-Version to send for a client's request: the client's own when it lies in the
   * appliance's range, the negotiated one when the client sent none.
   */
  async versionFor(appliance: Appliance, clientHeader: string | undefined): Promise<number> {
    const { range, decision } = await this.resolveVersion(appliance);
    if (!decision.compatible || range === null) {
      throw incompatible(appliance, range, decision, this.#apiVersionMax);
    }

    const check = checkClientVersion(clientHeader, range);
    if (check.ok) return check.version ?? decision.negotiated;
    if (check.problem === 'not-a-number') {
      throw new GatewayError(
        'BAD_REQUEST',
        `X-API-Version must be an integer, not "${check.given}".`,
        {
          applianceId: appliance.id,
        },
      );
    }
    throw new GatewayError(
      'API_VERSION_UNSUPPORTED',
      `Appliance ${appliance.id} accepts X-API-Version ${range.minimumVersion} to ` +
        `${range.currentVersion}; the request asked for ${check.requested}.`,
      { applianceId: appliance.id, data: { requested: check.requested, ...range } },
    );
  }

  /** What is known of an appliance's version, without any I/O (for the gateway face). */
  knownVersion(appliance: Appliance): ResolvedVersion | null {
    const entry = this.#deps.versions.inspect(appliance.id);
    if (!entry || entry.url !== appliance.url) return null;
    return this.#interpret(appliance, entry);
  }

  /** Forgets a version everywhere (this process, the store, other replicas). */
  async forgetVersion(appliance: Appliance): Promise<void> {
    appliance.log.info('API version refused by the appliance; negotiating again');
    await this.#deps.versions.forget(appliance.id);
  }

  /** The gateway's session for the appliance, logging in when none is held. */
  session(appliance: Appliance): Promise<string> | string {
    const sessions = appliance.sessions;
    if (!sessions) throw new Error(`appliance ${appliance.id} is in passthrough mode`);
    return sessions.current() ?? sessions.obtain();
  }

  /** The session holder of an appliance with credentials. */
  sessions(appliance: Appliance): SessionHolder {
    if (!appliance.sessions) throw new Error(`appliance ${appliance.id} is in passthrough mode`);
    return appliance.sessions;
  }

  /** Forgets the cached version and session of an appliance and negotiates again. */
  async refresh(appliance: Appliance): Promise<void> {
    await this.#deps.versions.forget(appliance.id);
    await this.#logOutQuietly(appliance);
    appliance.circuit.close();
    appliance.resetConnections();
    await this.resolveVersion(appliance).catch(() => undefined);
  }

  /** Logs out of every appliance session and closes every connection. */
  async close(): Promise<void> {
    await Promise.all(
      this.all().map(async (appliance) => {
        await this.#logOutQuietly(appliance);
        await appliance.close();
      }),
    );
  }

  async #negotiate(appliance: Appliance): Promise<VersionEntry> {
    try {
      return await this.#deps.versions.resolve(appliance.id, appliance.url, () =>
        fetchVersionBody(appliance),
      );
    } catch (error) {
      if (isGatewayError(error)) {
        appliance.setState('offline', error.message, {
          errorCode: error.errorCode,
          message: error.message,
          details: error.details,
          recommendedActions: [],
          nestedErrors: error.nestedErrors,
          errorSource: null,
          data: {},
        });
      }
      throw error;
    }
  }

  #interpret(appliance: Appliance, entry: VersionEntry): ResolvedVersion {
    const range = entry.range;
    const decision: VersionDecision = range
      ? decideVersion(range, { max: this.#apiVersionMax, pin: appliance.config.apiVersion })
      : { compatible: false, reason: '/rest/version did not answer two integers' };

    if (!this.#recorded.has(entry)) {
      this.#recorded.add(entry);
      this.#recordVersion(appliance, range, decision);
    }
    return { entry, range, decision };
  }

  #recordVersion(
    appliance: Appliance,
    range: VersionRange | null,
    decision: VersionDecision,
  ): void {
    if (!decision.compatible) {
      appliance.setState('incompatible', decision.reason);
      return;
    }
    if (appliance.state !== 'offline') {
      appliance.setState('online', `negotiated X-API-Version ${decision.negotiated}`);
    }
    const gauge = this.#deps.metrics.applianceApiVersion;
    const labels = { appliance: appliance.id };
    gauge.set({ ...labels, kind: 'negotiated' }, decision.negotiated);
    if (range) {
      gauge.set({ ...labels, kind: 'current' }, range.currentVersion);
      gauge.set({ ...labels, kind: 'minimum' }, range.minimumVersion);
    }
  }

  async #login(appliance: Appliance): Promise<string> {
    const { decision } = await this.resolveVersion(appliance);
    if (!decision.compatible) {
      throw incompatible(appliance, null, decision, this.#apiVersionMax);
    }
    try {
      const session = await logIn(appliance, decision.negotiated);
      this.#deps.metrics.logins.inc({ appliance: appliance.id, result: 'ok' });
      appliance.log.info('logged in');
      return session;
    } catch (error) {
      const result = isGatewayError(error) && error.errorCode === 'APPLIANCE_LOGIN_FAILED';
      this.#deps.metrics.logins.inc({
        appliance: appliance.id,
        result: result ? 'rejected' : 'error',
      });
      appliance.log.warn({ err: error }, 'login failed');
      throw error;
    }
  }

  async #logOutQuietly(appliance: Appliance): Promise<void> {
    const session = appliance.sessions?.take();
    const version = this.#deps.versions.peek(appliance.id, appliance.url);
    if (!session || !version?.range) return;

    const apiVersion = Math.min(version.range.currentVersion, this.#apiVersionMax);
    try {
      await logOut(appliance, apiVersion, session);
      appliance.log.info('logged out');
    } catch (error) {
      appliance.log.warn({ err: error }, 'logout failed');
    }
  }
}

function incompatible(
  appliance: Appliance,
  range: VersionRange | null,
  decision: VersionDecision,
  max: number,
): GatewayError {
  const reason = decision.compatible ? '' : decision.reason;
  return new GatewayError(
    'APPLIANCE_INCOMPATIBLE',
    `Appliance ${appliance.id} and the gateway share no API version: ${reason}.`,
    {
      applianceId: appliance.id,
      data: {
        appliance: range,
        gateway: { maximumVersion: max, pinned: appliance.config.apiVersion },
      },
    },
  );
}
