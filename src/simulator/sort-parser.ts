import type { Json, JsonObject } from './json';
import { resolvePath } from './filter-conditions';
import { QuerySyntaxError } from './filter-tokens';

/** Orders two resources as a `sort` parameter asks. */
export type Comparator = (left: JsonObject, right: JsonObject) => number;

const DIRECTIONS: Readonly<Record<string, number>> = {
  asc: 1,
  ascending: 1,
  desc: -1,
  descending: -1,
};

/**
 * Parses `attr[:asc|ascending|desc|descending[:natural]]`, comma-separated for several keys.
 * Values compare case-insensitively; missing values sort first when ascending.
 */
export function parseSort(raw: string): Comparator {
  const keys = raw.split(',').map((part) => parseKey(part.trim()));
  return (left, right) => {
    for (const { parts, direction } of keys) {
      const order = compareValues(firstValue(left, parts), firstValue(right, parts));
      if (order !== 0) return order * direction;
    }
    return 0;
  };
}

function parseKey(text: string): { parts: string[]; direction: number } {
  const [attribute = '', direction = 'asc', modifier, ...rest] = text.split(':');
  const sign = DIRECTIONS[direction.toLowerCase()];
  if (!/^[A-Za-z_][\w.]*$/.test(attribute)) {
    throw new QuerySyntaxError(`Invalid sort attribute ${JSON.stringify(attribute)}.`);
  }
  if (sign === undefined) throw new QuerySyntaxError(`Invalid sort direction ${direction}.`);
  if ((modifier !== undefined && modifier.toLowerCase() !== 'natural') || rest.length > 0) {
    throw new QuerySyntaxError(`Invalid sort modifier in ${JSON.stringify(text)}.`);
  }
  return { parts: attribute.split('.'), direction: sign };
}

function firstValue(resource: JsonObject, parts: readonly string[]): Json {
  return resolvePath(resource, parts)[0] ?? null;
}

function compareValues(left: Json, right: Json): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  const a = typeof left === 'object' ? JSON.stringify(left) : String(left).toLowerCase();
  const b = typeof right === 'object' ? JSON.stringify(right) : String(right).toLowerCase();
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
