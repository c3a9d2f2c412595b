import { loadConfig } from '../config/load-config';

/** `ovgw check-config`: validates the configuration and says what is wrong; exit 1 if any. */
export function checkConfig(options: { config?: string }): void {
  const loaded = loadConfig({ configFile: options.config });
  for (const warning of loaded.warnings) process.stderr.write(`config warning: ${warning}\n`);
  const { appliances, auth } = loaded.config;
  process.stdout.write(
    `config ok: ${appliances.length} appliance(s), ${auth.clients.length} client(s), ` +
      `files: ${loaded.files.join(', ')}\n`,
  );
}
