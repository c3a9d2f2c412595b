'use strict';
// `npm run bench [-- --scenario NAME] [--quick] [--out FILE] [--tool wrk|autocannon]
//  [--no-nginx] [--no-workers] [--log-level LEVEL] [--compare-cli PATH/cli.js]`: runs one scenario (the main proxy comparison by default),
// prints its table and writes its JSON (bench/results/latest.json, or latest-NAME.json for
// a named scenario, or FILE).

const { writeResult } = require('./lib/report');

const SCENARIOS = {
  proxy: () => {
    const { runProxyScenario, formatProxyTable } = require('./scenarios/proxy');
    return { run: runProxyScenario, format: formatProxyTable };
  },
  backup: () => require('./scenarios/backup'),
  cold: () => require('./scenarios/cold'),
  fleet: () => require('./scenarios/fleet'),
  tasks: () => require('./scenarios/tasks'),
  watcher: () => require('./scenarios/watcher'),
  profile: () => require('./scenarios/profile'),
};

function parseArgs(argv) {
  const options = { scenario: 'proxy', quick: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--scenario') options.scenario = value();
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--out') options.out = value();
    else if (arg === '--tool') options.tool = value();
    else if (arg === '--duration') options.durationS = Number(value());
    else if (arg === '--rounds') options.rounds = Number(value());
    else if (arg === '--no-nginx') options.nginx = false;
    else if (arg === '--no-workers') options.workers = false;
    else if (arg === '--log-level') options.logLevel = value();
    else if (arg === '--compare-cli') options.compareCli = value();
    else if (arg === '--silent') options.silent = true;
    else if (arg === '--keep-profile') options.keepProfile = value();
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!SCENARIOS[options.scenario]) {
    throw new Error(
      `unknown scenario ${options.scenario}; one of ${Object.keys(SCENARIOS).join(', ')}`,
    );
  }
  if (options.tool && !['wrk', 'autocannon'].includes(options.tool)) {
    throw new Error('--tool is wrk or autocannon');
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const scenario = SCENARIOS[options.scenario]();
  process.stderr.write(`bench: scenario ${options.scenario}${options.quick ? ' (quick)' : ''}\n`);
  const result = await scenario.run(options);
  process.stdout.write(`\n${scenario.format(result)}\n`);
  const file = writeResult(result, options.scenario, options.out);
  process.stdout.write(`\nwritten to ${file}\n`);
}

main().then(
  // Exit explicitly: a keep-alive socket or a timer left by a client library must not keep
  // a finished benchmark alive.
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
    process.exit(1);
  },
);
