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

/** What the issues are read against: the input, its schema, and where values came from. */
export interface IssueContext {
  input: unknown;
  /** The schema validated against, to name the keys it knows beside an unknown one. */
  schema?: core.$ZodType;
  /** Dotted key paths set from the environment, with the variable that set each. */
  envSources?: ReadonlyMap<string, string>;
}

/**
 * One line per validation issue: the key path, the value received (and the environment
 * variable it came from, if any) and what was expected, so that an operator can fix the
 * file without reading the schema.
 */
export function formatIssues(issues: core.$ZodIssue[], context: IssueContext): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = context.schema ? keysAt(context.schema, issue.path) : [];
      const expected = known.length > 0 ? `, expected one of ${known.join(', ')}` : '';
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        const received = describe(valueAt(context.input, path));
        return `${formatPath(path)}: received ${received}: unknown key${expected}`;
      });
    }
    const where = formatPath(issue.path);
    const variable = context.envSources?.get(where);
    const from = variable ? ` (from ${variable})` : '';
    const received = describe(valueAt(context.input, issue.path));
    return [`${where}: received ${received}${from}: ${expectation(issue)}`];
  });
}

function expectation(issue: core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/** The keys an object of the schema takes at `path`; none when it is not an object. */
function keysAt(schema: core.$ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: core.$ZodType | undefined = schema;
  for (const key of path) {
    const def: core.$ZodTypeDef | undefined = current && unwrap(current)._zod.def;
    if (def?.type === 'array' && typeof key === 'number') {
      current = (def as core.$ZodArrayDef).element;
    } else if (def?.type === 'object' && typeof key === 'string') {
      current = (def as core.$ZodObjectDef).shape[key];
    } else {
      return [];
    }
  }
  const def = current && unwrap(current)._zod.def;
  return def?.type === 'object' ? Object.keys((def as core.$ZodObjectDef).shape) : [];
}

/** Looks through defaults, optionals and nullables to the schema they wrap. */
function unwrap(schema: core.$ZodType): core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { innerType?: core.$ZodType };
    if (def.innerType === undefined) return current;
    current = def.innerType;
  }
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
  // SECURITY: a URL's password (a Redis URL from REDIS_URL) never reaches the output.
  const text = JSON.stringify(value)
    .replace(/(\/\/[^/@:"]*:)[^/@"]+@/g, '$1[redacted]@')
    .replace(/([?&]sentinelPassword=)[^&"]+/g, '$1[redacted]');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
