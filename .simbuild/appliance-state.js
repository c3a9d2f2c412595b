"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createApplianceState = createApplianceState;
exports.setVersions = setVersions;
exports.resetApplianceState = resetApplianceState;
const node_crypto_1 = require("node:crypto");
const appliance_data_1 = require("./appliance-data");
const fault_state_1 = require("./fault-state");
const prng_1 = require("./prng");
const sessions_1 = require("./sessions");
const stats_1 = require("./stats");
/** Builds a fresh appliance from its options. */
function createApplianceState(options) {
    const state = {
        options,
        versions: { minimumVersion: 0, currentVersion: 0 },
        versionJson: '',
        baseUrl: '',
        sessions: new sessions_1.SessionStore(options.sessionIdleMs),
        data: (0, appliance_data_1.generateApplianceData)(options.seed, options.id, options.servers),
        faults: new fault_state_1.FaultState(options.latencyMs),
        stats: new stats_1.StatsRecorder(),
        random: (0, prng_1.createRandom)((0, node_crypto_1.randomInt)(2 ** 31)),
        nextUpdateId: 12_560,
    };
    setVersions(state, options.minimumVersion, options.currentVersion);
    return state;
}
/** Changes the version range, as an appliance update or restore does. */
function setVersions(state, minimumVersion, currentVersion) {
    state.versions = { minimumVersion, currentVersion };
    state.versionJson = JSON.stringify({ currentVersion, minimumVersion });
}
/**
 * Back to the state at start: seeded data, versions of the options, no faults, zeroed stats.
 * Sessions survive, so that a client holding one is not logged out by a test's reset.
 */
function resetApplianceState(state) {
    state.data = (0, appliance_data_1.generateApplianceData)(state.options.seed, state.options.id, state.options.servers);
    state.faults.reset();
    state.stats.reset();
    setVersions(state, state.options.minimumVersion, state.options.currentVersion);
}
