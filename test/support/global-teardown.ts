import { findShownSecrets } from './secret-audit';

/**
 * Stops the private redis-server of the run, if one was started, then fails the run if a
 * password, API key or appliance session of any test showed up in anything the gateway
 * showed: a log line, an answer, a metric.
 */
export default async function globalTeardown(): Promise<void> {
  await globalThis.ovgwTestRedis?.stop();

  const leaks = findShownSecrets();
  if (leaks.length > 0) throw new Error(`secrets leaked:\n${leaks.join('\n')}`);
}
