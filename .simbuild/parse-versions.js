"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseVersions = parseVersions;
/**
 * Parses `--versions`: comma-separated `minimum:current` pairs, e.g. `120:800,120:2400`.
 * Throws an Error saying which pair is wrong and why.
 */
function parseVersions(spec) {
    const pairs = spec.split(',').map((part) => part.trim());
    if (spec.trim() === '')
        throw new Error('Versions must not be empty; expected e.g. 120:800,120:2400.');
    return pairs.map((pair) => {
        const match = /^(\d{1,9}):(\d{1,9})$/.exec(pair);
        if (!match) {
            throw new Error(`Invalid version pair "${pair}": expected minimum:current, e.g. 120:800.`);
        }
        const minimum = Number(match[1]);
        const current = Number(match[2]);
        if (minimum < 1 || minimum > current) {
            throw new Error(`Invalid version pair "${pair}": need 1 <= minimum <= current.`);
        }
        return [minimum, current];
    });
}
