import type { ApplianceRegistry } from '../appliances/registry';
import type { Logger } from '../observability/logger';
import type { TaskStore } from './task-store';

/** What the watcher's rounds work with. */
export interface WatchContext {
  registry: ApplianceRegistry;
  tasks: TaskStore;
  log: Logger;
  pollIntervalMs: number;
  /** Longest one appliance call may take: well inside the lease, so rounds never overlap. */
  callTimeoutMs: number;
  /** Polls in a row that found a task unchanged, per task (this replica's memory only). */
  unchanged: Map<string, number>;
}
