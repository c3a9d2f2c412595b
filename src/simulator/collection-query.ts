import { createInvalidParameterError } from './error-catalogue';
import { parseFilter, type Predicate } from './filter-parser';
import { QuerySyntaxError } from './filter-tokens';
import { parseSort, type Comparator } from './sort-parser';

/** The paging, filtering and sorting a collection GET asks for. */
export interface CollectionQuery {
  start: number;
  /** Members asked for; -1 (also when absent) means all, still capped by the page size. */
  count: number;
  /** Every `filter` parameter; a resource must pass all of them. */
  filters: Predicate[];
  comparator: Comparator | undefined;
  /** The raw `name=value` parameters other than start and count, kept for page URIs. */
  carried: string[];
}

/**
 * Parses a collection's query string. Any malformed `start`, `count`, `filter` or `sort`
 * is a 400 naming the parameter; parameters the simulator does not implement are kept in
 * page URIs and otherwise ignored.
 */
export function parseCollectionQuery(query: string): CollectionQuery {
  const result: CollectionQuery = {
    start: 0,
    count: -1,
    filters: [],
    comparator: undefined,
    carried: [],
  };
  for (const segment of query.split('&')) {
    if (segment === '') continue;
    const cut = segment.indexOf('=');
    const name = decodeParameter('query', cut < 0 ? segment : segment.slice(0, cut));
    const value = cut < 0 ? '' : decodeParameter(name, segment.slice(cut + 1));
    applyParameter(result, name, value, segment);
  }
  return result;
}

function applyParameter(query: CollectionQuery, name: string, value: string, raw: string): void {
  if (name === 'start') {
    query.start = parseInteger(name, value, 0);
    return;
  }
  if (name === 'count') {
    query.count = parseInteger(name, value, -1);
    return;
  }
  query.carried.push(raw);
  try {
    if (name === 'filter') query.filters.push(parseFilter(value));
    if (name === 'sort') query.comparator = parseSort(value);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw createInvalidParameterError(name, error.message);
    throw error;
  }
}

function parseInteger(name: string, value: string, min: number): number {
  const number = /^-?\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(number >= min)) {
    throw createInvalidParameterError(name, `Expected an integer >= ${min}, got "${value}".`);
  }
  return number;
}

function decodeParameter(name: string, text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw createInvalidParameterError(name, `Malformed percent-encoding in "${text}".`);
  }
}
