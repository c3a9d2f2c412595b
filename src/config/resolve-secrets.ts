import { readFileSync } from 'node:fs';
import { describeFileError } from './describe-file-error';
import { Secret } from './secret';
import type { GatewayConfig } from './schema';

/** Appliance passwords by appliance id, or every problem met while reading them. */
export type SecretsRead =
  { ok: true; passwords: Map<string, Secret> } | { ok: false; problems: string[] };

/** Reads each appliance password from the variable or file its entry names. */
export function resolveSecrets(config: GatewayConfig, env: NodeJS.ProcessEnv): SecretsRead {
  const passwords = new Map<string, Secret>();
  const problems: string[] = [];

  config.appliances.forEach((appliance, index) => {
    const credentials = appliance.credentials;
    if (!credentials) return;
    const where = `appliances[${index}].credentials`;

    if (credentials.passwordEnv !== undefined) {
      const value = env[credentials.passwordEnv];
      if (value === undefined || value === '') {
        problems.push(
          `${where}.passwordEnv: environment variable ${credentials.passwordEnv} is not set`,
        );
      } else {
        passwords.set(appliance.id, new Secret(value));
      }
    } else if (credentials.passwordFile !== undefined) {
      try {
        const value = readFileSync(credentials.passwordFile, 'utf8').replace(/\r?\n$/, '');
        passwords.set(appliance.id, new Secret(value));
      } catch (error) {
        problems.push(
          `${where}.passwordFile: cannot read ${credentials.passwordFile}: ${describeFileError(error)}`,
        );
      }
    }
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, passwords };
}
