import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { ApplianceRegistry } from '../appliances/registry';
import type { ClientDirectory } from '../auth/clients';
import type { RateLimits } from '../auth/rate-limits';
import type { ForwardHooks } from '../proxy/forward-request';
import type { GatewayConfig } from '../config/schema';

/** What the faces share: the registry, clients, logs, metrics and settings. */
export interface FaceDeps {
  config: GatewayConfig;
  registry: ApplianceRegistry;
  clients: ClientDirectory;
  rateLimits: RateLimits;
  log: Logger;
  /** One line per proxied request: fixed fields only, never headers or errors. */
  requestLog: Logger;
  metrics: Metrics;
  hooks: ForwardHooks;
}
