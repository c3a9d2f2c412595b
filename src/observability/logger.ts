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

const LINE_OPTIONS = {
  base: { service: 'ovgw' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label: string) => ({ level: label }) },
};

/**
 * Creates the root logger; `destination` defaults to stdout, written asynchronously in
 * batches of up to 4 KiB or every 250 ms, instead of a system call per line (under load a
 * line per request costs that much). pino flushes what is left when the process exits.
 */
export function createLogger(
  level: string,
  destination: DestinationStream = pino.destination({
    dest: 1,
    sync: false,
    minLength: 4096,
    periodicFlush: 250,
  }),
): Logger {
  return pino(
    { ...LINE_OPTIONS, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination,
  );
}

/**
 * The request log of the proxy path: one line per request, written where `log` writes, at
 * its level, in the same shape.
 * SECURITY: it has no redaction pass, so it must only ever be given the fixed fields of a
 * request line (ids, method, route template, status, durations), never headers, bodies or
 * errors. Redaction at any depth cost a quarter of the gateway's CPU per proxied request
 * (bench/README.md, "Where the gateway's time goes").
 */
export function createRequestLogger(log: Logger): Logger {
  const destination = (log as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  return pino({ ...LINE_OPTIONS, level: log.level }, destination);
}
