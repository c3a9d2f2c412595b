import type { Appliance } from '../appliances/appliance';
import type { ApplianceRegistry } from '../appliances/registry';
import type { ErrorMessage } from '../errors/error-message';

/** An appliance as the gateway face shows it (SPEC 3.4); never any credential. */
export interface ApplianceView {
  id: string;
  url: string;
  labels: Record<string, string>;
  state: Appliance['state'];
  apiVersion: {
    minimumVersion: number | null;
    currentVersion: number | null;
    negotiated: number | null;
    source: 'negotiated' | 'pinned';
    fetchedAt: string | null;
  };
  circuit: Appliance['circuit']['state'];
  session: 'none' | 'active' | 'failed';
  mode: 'gateway-session' | 'passthrough';
  inflight: number;
  queued: number;
  lastError: ErrorMessage | null;
}

/** Describes an appliance from what the gateway already knows, without calling it. */
export function describeAppliance(
  appliance: Appliance,
  registry: ApplianceRegistry,
): ApplianceView {
  const known = registry.knownVersion(appliance);
  const range = known?.range ?? null;

  return {
    id: appliance.id,
    url: appliance.url,
    labels: appliance.config.labels,
    state: appliance.state,
    apiVersion: {
      minimumVersion: range?.minimumVersion ?? null,
      currentVersion: range?.currentVersion ?? null,
      negotiated: known?.decision.compatible ? known.decision.negotiated : null,
      source: appliance.config.apiVersion === null ? 'negotiated' : 'pinned',
      fetchedAt: known?.entry.fetchedAt ?? null,
    },
    circuit: appliance.circuit.state,
    session: appliance.sessions?.state ?? 'none',
    mode: appliance.sessions ? 'gateway-session' : 'passthrough',
    inflight: appliance.bulkhead.active,
    queued: appliance.bulkhead.queued,
    lastError: appliance.lastError,
  };
}
