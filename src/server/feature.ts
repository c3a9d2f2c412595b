import type { Express } from 'express';
import type { ApplianceRegistry } from '../appliances/registry';
import type { ClientDirectory } from '../auth/clients';
import type { RateLimits } from '../auth/rate-limits';
import type { GatewayConfig } from '../config/schema';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { ForwardHooks } from '../proxy/forward-request';
import type { Store } from '../store/store';

/** What every part of the gateway is built from. */
export interface GatewayContext {
  config: GatewayConfig;
  store: Store;
  registry: ApplianceRegistry;
  clients: ClientDirectory;
  rateLimits: RateLimits;
  log: Logger;
  /** One line per proxied request: fixed fields only, never headers or errors. */
  requestLog: Logger;
  metrics: Metrics;
  /**
   * Every feature's forwarding hooks together, for a feature that forwards requests itself
   * (the fleet face). Filled once all features are built, before any request is served.
   */
  hooks: ForwardHooks;
}

/**
 * A part of the gateway beside the appliance face (the task feed, the fleet face): routes
 * to mount, hooks into the forwarding, and work that starts and stops with the gateway.
 */
export interface Feature {
  hooks?: ForwardHooks;
  /** Mounts the feature's routes on the express app, after the gateway face. */
  mount?(app: Express): void;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Builds a feature from the gateway's context. */
export type FeatureFactory = (context: GatewayContext) => Feature;

/** Combines the features' forwarding hooks into `target`, the context's shared set. */
export function combineHooks(features: Feature[], target: ForwardHooks): ForwardHooks {
  const onTask = features.flatMap((feature) =>
    feature.hooks?.onTask ? [feature.hooks.onTask] : [],
  );
  if (onTask.length > 0) {
    target.onTask = (request, taskUri, body) => {
      for (const hook of onTask) hook(request, taskUri, body);
    };
  }
  return target;
}
