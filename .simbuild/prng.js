"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createRandom = createRandom;
exports.mixSeed = mixSeed;
/** Creates a mulberry32 generator; cheap, good enough for test data, not for secrets. */
function createRandom(seed) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (min, max) => min + Math.floor(next() * (max - min + 1));
    return {
        next,
        int,
        pick: (items) => items[int(0, items.length - 1)],
        hex: (length) => {
            let out = '';
            for (let i = 0; i < length; i += 1)
                out += int(0, 15).toString(16);
            return out.toUpperCase();
        },
    };
}
/**
 * Mixes the appliance id into the seed, so that two simulators started with the same seed
 * hold different resources (as two real appliances would) while each stays reproducible.
 */
function mixSeed(seed, id) {
    let hash = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < id.length; i += 1) {
        hash ^= id.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}
