/**
 * The OneView appliance simulator: real HTTP(S) servers that answer like HPE OneView
 * appliances (versions, sessions, seeded resources, tasks, ETags, paging, errors), with a
 * control API under `/_sim/` to read what arrived and to inject faults.
 */
export { parseVersions } from './parse-versions';
export { runSimulatorCommand, type SimulatorCommandOptions } from './run-simulators';
export { startSimulator, type SimulatorHandle } from './simulator';
export { startSimulators, type FleetOptions } from './start-simulators';
export type { SimulatorOptions } from './options';
export type { FailNext, FailureBody, SimulatorFaults } from './faults';
export type { RecentRequest, RecordedRequest, SimulatorStats } from './stats';
export type { TaskOutcome } from './tasks/task-record';
