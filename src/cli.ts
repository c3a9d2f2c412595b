#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { hashKey } from './auth/clients';
import { checkConfig } from './commands/check-config';
import { runDemo } from './commands/demo';
import { reportStartError } from './commands/report-config-error';
import { serve } from './commands/serve';
import { simulate } from './commands/simulate';

const program = new Command('ovgw')
  .description('One HTTP endpoint in front of a fleet of HPE OneView appliances.')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the gateway')
  .option(
    '-c, --config <file>',
    'config file read after config/default.yaml (instead of local.yaml)',
  )
  .action(async (options: { config?: string }) => {
    await serve(options);
  });

program
  .command('check-config')
  .description('validate the configuration and print every problem (exit 1 when any)')
  .option(
    '-c, --config <file>',
    'config file read after config/default.yaml (instead of local.yaml)',
  )
  .action((options: { config?: string }) => checkConfig(options));

program
  .command('hash-key')
  .description('print the sha256 of an API key, for auth.clients[].keySha256')
  .argument('<key>', 'the API key (16 characters or more)', toApiKey)
  .action((key: string) => {
    process.stdout.write(`${hashKey(key)}\n`);
  });

program
  .command('demo')
  .description('three simulated appliances (old, mid, current) and a gateway in front of them')
  .option('-p, --port <port>', 'gateway port', toPort, 8080)
  .action(async (options: { port: number }) => {
    await runDemo(options);
  });

program
  .command('simulate')
  .description('run simulated OneView appliances')
  .option('--count <n>', 'number of appliances', toInt, 1)
  .option('--port <port>', 'first port; 0 picks free ports', toPort, 0)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--tls', 'HTTPS with a self-signed certificate', false)
  .option('--versions <list>', 'minimum:current per appliance, cycled', '120:8600')
  .option('--servers <n>', 'server-hardware per appliance', toInt, 24)
  .option('--seed <n>', 'data seed', toInt, 1)
  .option('--page-size <n>', 'most members in one answer', toInt, 32)
  .option('--task-ms <ms>', 'time for a task to complete', toInt, 1500)
  .option('--user <name>', 'user name', 'Administrator')
  .option('--password <password>', 'password', 'admin123')
  .option('--latency-ms <ms>', 'delay before every answer', toInt, 0)
  .option('--session-idle-ms <ms>', 'idle time before a session expires', toInt, 86_400_000)
  .option('--backup-mb <n>', 'size of a backup download', toInt, 1)
  .option('--absolute-location', 'absolute Location headers on 202 answers', false)
  .action(async (options: Parameters<typeof simulate>[0]) => {
    await simulate(options);
  });

function toInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

function toPort(value: string): number {
  const port = toInt(value);
  if (port > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535');
  return port;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  // Exit at once: a failed start may leave servers (the demo's simulators) or a store
  // connection open, which would keep the process alive.
  process.exit(reportStartError(error));
});

/** An API key worth hashing: long enough not to be guessed. */
function toApiKey(value: string): string {
  if (value.trim().length < 16) {
    throw new InvalidArgumentError('expected a key of 16 characters or more');
  }
  return value;
}
