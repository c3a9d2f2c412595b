"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generatePastTasks = generatePastTasks;
exports.describeResource = describeResource;
const json_1 = require("../json");
const identifiers_1 = require("../seed/identifiers");
/** Generates finished tasks from the appliance's past, one per seeded resource sampled. */
function generatePastTasks(random, resources, baseMs) {
    return resources.map((resource, index) => {
        const outcome = index % 7 === 5 ? 'Error' : index % 7 === 3 ? 'Warning' : 'Completed';
        const name = random.pick(['Refresh', 'Update', 'Add']);
        return {
            id: (0, identifiers_1.formatUuid)(random.hex(32)),
            owner: index % 3 === 0 ? 'Administrator' : 'infrastructure',
            createdMs: baseMs + 259_200_000 + index * 5_400_000 + random.int(0, 999),
            durationMs: random.int(20, 90) * 1000,
            outcome,
            cancelledMs: undefined,
            firstUpdateId: 10_000 + index * 10,
            name,
            resource: describeResource(resource),
            statuses: {
                running: `${name} in progress.`,
                done: `${name} completed.`,
                failed: `Unable to ${name.toLowerCase()} ${(0, json_1.readText)(resource['name'])}.`,
            },
            steps: [`${name} started.`, `${name} in progress.`],
            errorCode: 'OPERATION_FAILED',
            cancellable: false,
        };
    });
}
/** The `associatedResource` pointing at a resource body. */
function describeResource(resource) {
    return {
        resourceName: (0, json_1.readText)(resource['name']),
        resourceUri: (0, json_1.readText)(resource['uri']),
        resourceCategory: (0, json_1.readText)(resource['category']),
        associationType: 'MANAGED_BY',
    };
}
