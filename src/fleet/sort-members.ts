import { GatewayError } from '../errors/gateway-error';

/** One key of a OneView `sort` parameter. */
export interface SortKey {
  /** The attribute, split on dots (`status`, `mpHostInfo.mpHostName`). */
  path: string[];
  direction: 1 | -1;
  /** `:natural`: digit runs compare as numbers, so `bay 2` comes before `bay 10`. */
  natural: boolean;
}

/** A sort key's value for one member, computed once before sorting. */
type SortValue = null | number | string | Array<string | number>;

const DIRECTIONS: Readonly<Record<string, 1 | -1>> = {
  asc: 1,
  ascending: 1,
  desc: -1,
  descending: -1,
};

/**
 * Parses OneView's `sort`: `attr[:asc|ascending|desc|descending[:natural]]`, several keys
 * separated by commas. Throws BAD_REQUEST naming the part that is wrong.
 */
export function parseSort(raw: string): SortKey[] {
  return raw.split(',').map((part) => parseKey(part.trim()));
}

function parseKey(text: string): SortKey {
  const [attribute = '', direction = 'asc', modifier, ...rest] = text.split(':');
  const sign = DIRECTIONS[direction.toLowerCase()];
  const natural = modifier?.toLowerCase() === 'natural';
  if (!/^[A-Za-z_][\w.]*$/.test(attribute) || sign === undefined || rest.length > 0) {
    throw invalidSort(text);
  }
  if (modifier !== undefined && !natural) throw invalidSort(text);
  return { path: attribute.split('.'), direction: sign, natural };
}

function invalidSort(text: string): GatewayError {
  return new GatewayError('BAD_REQUEST', `Invalid sort ${JSON.stringify(text)}.`, {
    details: 'sort=attribute[:asc|desc[:natural]], comma-separated for several keys',
  });
}

/**
 * Sorts members as one appliance would: keys in order, values compared case-insensitively,
 * numbers as numbers, a missing value first when ascending (so last when descending). The
 * sort is stable, so members that tie keep the fleet's order.
 *
 * For speed on 40 000 members, each key's distinct values are sorted once and every member
 * gets its value's rank; the ranks of all keys and the member's index then fold into one
 * number, so the final sort is a native numeric sort with no comparator calls.
 */
export function sortMembers<T>(members: readonly T[], keys: readonly SortKey[]): T[] {
  const count = members.length;
  const columns = keys.map((key) => rankColumn(members, key));
  const span = columns.reduce((product, column) => product * column.distinct, 1);
  if (span * Math.max(count, 1) > Number.MAX_SAFE_INTEGER) {
    return sortByRanks(members, columns);
  }

  const folded = new Float64Array(count);
  for (let at = 0; at < count; at += 1) {
    let value = 0;
    for (const column of columns) value = value * column.distinct + (column.ranks[at] as number);
    folded[at] = value * count + at;
  }
  folded.sort();
  return Array.from(folded, (value) => members[value % count] as T);
}

/** Each member's rank for one key (direction applied), and how many ranks there are. */
interface RankedColumn {
  ranks: Uint32Array;
  distinct: number;
}

function rankColumn<T>(members: readonly T[], key: SortKey): RankedColumn {
  const byIdentity = new Map<Identity, { value: SortValue; rank: number }>();
  const slots = members.map((member) => {
    const raw = resolveFirst(member, key.path, 0);
    const identity = identityOf(raw);
    let slot = byIdentity.get(identity);
    if (!slot) {
      slot = { value: sortValueOf(raw, key.natural), rank: 0 };
      byIdentity.set(identity, slot);
    }
    return slot;
  });

  const distinct = [...byIdentity.values()].sort((a, b) => compareValues(a.value, b.value));
  let rank = 0;
  distinct.forEach((slot, at) => {
    const previous = distinct[at - 1];
    if (previous && compareValues(previous.value, slot.value) !== 0) rank += 1;
    slot.rank = rank;
  });
  const size = rank + 1;
  const ranks = Uint32Array.from(slots, (slot) =>
    key.direction === 1 ? slot.rank : size - 1 - slot.rank,
  );
  return { ranks, distinct: size };
}

/** What two raw values share only when they sort as one value. */
type Identity = null | number | string;

/**
 * A Map key standing for a raw value: numbers as themselves, everything else as its sort
 * text, so `1` and `"1"` stay apart while `"Bay"` and `"bay"` meet. Primitive keys spare
 * building a tagged string per member, the largest cost of a 40 000-member sort.
 */
function identityOf(raw: unknown): Identity {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') return raw;
  return textOf(raw);
}

/** The comparator fallback, for rank products too large to fold into one number. */
function sortByRanks<T>(members: readonly T[], columns: readonly RankedColumn[]): T[] {
  const order = members.map((_, index) => index);
  order.sort((a, b) => {
    for (const { ranks } of columns) {
      const difference = (ranks[a] as number) - (ranks[b] as number);
      if (difference !== 0) return difference;
    }
    return a - b;
  });
  return order.map((index) => members[index] as T);
}

/** The first value at a dotted path, looking into arrays on the way, as OneView filters do. */
function resolveFirst(value: unknown, path: readonly string[], from: number): unknown {
  let current = value;
  for (let at = from; at < path.length; at += 1) {
    if (Array.isArray(current)) return firstInArray(current as unknown[], path, at);
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[path[at] as string];
  }
  return current;
}

function firstInArray(values: readonly unknown[], path: readonly string[], from: number): unknown {
  for (const element of values) {
    const found = resolveFirst(element, path, from);
    if (found !== undefined && found !== null) return found;
  }
  return undefined;
}

function sortValueOf(value: unknown, natural: boolean): SortValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return natural ? [value] : value;
  const text = textOf(value);
  return natural ? splitNatural(text) : text;
}

/** Strings compare case-insensitively; objects by their JSON, as the appliances do. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

function splitNatural(text: string): Array<string | number> {
  return (text.match(/\d+|\D+/g) ?? []).map((chunk) => (/^\d/.test(chunk) ? Number(chunk) : chunk));
}

function compareValues(left: SortValue, right: SortValue): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  if (typeof left === 'string' && typeof right === 'string') return compareScalars(left, right);
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (Array.isArray(left) && Array.isArray(right)) return compareChunks(left, right);
  return compareScalars(String(left), String(right));
}

function compareChunks(left: Array<string | number>, right: Array<string | number>): number {
  const length = Math.min(left.length, right.length);
  for (let at = 0; at < length; at += 1) {
    const a = left[at] as string | number;
    const b = right[at] as string | number;
    if (typeof a === 'number' && typeof b === 'number') {
      if (a !== b) return a - b;
    } else if (typeof a !== typeof b) {
      // Digits come before letters, as they do in character order.
      return typeof a === 'number' ? -1 : 1;
    } else if (a !== b) {
      return a < b ? -1 : 1;
    }
  }
  return left.length - right.length;
}

function compareScalars(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
