import type { SimulatorOptions } from './options';
import { startSimulator, type SimulatorHandle } from './simulator';

/** Options of a fleet: shared options, plus version ranges cycled over the appliances. */
export type FleetOptions = SimulatorOptions & { versions?: Array<[number, number]> };

/**
 * Starts `count` appliances `sim-1`..`sim-N` on ports P, P+1, ... (free ports when P is 0),
 * each with the next `[minimum, current]` of `versions`, cycled. If one fails to start, the
 * ones already started are closed and the error is thrown.
 */
export async function startSimulators(
  count: number,
  options: FleetOptions,
): Promise<SimulatorHandle[]> {
  const { versions = [], ...shared } = options;
  const handles: SimulatorHandle[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const range = versions.length > 0 ? versions[index % versions.length] : undefined;
      handles.push(
        await startSimulator({
          ...shared,
          id: `sim-${index + 1}`,
          port: shared.port ? shared.port + index : 0,
          ...(range ? { minimumVersion: range[0], currentVersion: range[1] } : {}),
        }),
      );
    }
  } catch (error) {
    await Promise.all(handles.map((handle) => handle.close()));
    throw error;
  }
  return handles;
}
