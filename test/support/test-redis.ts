import { randomBytes } from 'node:crypto';

/** The Redis URL of this test run (set by the global setup). */
export function testRedisUrl(): string {
  const url = process.env.OVGW_TEST_REDIS_URL;
  if (!url) throw new Error('OVGW_TEST_REDIS_URL is not set: run the tests through jest');
  return url;
}

/** A key prefix of its own for each caller, so that tests never see each other's keys. */
export function uniqueKeyPrefix(label: string): string {
  return `ovgw-test:${label}:${randomBytes(4).toString('hex')}:`;
}
