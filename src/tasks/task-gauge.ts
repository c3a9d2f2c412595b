import type { Metrics } from '../observability/metrics';
import type { Store } from '../store/store';
import { TASK_KEYS } from './task-keys';
import { TASK_STATES } from './task-state';

/**
 * Sets `ovgw_tasks{appliance,state}` from the store's per-appliance state indexes. Only the
 * replica that watches an appliance reports it, so that a sum over replicas counts once.
 */
export async function recordTaskCounts(
  store: Store,
  metrics: Metrics,
  applianceId: string,
): Promise<void> {
  const sizes = await Promise.all(
    TASK_STATES.map((state) => store.indexSize(TASK_KEYS.byApplianceState(applianceId, state))),
  );
  TASK_STATES.forEach((state, index) => {
    metrics.tasks.set({ appliance: applianceId, state }, sizes[index] ?? 0);
  });
}

/** Stops reporting an appliance this replica no longer watches. */
export function forgetTaskCounts(metrics: Metrics, applianceId: string): void {
  for (const state of TASK_STATES) metrics.tasks.remove({ appliance: applianceId, state });
}
