import { compileCondition, OPERATORS, type Literal, type Predicate } from './filter-conditions';
import { QuerySyntaxError, tokenizeFilter, type Token } from './filter-tokens';

export type { Predicate } from './filter-conditions';

/**
 * Parses one `filter` value as OneView accepts it: optionally wrapped in double quotes,
 * `[not] attribute operator value`, joined by AND / OR and grouped with parentheses.
 * Throws QuerySyntaxError for anything else.
 */
export function parseFilter(raw: string): Predicate {
  const parser = new FilterParser(tokenizeFilter(unwrapQuotes(raw.trim())));
  const predicate = parser.parseOr();
  parser.expectEnd();
  return predicate;
}

function unwrapQuotes(text: string): string {
  const quoted = text.startsWith('"');
  if (quoted !== (text.endsWith('"') && text.length > 1)) {
    throw new QuerySyntaxError('Unbalanced double quotes around the expression.');
  }
  const inner = quoted ? text.slice(1, -1).trim() : text;
  if (inner.includes('"')) throw new QuerySyntaxError('Double quotes inside the expression.');
  if (inner === '') throw new QuerySyntaxError('The expression is empty.');
  return inner;
}

class FilterParser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  parseOr(): Predicate {
    const terms = [this.parseAnd()];
    while (this.acceptWord('or')) terms.push(this.parseAnd());
    return terms.length === 1 ? (terms[0] as Predicate) : (r) => terms.some((term) => term(r));
  }

  expectEnd(): void {
    const extra = this.tokens[this.at];
    if (extra) throw new QuerySyntaxError(`Unexpected ${JSON.stringify(extra.text)}.`);
  }

  private parseAnd(): Predicate {
    const terms = [this.parseUnary()];
    while (this.acceptWord('and')) terms.push(this.parseUnary());
    return terms.length === 1 ? (terms[0] as Predicate) : (r) => terms.every((term) => term(r));
  }

  private parseUnary(): Predicate {
    if (this.acceptWord('not')) {
      const inner = this.parseUnary();
      return (resource) => !inner(resource);
    }
    if (this.peek()?.text === '(') {
      this.at += 1;
      const inner = this.parseOr();
      if (this.next('a closing parenthesis').text !== ')') {
        throw new QuerySyntaxError('Missing closing parenthesis.');
      }
      return inner;
    }
    return this.parseCondition();
  }

  private parseCondition(): Predicate {
    const attribute = this.next('an attribute name');
    if (attribute.kind !== 'word') {
      throw new QuerySyntaxError(`Expected an attribute name, found ${attribute.text}.`);
    }
    const spelled = this.next('an operator').text;
    const operator = OPERATORS[spelled] ?? OPERATORS[spelled.toLowerCase()];
    if (operator === undefined) throw new QuerySyntaxError(`Unknown operator ${spelled}.`);
    return compileCondition(attribute.text, operator, this.parseLiteral());
  }

  private parseLiteral(): Literal {
    const token = this.next('a value');
    if (token.kind === 'string') return { kind: 'string', text: token.text };
    if (token.kind === 'number')
      return { kind: 'number', text: token.text, value: Number(token.text) };
    const word = token.text.toLowerCase();
    if (word === 'null') return { kind: 'null', text: 'null' };
    if (word === 'true' || word === 'false') return { kind: 'boolean', text: word };
    throw new QuerySyntaxError(`The value ${token.text} must be in single quotes.`);
  }

  private acceptWord(word: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'word' || token.text.toLowerCase() !== word) return false;
    this.at += 1;
    return true;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.at];
    if (token === undefined) throw new QuerySyntaxError(`Expected ${expected} at the end.`);
    this.at += 1;
    return token;
  }
}
