import { Writable } from 'node:stream';
import { createLogger } from '../../src/observability/logger';
import { recordShown } from './secret-audit';
import type { Logger } from '../../src/observability/logger';

/** A real pino logger whose lines are kept, parsed, for assertions. */
export interface CapturedLog {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
  raw: string[];
}

/** Creates a logger that writes JSON lines into memory instead of stdout. */
export function captureLog(level = 'info'): CapturedLog {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        raw.push(line);
        recordShown(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger(level, sink), lines, raw };
}
