import type { Appliance } from '../appliances/appliance';
import type { ApplianceRegistry } from '../appliances/registry';
import type { Client } from '../auth/clients';
import { canSeeAppliance } from '../auth/scopes';
import type { GatewayConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import type { Logger } from '../observability/logger';
import type { ForwardRequest } from '../proxy/forward-request';
import type { Store } from '../store/store';
import { coalesceKey } from './coalesce-key';
import { listFleet, locateOwners } from './fan-out';
import type { FanOutSettings } from './fan-out';
import { FleetCache } from './fleet-cache';
import type { FleetAnswer } from './fleet-cache';
import type { FleetVersion } from './intersect-versions';
import { mergeCollection } from './merge-collection';
import { OwnershipIndex } from './ownership-index';
import { applianceSearch, parseFleetQuery } from './parse-fleet-query';
import { readFleetVersion } from './read-fleet-version';
import { resourceKey } from './resource-key';

/** A fleet read or write as the face hands it over. */
export interface FleetRequest {
  client: Client;
  /** `/rest/...`, already checked. */
  path: string;
  requestId: string;
  clientVersion: string | undefined;
}

/** What the fleet face is built from. */
export interface FleetServiceDeps {
  registry: ApplianceRegistry;
  store: Store;
  log: Logger;
  fleet: GatewayConfig['fleet'];
}

/** Answers up to this size are shared through the store; larger ones stay in process. */
const MAX_STORED_ANSWER_BYTES = 8 * 1024 * 1024;

/**
 * The fleet as one big appliance (SPEC 3.3): collection reads fanned out and merged,
 * identical reads shared, and resource URIs resolved to the appliance that owns them.
 */
export class FleetService {
  readonly cache: FleetCache;
  readonly owners: OwnershipIndex;
  readonly #deps: FleetServiceDeps;

  constructor(deps: FleetServiceDeps) {
    this.#deps = deps;
    this.cache = new FleetCache(deps.store, deps.log, {
      ttlMs: deps.fleet.cacheTtlMs,
      leaseMs: deps.fleet.timeoutMs + 1000,
      maxStoredBytes: MAX_STORED_ANSWER_BYTES,
    });
    this.owners = new OwnershipIndex(deps.store, deps.log);
  }

  /** The fleet's version range; needs no client, so every appliance counts. */
  version(): Promise<FleetVersion> {
    const { registry, fleet } = this.#deps;
    return readFleetVersion(registry, registry.all(), fleet.timeoutMs);
  }

  /** A merged collection over the appliances the client may see, shared when identical. */
  list(request: FleetRequest, search: string): Promise<FleetAnswer> {
    const appliances = this.#visible(request.client);
    const query = parseFleetQuery(search);
    const key = coalesceKey({
      path: request.path,
      query: query.canonical,
      applianceIds: appliances.map((appliance) => appliance.id),
      clientVersion: request.clientVersion ?? '',
    });
    return this.cache.share(key, async () => {
      const listings = await listFleet(
        this.#deps.registry,
        appliances,
        {
          collectionPath: request.path,
          search: applianceSearch(query, this.#deps.fleet.maxMembersPerAppliance),
          maxMembers: this.#deps.fleet.maxMembersPerAppliance,
        },
        this.#settings(request),
      );
      this.owners.learnListings(listings);
      const merged = mergeCollection(listings, query, request.path);
      return { complete: merged.complete, body: JSON.stringify(merged.body) };
    });
  }

  /**
   * The one appliance, among those the client may see, that owns the resource a path
   * names: from the index, else from a lookup on every such appliance. Throws
   * AMBIGUOUS_RESOURCE for several owners and RESOURCE_NOT_FOUND for none.
   */
  async locate(request: FleetRequest): Promise<Appliance> {
    const key = resourceKey(request.path) ?? request.path;
    const appliances = this.#visible(request.client);
    const visible = new Set(appliances.map((appliance) => appliance.id));
    let owners = (await this.owners.owners(key)).filter((id) => visible.has(id));

    if (owners.length === 0) {
      const settings = this.#settings(request);
      const lookup = await locateOwners(this.#deps.registry, appliances, key, settings);
      if (lookup.owners.length > 0) this.owners.learn(key, lookup.owners);
      owners = lookup.owners;
      if (owners.length === 0) throw notFound(key, appliances, lookup.failures);
    }
    if (owners.length > 1) {
      throw new GatewayError(
        'AMBIGUOUS_RESOURCE',
        `${key} exists on several appliances: ${owners.join(', ')}.`,
        { details: key, data: { uri: key, appliances: owners } },
      );
    }
    return this.#deps.registry.get(owners[0] ?? '') ?? raceWithReload(key);
  }

  /** Forgets that an appliance owns a path's resource, after it answered 404 for it. */
  forgetOwner(path: string, applianceId: string): void {
    const key = resourceKey(path);
    if (key !== null) this.owners.forget(key, applianceId);
  }

  /** Learns owners from a task an appliance started (through any face). */
  learnTask(request: ForwardRequest, taskUri: string, body: unknown): void {
    const resource = (body as { associatedResource?: { resourceUri?: unknown } } | null)
      ?.associatedResource?.resourceUri;
    const uris = [taskUri, request.path, typeof resource === 'string' ? resource : ''];
    for (const uri of uris) {
      const key = resourceKey(uri);
      if (key !== null) this.owners.learn(key, [request.appliance.id]);
    }
  }

  #visible(client: Client): Appliance[] {
    const appliances = this.#deps.registry
      .all()
      .filter((appliance) =>
        canSeeAppliance(client, { id: appliance.id, labels: appliance.config.labels }),
      );
    if (appliances.length === 0) {
      throw new GatewayError('FORBIDDEN', `Client ${client.id} may reach no appliance.`);
    }
    return appliances;
  }

  #settings(request: FleetRequest): FanOutSettings {
    const { concurrency, timeoutMs } = this.#deps.fleet;
    const { requestId, clientVersion } = request;
    return { concurrency, timeoutMs, requestId, clientVersion };
  }
}

function notFound(
  key: string,
  appliances: readonly Appliance[],
  failures: GatewayError['nestedErrors'],
): GatewayError {
  if (failures.length === appliances.length) {
    return new GatewayError(
      'ALL_APPLIANCES_FAILED',
      `No appliance could say whether it owns ${key}.`,
      { details: key, nestedErrors: failures },
    );
  }
  const unsure = failures.length > 0 ? ` (${failures.length} could not be asked)` : '';
  return new GatewayError('RESOURCE_NOT_FOUND', `No appliance owns ${key}${unsure}.`, {
    details: key,
    nestedErrors: failures,
  });
}

/** An owner that the index names but the configuration no longer has (a reload removed it). */
function raceWithReload(key: string): never {
  throw new GatewayError('RESOURCE_NOT_FOUND', `No configured appliance owns ${key}.`, {
    details: key,
  });
}
