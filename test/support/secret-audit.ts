import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A record, across the whole test run, of what the gateway showed (log lines, answers to
 * clients, metrics) and of the secrets it held (passwords, API keys, its appliance
 * sessions). The global teardown fails the run when any secret shows up in any of it.
 */
const DIR_VARIABLE = 'OVGW_TEST_AUDIT_DIR';

/** Makes the run's folder; called once by the global setup. */
export function startSecretAudit(): void {
  process.env[DIR_VARIABLE] = mkdtempSync(path.join(tmpdir(), 'ovgw-secret-audit-'));
}

/** Keeps something the gateway showed: a log line, an answer's headers and body. */
export function recordShown(text: string): void {
  append('shown', text);
}

/** Keeps a secret that must never be shown. */
export function recordSecret(secret: string | null | undefined): void {
  if (secret) append('secrets', secret);
}

/** Where any recorded secret was shown, one line each; empty when nowhere. */
export function findShownSecrets(): string[] {
  const dir = process.env[DIR_VARIABLE];
  if (!dir) return [];
  const files = readdirSync(dir);
  const read = (suffix: string): string[] =>
    files
      .filter((name) => name.endsWith(suffix))
      .flatMap((name) => readFileSync(path.join(dir, name), 'utf8').split('\u0000'));
  const secrets = [...new Set(read('.secrets'))].filter((secret) => secret.length >= 8);
  const shown = read('.shown');

  return secrets.flatMap((secret) => {
    const where = shown.find((text) => text.includes(secret));
    return where === undefined
      ? []
      : [`a secret starting ${secret.slice(0, 4)}… was shown in: ${where.slice(0, 300)}`];
  });
}

function append(kind: 'shown' | 'secrets', text: string): void {
  const dir = process.env[DIR_VARIABLE];
  if (!dir) return;
  appendFileSync(path.join(dir, `${process.pid}.${kind}`), `${text}\u0000`);
}
