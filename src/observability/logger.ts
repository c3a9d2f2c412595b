import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';

/** The gateway's logger type: pino, JSON lines. */
export type { Logger } from 'pino';

/**
 * SECURITY: credentials and session ids are removed by path at any depth (pino's redact
 * supports one wildcard per path, so each depth that occurs is listed).
 */
const SECRET_KEYS = ['auth', 'authorization', 'x-api-key', 'password', 'sessionID', 'cookie'];
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [
  `["${key}"]`,
  `*["${key}"]`,
  `*.*["${key}"]`,
  `*.*.*["${key}"]`,
  `*.*.*.*["${key}"]`,
]);

/** Creates the root logger; `destination` defaults to stdout. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ovgw' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
