import Redis from 'ioredis';
import { testRedisUrl } from './test-redis';

/** Records every Redis command whose arguments mention a key prefix, through MONITOR. */
export interface CommandRecorder {
  commands: string[][];
  stop(): Promise<void>;
}

/** Starts recording the commands that touch keys or channels under `prefix`. */
export async function recordCommands(prefix: string): Promise<CommandRecorder> {
  const client = new Redis(testRedisUrl());
  const monitor = await client.monitor();
  const commands: string[][] = [];
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (args.some((arg) => arg.startsWith(prefix))) commands.push(args);
  });
  // MONITOR takes effect once its reply arrives; a ping round trip orders after it.
  await client.ping().catch(() => undefined);
  return {
    commands,
    stop() {
      monitor.disconnect();
      client.disconnect();
      return Promise.resolve();
    },
  };
}
