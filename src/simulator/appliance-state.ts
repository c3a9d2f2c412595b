import { randomInt } from 'node:crypto';
import { generateApplianceData, type ApplianceData } from './appliance-data';
import { FaultState } from './fault-state';
import type { ResolvedOptions } from './options';
import { createRandom, type Random } from './prng';
import { SessionStore } from './sessions';
import { StatsRecorder } from './stats';

/** Everything one simulated appliance knows; handlers read and change it. */
export interface ApplianceState {
  options: ResolvedOptions;
  versions: { minimumVersion: number; currentVersion: number };
  /** `/rest/version` body, rendered once per change. */
  versionJson: string;
  /** `http(s)://host:port`, known once listening; used for absolute `Location`. */
  baseUrl: string;
  sessions: SessionStore;
  data: ApplianceData;
  faults: FaultState;
  stats: StatsRecorder;
  /** Source of ids for resources created at run time (not part of the seeded data). */
  random: Random;
  /** Next `progressUpdates[].id`, appliance-wide. */
  nextUpdateId: number;
}

/** Builds a fresh appliance from its options. */
export function createApplianceState(options: ResolvedOptions): ApplianceState {
  const state: ApplianceState = {
    options,
    versions: { minimumVersion: 0, currentVersion: 0 },
    versionJson: '',
    baseUrl: '',
    sessions: new SessionStore(options.sessionIdleMs),
    data: generateApplianceData(options.seed, options.id, options.servers),
    faults: new FaultState(options.latencyMs),
    stats: new StatsRecorder(),
    random: createRandom(randomInt(2 ** 31)),
    nextUpdateId: 12_560,
  };
  setVersions(state, options.minimumVersion, options.currentVersion);
  return state;
}

/** Changes the version range, as an appliance update or restore does. */
export function setVersions(
  state: ApplianceState,
  minimumVersion: number,
  currentVersion: number,
): void {
  state.versions = { minimumVersion, currentVersion };
  state.versionJson = JSON.stringify({ currentVersion, minimumVersion });
}

/**
 * Back to the state at start: seeded data, versions of the options, no faults, zeroed stats.
 * Sessions survive, so that a client holding one is not logged out by a test's reset.
 */
export function resetApplianceState(state: ApplianceState): void {
  state.data = generateApplianceData(state.options.seed, state.options.id, state.options.servers);
  state.faults.reset();
  state.stats.reset();
  setVersions(state, state.options.minimumVersion, state.options.currentVersion);
}
