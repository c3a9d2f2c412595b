"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startSimulators = exports.startSimulator = exports.runSimulatorCommand = exports.parseVersions = void 0;
/**
 * The OneView appliance simulator: real HTTP(S) servers that answer like HPE OneView
 * appliances (versions, sessions, seeded resources, tasks, ETags, paging, errors), with a
 * control API under `/_sim/` to read what arrived and to inject faults.
 */
var parse_versions_1 = require("./parse-versions");
Object.defineProperty(exports, "parseVersions", { enumerable: true, get: function () { return parse_versions_1.parseVersions; } });
var run_simulators_1 = require("./run-simulators");
Object.defineProperty(exports, "runSimulatorCommand", { enumerable: true, get: function () { return run_simulators_1.runSimulatorCommand; } });
var simulator_1 = require("./simulator");
Object.defineProperty(exports, "startSimulator", { enumerable: true, get: function () { return simulator_1.startSimulator; } });
var start_simulators_1 = require("./start-simulators");
Object.defineProperty(exports, "startSimulators", { enumerable: true, get: function () { return start_simulators_1.startSimulators; } });
