import type { core } from 'zod';

/** Formats a key path the way a YAML reader would point at it: `appliances[0].url`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

/**
 * One line per validation issue: the key path, the value received and what was expected,
 * so that an operator can fix the file without reading the schema.
 */
export function formatIssues(issues: core.$ZodIssue[], input: unknown): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) => `${formatPath([...issue.path, key])}: unknown key (check its spelling and place)`,
      );
    }
    const where = formatPath(issue.path);
    const received = describe(valueAt(input, issue.path));
    return [`${where}: received ${received}: ${expectation(issue)}`];
  });
}

function expectation(issue: core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  return issue.message.replace(/^Invalid input: /, '');
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
