import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkFiles } from './check-files';
import { ConfigError } from './config-error';
import { readEnvOverrides } from './env-overrides';
import { formatIssues } from './format-issues';
import type { IssueContext } from './format-issues';
import { readYamlFile } from './read-yaml-file';
import { resolveSecrets } from './resolve-secrets';
import { configSchema } from './schema';
import type { GatewayConfig } from './schema';
import type { Secret } from './secret';
import { hasRedisPassword } from '../store/parse-redis-url';

/** The folder of config/default.yaml, beside src/ and dist/. */
export const CONFIG_DIR = path.resolve(__dirname, '..', '..', 'config');

/** Where the configuration comes from. */
export interface LoadOptions {
  /** Replaces config/local.yaml; config/default.yaml is still read first. */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Skip config/default.yaml and config/local.yaml (tests and the demo build their own). */
  skipDefaultFiles?: boolean;
  /** An object merged after the files and before the environment. */
  overrides?: Record<string, unknown>;
}

/** A validated configuration with its secrets read. */
export interface LoadedConfig {
  config: GatewayConfig;
  passwords: Map<string, Secret>;
  files: string[];
  /** What is odd but not wrong (an OVGW_ variable that names no key), for the log. */
  warnings: string[];
}

/**
 * Loads the configuration: YAML files merged in order, then the environment, validated as
 * a whole. Throws a ConfigError listing every problem found, one line each.
 */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const files = configFiles(options, env);
  const problems: string[] = [];
  let merged: Record<string, unknown> = {};

  for (const file of files) {
    const read = readYamlFile(file);
    if (!read.ok) problems.push(...read.problems);
    else if (read.value != null) merged = mergeDeep(merged, checkIsMap(read.value, file, problems));
  }
  if (options.overrides) merged = mergeDeep(merged, options.overrides);

  const overrides = readEnvOverrides(env, leafPaths());
  problems.push(...refuseLiteralPasswords(merged), ...refuseRedisPassword(merged));
  merged = mergeDeep(merged, overrides.values);
  const context: IssueContext = {
    input: merged,
    schema: configSchema,
    envSources: overrides.sources,
  };
  if (problems.length === 0) {
    const loaded = validate(context, env, files);
    const named = namedVariables(loaded.config);
    loaded.warnings.push(
      ...overrides.unknown
        .filter((name) => !named.has(name))
        .map((name) => `${name}: names no configuration key; ignored`),
    );
    return loaded;
  }

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) problems.push(...formatIssues(parsed.error.issues, context));
  throw new ConfigError(problems);
}

/** Validates a plain object as a configuration (no files, no environment). */
export function parseConfig(input: unknown, env: NodeJS.ProcessEnv = {}): LoadedConfig {
  return validate({ input, schema: configSchema }, env, []);
}

function validate(context: IssueContext, env: NodeJS.ProcessEnv, files: string[]): LoadedConfig {
  const parsed = configSchema.safeParse(context.input);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error.issues, context));

  const secrets = resolveSecrets(parsed.data, env);
  const problems = [...(secrets.ok ? [] : secrets.problems), ...checkFiles(parsed.data)];
  if (!secrets.ok || problems.length > 0) throw new ConfigError(problems);
  return { config: parsed.data, passwords: secrets.passwords, files, warnings: [] };
}

/** Variables the configuration itself names (passwordEnv), which are not overrides. */
function namedVariables(config: GatewayConfig): Set<string> {
  const names = config.appliances.flatMap((a) =>
    a.credentials?.passwordEnv ? [a.credentials.passwordEnv] : [],
  );
  return new Set(names);
}

function configFiles(options: LoadOptions, env: NodeJS.ProcessEnv): string[] {
  const files: string[] = [];
  if (!options.skipDefaultFiles) files.push(path.join(CONFIG_DIR, 'default.yaml'));
  const explicit = options.configFile ?? env.OVGW_CONFIG;
  if (explicit) files.push(path.resolve(explicit));
  else if (!options.skipDefaultFiles && existsSync(path.join(CONFIG_DIR, 'local.yaml'))) {
    files.push(path.join(CONFIG_DIR, 'local.yaml'));
  }
  return files;
}

function checkIsMap(value: unknown, file: string, problems: string[]): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  problems.push(`${file}: expected a YAML mapping of configuration keys at the top level`);
  return {};
}

/**
 * SECURITY: a password written into a file ends up in backups, diffs and support bundles.
 * The key is removed here so that validation does not report it a second time.
 */
function refuseLiteralPasswords(config: Record<string, unknown>): string[] {
  const appliances = config.appliances;
  if (!Array.isArray(appliances)) return [];

  return appliances.flatMap((entry: unknown, index) => {
    const credentials = (entry as { credentials?: Record<string, unknown> } | null)?.credentials;
    if (typeof credentials !== 'object' || credentials === null || !('password' in credentials)) {
      return [];
    }
    delete credentials.password;
    return [
      `appliances[${index}].credentials.password: refused: passwords never sit in a config ` +
        'file; name an environment variable with passwordEnv or a file with passwordFile',
    ];
  });
}

/**
 * SECURITY: a Redis URL carries its password inline, so in a file it is refused as well;
 * the REDIS_URL variable (filled from a secret store) is where such a URL belongs.
 */
function refuseRedisPassword(config: Record<string, unknown>): string[] {
  const redisUrl = (config.store as { redisUrl?: unknown } | undefined)?.redisUrl;
  if (typeof redisUrl !== 'string' || !hasRedisPassword(redisUrl)) return [];
  return [
    'store.redisUrl: refused: the URL holds a password, and passwords never sit in a config ' +
      'file; set the whole URL in the REDIS_URL environment variable instead',
  ];
}

let cachedLeafPaths: string[] | undefined;

function leafPaths(): string[] {
  cachedLeafPaths ??= collectLeaves(configSchema.parse({}), '');
  return cachedLeafPaths;
}

function collectLeaves(value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    collectLeaves(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

function mergeDeep(
  base: Record<string, unknown>,
  top: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top)) {
    const current = result[key];
    result[key] =
      isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
