"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseCollectionQuery = parseCollectionQuery;
const error_catalogue_1 = require("./error-catalogue");
const filter_parser_1 = require("./filter-parser");
const filter_tokens_1 = require("./filter-tokens");
const sort_parser_1 = require("./sort-parser");
/**
 * Parses a collection's query string. Any malformed `start`, `count`, `filter` or `sort`
 * is a 400 naming the parameter; parameters the simulator does not implement are kept in
 * page URIs and otherwise ignored.
 */
function parseCollectionQuery(query) {
    const result = {
        start: 0,
        count: -1,
        filters: [],
        comparator: undefined,
        carried: [],
    };
    for (const segment of query.split('&')) {
        if (segment === '')
            continue;
        const cut = segment.indexOf('=');
        const name = decodeParameter('query', cut < 0 ? segment : segment.slice(0, cut));
        const value = cut < 0 ? '' : decodeParameter(name, segment.slice(cut + 1));
        applyParameter(result, name, value, segment);
    }
    return result;
}
function applyParameter(query, name, value, raw) {
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
        if (name === 'filter')
            query.filters.push((0, filter_parser_1.parseFilter)(value));
        if (name === 'sort')
            query.comparator = (0, sort_parser_1.parseSort)(value);
    }
    catch (error) {
        if (error instanceof filter_tokens_1.QuerySyntaxError)
            throw (0, error_catalogue_1.createInvalidParameterError)(name, error.message);
        throw error;
    }
}
function parseInteger(name, value, min) {
    const number = /^-?\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!(number >= min)) {
        throw (0, error_catalogue_1.createInvalidParameterError)(name, `Expected an integer >= ${min}, got "${value}".`);
    }
    return number;
}
function decodeParameter(name, text) {
    try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
    }
    catch {
        throw (0, error_catalogue_1.createInvalidParameterError)(name, `Malformed percent-encoding in "${text}".`);
    }
}
