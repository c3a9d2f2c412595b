"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseFilter = parseFilter;
const filter_conditions_1 = require("./filter-conditions");
const filter_tokens_1 = require("./filter-tokens");
/**
 * Parses one `filter` value as OneView accepts it: optionally wrapped in double quotes,
 * `[not] attribute operator value`, joined by AND / OR and grouped with parentheses.
 * Throws QuerySyntaxError for anything else.
 */
function parseFilter(raw) {
    const parser = new FilterParser((0, filter_tokens_1.tokenizeFilter)(unwrapQuotes(raw.trim())));
    const predicate = parser.parseOr();
    parser.expectEnd();
    return predicate;
}
function unwrapQuotes(text) {
    const quoted = text.startsWith('"');
    if (quoted !== (text.endsWith('"') && text.length > 1)) {
        throw new filter_tokens_1.QuerySyntaxError('Unbalanced double quotes around the expression.');
    }
    const inner = quoted ? text.slice(1, -1).trim() : text;
    if (inner.includes('"'))
        throw new filter_tokens_1.QuerySyntaxError('Double quotes inside the expression.');
    if (inner === '')
        throw new filter_tokens_1.QuerySyntaxError('The expression is empty.');
    return inner;
}
class FilterParser {
    tokens;
    at = 0;
    constructor(tokens) {
        this.tokens = tokens;
    }
    parseOr() {
        const terms = [this.parseAnd()];
        while (this.acceptWord('or'))
            terms.push(this.parseAnd());
        return terms.length === 1 ? terms[0] : (r) => terms.some((term) => term(r));
    }
    expectEnd() {
        const extra = this.tokens[this.at];
        if (extra)
            throw new filter_tokens_1.QuerySyntaxError(`Unexpected ${JSON.stringify(extra.text)}.`);
    }
    parseAnd() {
        const terms = [this.parseUnary()];
        while (this.acceptWord('and'))
            terms.push(this.parseUnary());
        return terms.length === 1 ? terms[0] : (r) => terms.every((term) => term(r));
    }
    parseUnary() {
        if (this.acceptWord('not')) {
            const inner = this.parseUnary();
            return (resource) => !inner(resource);
        }
        if (this.peek()?.text === '(') {
            this.at += 1;
            const inner = this.parseOr();
            if (this.next('a closing parenthesis').text !== ')') {
                throw new filter_tokens_1.QuerySyntaxError('Missing closing parenthesis.');
            }
            return inner;
        }
        return this.parseCondition();
    }
    parseCondition() {
        const attribute = this.next('an attribute name');
        if (attribute.kind !== 'word') {
            throw new filter_tokens_1.QuerySyntaxError(`Expected an attribute name, found ${attribute.text}.`);
        }
        const spelled = this.next('an operator').text;
        const operator = filter_conditions_1.OPERATORS[spelled] ?? filter_conditions_1.OPERATORS[spelled.toLowerCase()];
        if (operator === undefined)
            throw new filter_tokens_1.QuerySyntaxError(`Unknown operator ${spelled}.`);
        return (0, filter_conditions_1.compileCondition)(attribute.text, operator, this.parseLiteral());
    }
    parseLiteral() {
        const token = this.next('a value');
        if (token.kind === 'string')
            return { kind: 'string', text: token.text };
        if (token.kind === 'number')
            return { kind: 'number', text: token.text, value: Number(token.text) };
        const word = token.text.toLowerCase();
        if (word === 'null')
            return { kind: 'null', text: 'null' };
        if (word === 'true' || word === 'false')
            return { kind: 'boolean', text: word };
        throw new filter_tokens_1.QuerySyntaxError(`The value ${token.text} must be in single quotes.`);
    }
    acceptWord(word) {
        const token = this.peek();
        if (token?.kind !== 'word' || token.text.toLowerCase() !== word)
            return false;
        this.at += 1;
        return true;
    }
    peek() {
        return this.tokens[this.at];
    }
    next(expected) {
        const token = this.tokens[this.at];
        if (token === undefined)
            throw new filter_tokens_1.QuerySyntaxError(`Expected ${expected} at the end.`);
        this.at += 1;
        return token;
    }
}
