import { Appliance } from './appliance';
import type { CircuitSettings } from './circuit';
import { fetchVersionBody } from './fetch-version';
import { logIn, logOut } from './login';
import { checkClientVersion, decideVersion } from './negotiate-version';
import type { VersionDecision, VersionRange } from './negotiate-version';
import { fingerprintAppliance, planApplianceChanges } from './plan-appliance-changes';
import type { ApplianceChanges } from './plan-appliance-changes';
import { retireAppliance } from './retire-appliance';
import type { SessionHolder } from './session-holder';
import type { VersionCache, VersionEntry } from './version-cache';
import type { ApplianceConfig, GatewayConfig } from '../config/schema';
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

/** The version a request is sent with, and the cache entry it was chosen from. */
export interface ChosenVersion {
  version: number;
  entry: VersionEntry;
}

/** What the registry needs from the gateway around it. */
export interface RegistryDeps {
  versions: VersionCache;
  metrics: Metrics;
  log: Logger;
  passwords: Map<string, Secret>;
}

/** What `apply` changed; `retired` settles once the replaced appliances are closed. */
export interface RegistryChanges extends ApplianceChanges {
  retired: Promise<void>;
}

/**
 * The configured appliances by id, and what every face asks of them: the version to send
 * and the session to send it with.
 */
export class ApplianceRegistry {
  readonly #appliances = new Map<string, Appliance>();
  readonly #deps: RegistryDeps;
  #apiVersionMax: number;
  /** What each served appliance was built from, to tell which ones a reload changes. */
  #fingerprints = new Map<string, string>();
  /** Appliances replaced by a reload and not closed yet; `close()` waits for them. */
  readonly #retiring = new Set<Promise<void>>();
  /**
   * The version entry whose state and gauges were last recorded for each appliance: the hot
   * path skips them. Keyed by Appliance, so that one rebuilt by a reload records afresh.
   */
  readonly #recorded = new WeakMap<Appliance, VersionEntry>();

  constructor(config: GatewayConfig, deps: RegistryDeps) {
    this.#deps = deps;
    this.#apiVersionMax = config.apiVersion.max;
    this.apply(config, deps.passwords, 0);
  }

  get(id: string): Appliance | undefined {
    return this.#appliances.get(id);
  }

  all(): Appliance[] {
    return [...this.#appliances.values()];
  }

  /**
   * Makes the served appliances those of `config`. Added ones are served at once; removed
   * ones answer APPLIANCE_NOT_FOUND to new requests at once; changed ones (entry, password,
   * circuit settings or apiVersion.max) get a fresh Appliance: new pool, circuit and
   * session, and a version negotiated again when the URL changed. The replaced Appliance
   * objects are retired in the background: their requests in flight finish (at most
   * `drainMs`), then their sessions are logged out and their pools closed.
   */
  apply(config: GatewayConfig, passwords: Map<string, Secret>, drainMs: number): RegistryChanges {
    const shared = { circuit: config.circuitBreaker, apiVersionMax: config.apiVersion.max };
    const next = new Map(
      config.appliances.map((entry) => {
        const password = passwords.get(entry.id)?.reveal();
        return [entry.id, fingerprintAppliance(entry, password, shared)] as const;
      }),
    );
    const changes = planApplianceChanges(this.#fingerprints, next);
    const built = this.#build(config, passwords, changes);

    const replaced = [...changes.removed, ...changes.changed].flatMap((id) => {
      const appliance = this.#appliances.get(id);
      return appliance ? [appliance] : [];
    });
    // Swapped synchronously, in the new config's order: no request sees half a change.
    this.#appliances.clear();
    for (const [id, appliance] of built) this.#appliances.set(id, appliance);
    this.#fingerprints = next;
    this.#apiVersionMax = config.apiVersion.max;

    const retired = Promise.all(replaced.map((appliance) => this.#retire(appliance, drainMs)));
    const tracked = retired.then(() => undefined);
    this.#retiring.add(tracked);
    void tracked.finally(() => this.#retiring.delete(tracked));
    return { ...changes, retired: tracked };
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
    return (await this.chooseVersion(appliance, clientHeader)).version;
  }

  /** As `versionFor`, with the cache entry the choice came from (to forget it if refused). */
  async chooseVersion(
    appliance: Appliance,
    clientHeader: string | undefined,
  ): Promise<ChosenVersion> {
    const { entry, range, decision } = await this.resolveVersion(appliance);
    if (!decision.compatible || range === null) {
      throw incompatible(appliance, range, decision, this.#apiVersionMax);
    }

    const check = checkClientVersion(clientHeader, range);
    if (check.ok) return { version: check.version ?? decision.negotiated, entry };
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

  /**
   * Forgets a version everywhere (this process, the store, other replicas) after the
   * appliance refused it. Given the entry a request used, only that entry is forgotten: a
   * late refusal must not wipe a version negotiated since.
   */
  async forgetVersion(appliance: Appliance, used?: VersionEntry): Promise<void> {
    appliance.log.info('API version refused by the appliance; negotiating again');
    await this.#deps.versions.forget(appliance.id, used);
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
    // Logging out needs the version in memory, so it comes before forgetting it.
    await this.#logOutQuietly(appliance);
    await this.#deps.versions.forget(appliance.id);
    appliance.circuit.close();
    appliance.resetConnections();
    await this.resolveVersion(appliance).catch(() => undefined);
  }

  /** Logs out of every appliance session and closes every connection. */
  async close(): Promise<void> {
    await Promise.all(this.#retiring);
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

    if (this.#recorded.get(appliance) !== entry) {
      this.#recorded.set(appliance, entry);
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

  /**
   * The appliances of a new configuration: the unchanged ones kept, the others built. A
   * build that throws (an unreadable tls.caFile) changes nothing: the pools built so far
   * have opened no connection yet.
   */
  #build(config: GatewayConfig, passwords: Map<string, Secret>, changes: ApplianceChanges) {
    const built = new Map<string, Appliance>();
    for (const entry of config.appliances) {
      const kept = changes.changed.includes(entry.id) ? undefined : this.#appliances.get(entry.id);
      built.set(entry.id, kept ?? this.#create(entry, passwords, config.circuitBreaker));
    }
    return built;
  }

  #create(entry: ApplianceConfig, passwords: Map<string, Secret>, circuit: CircuitSettings) {
    return new Appliance(entry, {
      metrics: this.#deps.metrics,
      log: this.#deps.log,
      circuit,
      password: passwords.get(entry.id),
      login: (target) => this.#login(target),
    });
  }

  #retire(appliance: Appliance, drainMs: number): Promise<void> {
    // Read now: once a changed URL is negotiated, the cache holds the new URL's entry.
    const known = this.#deps.versions.inspect(appliance.id);
    const version = known?.url === appliance.url ? known : undefined;
    return retireAppliance(appliance, {
      drainMs,
      logOut: () => this.#logOutQuietly(appliance, version),
      metrics: this.#deps.metrics,
      removed: !this.#appliances.has(appliance.id),
    });
  }

  async #logOutQuietly(
    appliance: Appliance,
    version = this.#deps.versions.peek(appliance.id, appliance.url),
  ): Promise<void> {
    const session = appliance.sessions?.take();
    if (!session || !version?.range) return;
    // An appliance the gateway cannot reach now would only time out on the logout; its
    // session ends on its own after the appliance's idle timeout.
    if (appliance.circuit.state === 'open') {
      appliance.log.info('circuit open: session left to expire on the appliance');
      return;
    }

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
