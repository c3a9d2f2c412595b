import { type JsonObject, readText } from '../json';
import type { Random } from '../prng';
import { formatUuid } from '../seed/identifiers';
import type { AssociatedResource, TaskOutcome, TaskRecord } from './task-record';

/** Generates finished tasks from the appliance's past, one per seeded resource sampled. */
export function generatePastTasks(
  random: Random,
  resources: readonly JsonObject[],
  baseMs: number,
): TaskRecord[] {
  return resources.map((resource, index) => {
    const outcome: TaskOutcome =
      index % 7 === 5 ? 'Error' : index % 7 === 3 ? 'Warning' : 'Completed';
    const name = random.pick(['Refresh', 'Update', 'Add']);
    return {
      id: formatUuid(random.hex(32)),
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
        failed: `Unable to ${name.toLowerCase()} ${readText(resource['name'])}.`,
      },
      steps: [`${name} started.`, `${name} in progress.`],
      errorCode: 'OPERATION_FAILED',
      cancellable: false,
    };
  });
}

/** The `associatedResource` pointing at a resource body. */
export function describeResource(resource: JsonObject): AssociatedResource {
  return {
    resourceName: readText(resource['name']),
    resourceUri: readText(resource['uri']),
    resourceCategory: readText(resource['category']),
    associationType: 'MANAGED_BY',
  };
}
