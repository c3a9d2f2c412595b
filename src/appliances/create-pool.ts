import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import type { ApplianceConfig } from '../config/schema';

/**
 * A keep-alive connection pool to one appliance, sized by its `maxConcurrent` and with its
 * own TLS settings. undici tells a connect timeout, a headers timeout and a reset apart,
 * which the error mapping needs.
 */
export function createPool(appliance: ApplianceConfig): Pool {
  const url = new URL(appliance.url);
  const ca = appliance.tls.caFile ? readFileSync(appliance.tls.caFile) : undefined;

  return new Pool(url.origin, {
    connections: appliance.maxConcurrent,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: appliance.timeouts.requestMs,
    bodyTimeout: appliance.timeouts.requestMs,
    connect: {
      timeout: appliance.timeouts.connectMs,
      rejectUnauthorized: appliance.tls.rejectUnauthorized,
      ...(ca ? { ca } : {}),
    },
  });
}
