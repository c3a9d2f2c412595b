import { ConfigError } from '../config/config-error';
import { exposureProblem } from '../config/exposure';
import type { GatewayConfig } from '../config/schema';

export { isLoopbackHost } from '../config/exposure';

/** Throws when a configuration would serve a fleet without keys beyond loopback. */
export function checkExposure(config: GatewayConfig): void {
  const problem = exposureProblem(config.auth, config.server.host);
  if (problem !== null) throw new ConfigError([`auth.mode: received "none": ${problem}`]);
}
