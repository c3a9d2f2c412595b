import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CATALOGUE } from '../../../src/errors/catalogue';

/** The rows of README's error table: errorCode, status, when, what to do. */
function readmeRows(): Map<string, { status: string; action: string }> {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const rows = new Map<string, { status: string; action: string }>();
  for (const line of readme.split('\n')) {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '').trim());
    const [code, status, , action] = cells;
    if (code && /^[A-Z_]+$/.test(code) && status && action) rows.set(code, { status, action });
  }
  return rows;
}

describe("README's error table", () => {
  const rows = readmeRows();

  it('lists exactly the codes of the catalogue', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
  });

  it.each(Object.entries(ERROR_CATALOGUE))('gives %s its status and action', (code, entry) => {
    const row = rows.get(code);
    const status =
      code === 'APPLIANCE_BAD_RESPONSE' ? 'as received, else 502' : String(entry.status);

    expect(row).toEqual({ status, action: entry.action });
  });
});
