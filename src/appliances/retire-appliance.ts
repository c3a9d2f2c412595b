import type { Appliance } from './appliance';
import type { Metrics } from '../observability/metrics';

/** What retiring an appliance needs from the registry. */
export interface RetireOptions {
  /** Longest wait for the appliance's requests in flight (`server.shutdownTimeoutMs`). */
  drainMs: number;
  /** Logs out of the appliance's session, if one is held; never throws. */
  logOut: () => Promise<void>;
  metrics: Metrics;
  /** True when no appliance with this id is served any more: its gauges go too. */
  removed: boolean;
}

const VERSION_KINDS = ['current', 'minimum', 'negotiated'] as const;

/**
 * Ends an appliance taken out of the registry by a reload: its requests in flight finish
 * first (new ones can no longer reach it), then its session is logged out and its pool
 * closed. A request still running after `drainMs` keeps its connection until its own
 * deadline; the session is logged out all the same.
 */
export async function retireAppliance(appliance: Appliance, options: RetireOptions): Promise<void> {
  const idle = await appliance.bulkhead.whenIdle(options.drainMs);
  if (!idle) {
    appliance.log.warn(
      { drainMs: options.drainMs },
      'requests still in flight after server.shutdownTimeoutMs; closing the appliance anyway',
    );
  }
  await options.logOut();
  await appliance.close();
  if (options.removed) forgetGauges(options.metrics, appliance.id);
  appliance.log.info({ removed: options.removed }, 'appliance retired');
}

/** A removed appliance leaves /metrics, so that dashboards do not show it as down. */
function forgetGauges(metrics: Metrics, id: string): void {
  const labels = { appliance: id };
  metrics.applianceUp.remove(labels);
  metrics.circuitState.remove(labels);
  metrics.inflight.remove(labels);
  for (const kind of VERSION_KINDS) metrics.applianceApiVersion.remove({ ...labels, kind });
}
