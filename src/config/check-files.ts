import { accessSync, constants } from 'node:fs';
import { describeFileError } from './describe-file-error';
import type { GatewayConfig } from './schema';

/**
 * The files a configuration names (TLS certificates, keys, CAs), checked for readability at
 * load time, so that a missing one is a one-line problem and not a failure at start.
 */
export function checkFiles(config: GatewayConfig): string[] {
  const problems: string[] = [];
  const { certFile, keyFile } = config.server.tls;

  if ((certFile === null) !== (keyFile === null)) {
    problems.push('server.tls: expected both certFile and keyFile, or neither');
  }
  if (certFile !== null) problems.push(...unreadable('server.tls.certFile', certFile));
  if (keyFile !== null) problems.push(...unreadable('server.tls.keyFile', keyFile));
  config.appliances.forEach((appliance, index) => {
    const caFile = appliance.tls.caFile;
    if (caFile !== null) problems.push(...unreadable(`appliances[${index}].tls.caFile`, caFile));
  });
  return problems;
}

function unreadable(key: string, file: string): string[] {
  try {
    accessSync(file, constants.R_OK);
    return [];
  } catch (error) {
    return [`${key}: cannot read ${file}: ${describeFileError(error)}`];
  }
}
