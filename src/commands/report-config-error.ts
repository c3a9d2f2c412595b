import { ConfigError } from '../config/config-error';

/**
 * Prints a configuration problem the way an operator reads it, one line each, with no
 * stack trace, and returns the exit code. Anything else is not a configuration problem.
 */
export function reportStartError(error: unknown): number {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
    return 1;
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    process.stderr.write(`cannot listen: ${(error as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}
