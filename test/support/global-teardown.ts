/** Stops the private redis-server of the run, if one was started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.ovgwTestRedis?.stop();
}
