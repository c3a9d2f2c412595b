"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseSort = parseSort;
const filter_conditions_1 = require("./filter-conditions");
const filter_tokens_1 = require("./filter-tokens");
const DIRECTIONS = {
    asc: 1,
    ascending: 1,
    desc: -1,
    descending: -1,
};
/**
 * Parses `attr[:asc|ascending|desc|descending[:natural]]`, comma-separated for several keys.
 * Values compare case-insensitively; missing values sort first when ascending.
 */
function parseSort(raw) {
    const keys = raw.split(',').map((part) => parseKey(part.trim()));
    return (left, right) => {
        for (const { parts, direction } of keys) {
            const order = compareValues(firstValue(left, parts), firstValue(right, parts));
            if (order !== 0)
                return order * direction;
        }
        return 0;
    };
}
function parseKey(text) {
    const [attribute = '', direction = 'asc', modifier, ...rest] = text.split(':');
    const sign = DIRECTIONS[direction.toLowerCase()];
    if (!/^[A-Za-z_][\w.]*$/.test(attribute)) {
        throw new filter_tokens_1.QuerySyntaxError(`Invalid sort attribute ${JSON.stringify(attribute)}.`);
    }
    if (sign === undefined)
        throw new filter_tokens_1.QuerySyntaxError(`Invalid sort direction ${direction}.`);
    if ((modifier !== undefined && modifier.toLowerCase() !== 'natural') || rest.length > 0) {
        throw new filter_tokens_1.QuerySyntaxError(`Invalid sort modifier in ${JSON.stringify(text)}.`);
    }
    return { parts: attribute.split('.'), direction: sign };
}
function firstValue(resource, parts) {
    return (0, filter_conditions_1.resolvePath)(resource, parts)[0] ?? null;
}
function compareValues(left, right) {
    if (left === null || right === null)
        return left === right ? 0 : left === null ? -1 : 1;
    if (typeof left === 'number' && typeof right === 'number')
        return left - right;
    const a = typeof left === 'object' ? JSON.stringify(left) : String(left).toLowerCase();
    const b = typeof right === 'object' ? JSON.stringify(right) : String(right).toLowerCase();
    if (a === b)
        return 0;
    return a < b ? -1 : 1;
}
