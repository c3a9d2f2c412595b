/** One lexical unit of a OneView filter expression. */
export interface Token {
  kind: 'word' | 'string' | 'number' | 'symbol';
  text: string;
}

/** Raised for a filter or sort the appliance would refuse; the message says what is wrong. */
export class QuerySyntaxError extends Error {}

// Longest first, so that `<=` is not read as `<` then `=`.
const SYMBOLS = ['==', '<=', '>=', '=', '<', '>', '(', ')'];
const NUMBER = /-?\d+(?:\.\d+)?(?![\w.])/y;
const WORD = /[A-Za-z_][\w.]*/y;

/** Splits a filter into tokens: 'quoted strings' ('' escapes a quote), numbers, words, symbols. */
export function tokenizeFilter(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] ?? '';
    if (char === ' ' || char === '\t') {
      at += 1;
    } else if (char === "'") {
      const [value, end] = readQuoted(text, at);
      tokens.push({ kind: 'string', text: value });
      at = end;
    } else {
      const token = readToken(text, at);
      tokens.push(token);
      at += token.text.length;
    }
  }
  return tokens;
}

function readQuoted(text: string, start: number): [string, number] {
  let value = '';
  let at = start + 1;
  while (at < text.length) {
    const char = text[at];
    if (char === "'" && text[at + 1] === "'") {
      value += "'";
      at += 2;
    } else if (char === "'") {
      return [value, at + 1];
    } else {
      value += char;
      at += 1;
    }
  }
  throw new QuerySyntaxError(`Unterminated quoted value starting at position ${start}.`);
}

function readToken(text: string, at: number): Token {
  const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, at));
  if (symbol !== undefined) return { kind: 'symbol', text: symbol };
  for (const [kind, pattern] of [
    ['number', NUMBER],
    ['word', WORD],
  ] as const) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match) return { kind, text: match[0] };
  }
  throw new QuerySyntaxError(`Unexpected character ${JSON.stringify(text[at])} at position ${at}.`);
}
