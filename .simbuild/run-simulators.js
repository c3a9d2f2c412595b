"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runSimulatorCommand = runSimulatorCommand;
const parse_versions_1 = require("./parse-versions");
const start_simulators_1 = require("./start-simulators");
/**
 * Runs `ovgw simulate`: starts the appliances, prints one JSON line per appliance
 * (`{"id":"sim-1","url":"http://127.0.0.1:PORT"}`) and closes them all on SIGINT or
 * SIGTERM, after which the process can exit by itself.
 */
async function runSimulatorCommand(options, output = process.stdout) {
    const { count, versions, ...shared } = options;
    const handles = await (0, start_simulators_1.startSimulators)(count, {
        ...shared,
        versions: versions === undefined ? undefined : (0, parse_versions_1.parseVersions)(versions),
    });
    for (const handle of handles) {
        output.write(`${JSON.stringify({ id: handle.id, url: handle.url })}\n`);
    }
    const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void Promise.all(handles.map((handle) => handle.close()));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return handles;
}
