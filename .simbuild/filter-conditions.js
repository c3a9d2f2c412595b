"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OPERATORS = void 0;
exports.compileCondition = compileCondition;
exports.resolvePath = resolvePath;
const filter_tokens_1 = require("./filter-tokens");
/** The operators OneView filters accept, by every spelling the appliance takes. */
exports.OPERATORS = {
    '=': 'eq',
    eq: 'eq',
    '==': 'seq',
    seq: 'seq',
    ne: 'ne',
    sne: 'sne',
    '<': 'lt',
    lt: 'lt',
    '<=': 'le',
    le: 'le',
    '>': 'gt',
    gt: 'gt',
    '>=': 'ge',
    ge: 'ge',
    matches: 'matches',
    smatches: 'smatches',
    regex: 'regex',
    sregex: 'sregex',
};
/** Builds the test for `path op literal`; values under arrays match when any element does. */
function compileCondition(path, operator, literal) {
    const parts = path.split('.');
    if (literal.kind === 'null')
        return compileNullTest(parts, operator);
    const test = compileTest(operator, literal);
    if (operator === 'ne' || operator === 'sne') {
        const positive = compileTest(operator === 'ne' ? 'eq' : 'seq', literal);
        return (resource) => !resolvePath(resource, parts).some(positive);
    }
    return (resource) => resolvePath(resource, parts).some(test);
}
function compileNullTest(parts, operator) {
    if (operator === 'eq' || operator === 'seq') {
        return (resource) => resolvePath(resource, parts).every((value) => value === null);
    }
    if (operator === 'ne' || operator === 'sne') {
        return (resource) => resolvePath(resource, parts).some((value) => value !== null);
    }
    throw new filter_tokens_1.QuerySyntaxError(`NULL can only be compared with =, ==, ne or sne.`);
}
function compileTest(operator, literal) {
    const text = literal.text;
    const lower = text.toLowerCase();
    switch (operator) {
        case 'eq':
            return (value) => isScalar(value) && String(value).toLowerCase() === lower;
        case 'seq':
            return (value) => isScalar(value) && String(value) === text;
        case 'lt':
            return (value) => isScalar(value) && compareTo(value, literal) < 0;
        case 'le':
            return (value) => isScalar(value) && compareTo(value, literal) <= 0;
        case 'gt':
            return (value) => isScalar(value) && compareTo(value, literal) > 0;
        case 'ge':
            return (value) => isScalar(value) && compareTo(value, literal) >= 0;
        default:
            return compilePattern(operator, text);
    }
}
function compilePattern(operator, text) {
    const flags = operator.startsWith('s') ? 's' : 'is';
    const source = operator.endsWith('matches') ? likeToRegex(text) : text;
    let pattern;
    try {
        pattern = new RegExp(source, flags);
    }
    catch {
        throw new filter_tokens_1.QuerySyntaxError(`Invalid regular expression '${text}'.`);
    }
    return (value) => isScalar(value) && pattern.test(String(value));
}
// SQL LIKE: % is any run of characters, _ is one character, the rest is literal.
function likeToRegex(text) {
    const body = text
        .split('')
        .map((char) => {
        if (char === '%')
            return '.*';
        if (char === '_')
            return '.';
        return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    })
        .join('');
    return `^${body}$`;
}
function compareTo(value, literal) {
    if (literal.kind === 'number' && typeof value === 'number')
        return value - literal.value;
    const left = String(value);
    if (left === literal.text)
        return 0;
    return left < literal.text ? -1 : 1;
}
function isScalar(value) {
    return value !== null && typeof value !== 'object';
}
/** Every value at a dotted path; arrays on the way are walked element by element. */
function resolvePath(resource, parts) {
    let current = [resource];
    for (const part of parts) {
        const next = [];
        for (const value of current) {
            if (Array.isArray(value)) {
                for (const element of value)
                    collectField(element, part, next);
            }
            else {
                collectField(value, part, next);
            }
        }
        current = next;
    }
    return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}
function collectField(value, part, into) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const field = value[part];
        if (field !== undefined)
            into.push(field);
    }
}
