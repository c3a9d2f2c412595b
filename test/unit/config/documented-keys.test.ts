import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_DIR, parseConfig } from '../../../src/config/load-config';
import { configSchema } from '../../../src/config/schema';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Dotted leaf paths of a value; list items as `[]`, an empty list as a leaf itself. */
function leavesOf(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [prefix] : leavesOf(value[0], `${prefix}[]`);
  }
  if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([key, child]) =>
    leavesOf(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

/** Every key of the schema, list items included (one appliance and one client filled in). */
function schemaKeys(): string[] {
  const { config } = parseConfig(
    {
      appliances: [{ id: 'a', url: 'http://a', credentials: { userName: 'u', passwordEnv: 'PW' } }],
      auth: { clients: [{ id: 'c', keySha256: '0'.repeat(64) }] },
    },
    { PW: 'x' },
  );
  // Optional keys that a filled-in entry leaves out.
  return [...leavesOf(config), 'appliances[].credentials.passwordFile'].sort();
}

/** The keys named in the first column of README's Configuration table. */
function readmeKeys(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  // The key table only: the subsections after it (reloading) have tables of their own.
  const section = readme.split('\n## Configuration\n')[1]?.split('\n#')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

describe('the documentation of the configuration', () => {
  it('gives every key of the schema a row in README, or a row for the object holding it', () => {
    const documented = readmeKeys();
    const covered = (key: string): boolean =>
      documented.some(
        (row) => key === row || key.startsWith(`${row}.`) || key.startsWith(`${row}[]`),
      );

    expect(schemaKeys().filter((key) => !covered(key))).toEqual([]);
  });

  it('names no key in README that the schema does not have', () => {
    const keys = schemaKeys();
    const exists = (row: string): boolean =>
      keys.some((key) => key === row || key.startsWith(`${row}.`) || key.startsWith(`${row}[]`));

    expect(readmeKeys().filter((row) => !exists(row))).toEqual([]);
  });

  it('sets every scalar key in config/default.yaml, to the default the schema gives it', () => {
    const file = parse(readFileSync(path.join(CONFIG_DIR, 'default.yaml'), 'utf8')) as object;

    expect(file).toEqual(configSchema.parse({}));
  });

  it('comments every key of config/default.yaml', () => {
    const text = readFileSync(path.join(CONFIG_DIR, 'default.yaml'), 'utf8');

    expect(uncommentedKeys(text)).toEqual([]);
  });
});

/**
 * The keys of a YAML file that no comment explains. A key is explained by a comment line
 * right above it, or by naming it in the comment above it or above its section (a few
 * keys share one comment; a flow mapping is explained by the comment above its line).
 */
function uncommentedKeys(text: string): string[] {
  const missing: string[] = [];
  let block = '';
  let sectionComment = '';
  let previousWasComment = false;

  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      block = previousWasComment ? `${block}\n${trimmed}` : trimmed;
      previousWasComment = true;
      continue;
    }
    const key = /^(\s*)([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!key) {
      previousWasComment = previousWasComment && trimmed === '';
      continue;
    }
    const [, indent = '', name = '', value = ''] = key;
    const explained =
      previousWasComment || new RegExp(`\\b${name}\\b`).test(`${block}\n${sectionComment}`);
    if (indent === '') sectionComment = previousWasComment ? block : '';
    if (value !== '' && !explained) missing.push(name);
    previousWasComment = false;
  }
  return missing;
}
