import { hasRedisServer, startRedisServer } from './redis-server';
import { startSecretAudit } from './secret-audit';
import type { RedisServerHandle } from './redis-server';

declare global {
  var ovgwTestRedis: RedisServerHandle | undefined;
}

/**
 * Starts one private redis-server for the whole run (or takes REDIS_URL), so that tests
 * never touch the machine's own Redis or depend on its contents.
 */
export default async function globalSetup(): Promise<void> {
  startSecretAudit();
  if (process.env.REDIS_URL) {
    process.env.OVGW_TEST_REDIS_URL = process.env.REDIS_URL;
    return;
  }
  if (!hasRedisServer()) {
    throw new Error(
      'The tests need a real Redis: install redis-server (Debian/Ubuntu: ' +
        '`sudo apt-get install -y redis-server`, macOS: `brew install redis`) ' +
        'or set REDIS_URL=redis://host:port to a Redis the tests may write to.',
    );
  }
  const server = await startRedisServer();
  globalThis.ovgwTestRedis = server;
  process.env.OVGW_TEST_REDIS_URL = server.url;
}
