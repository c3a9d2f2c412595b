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

interface SortKey {
  parts: string[];
  direction: number;
  /** `:natural`: digit runs compare as numbers, so `bay 2` comes before `bay 10`. */
  natural: boolean;
}

/**
 * Parses `attr[:asc|ascending|desc|descending[:natural]]`, comma-separated for several keys.
 * Values compare case-insensitively; missing values sort first when ascending.
 */
export function parseSort(raw: string): Comparator {
  const keys = raw.split(',').map((part) => parseKey(part.trim()));
  return (left, right) => {
    for (const { parts, direction, natural } of keys) {
      const a = firstValue(left, parts);
      const b = firstValue(right, parts);
      const order = natural ? compareNatural(a, b) : compareValues(a, b);
      if (order !== 0) return order * direction;
    }
    return 0;
  };
}

function parseKey(text: string): SortKey {
  const [attribute = '', direction = 'asc', modifier, ...rest] = text.split(':');
  const sign = DIRECTIONS[direction.toLowerCase()];
  if (!/^[A-Za-z_][\w.]*$/.test(attribute)) {
    throw new QuerySyntaxError(`Invalid sort attribute ${JSON.stringify(attribute)}.`);
  }
  if (sign === undefined) throw new QuerySyntaxError(`Invalid sort direction ${direction}.`);
  if ((modifier !== undefined && modifier.toLowerCase() !== 'natural') || rest.length > 0) {
    throw new QuerySyntaxError(`Invalid sort modifier in ${JSON.stringify(text)}.`);
  }
  return { parts: attribute.split('.'), direction: sign, natural: modifier !== undefined };
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

function compareNatural(left: Json, right: Json): number {
  if (left === null || right === null || typeof left === 'object' || typeof right === 'object') {
    return compareValues(left, right);
  }
  const a = splitDigits(String(left).toLowerCase());
  const b = splitDigits(String(right).toLowerCase());
  for (let at = 0; at < Math.min(a.length, b.length); at += 1) {
    const x = a[at] as string | number;
    const y = b[at] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    // Digits come before letters, as they do in character order.
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function splitDigits(text: string): Array<string | number> {
  return (text.match(/\d+|\D+/g) ?? []).map((chunk) => (/^\d/.test(chunk) ? Number(chunk) : chunk));
}
