import { parseVersions } from './parse-versions';
import type { SimulatorHandle } from './simulator';
import { startSimulators } from './start-simulators';

/** The flags of `ovgw simulate`, already parsed to numbers and booleans. */
export interface SimulatorCommandOptions {
  count: number;
  port: number;
  tls?: boolean;
  /** `min:current` pairs as on the command line, e.g. `120:800,120:2400`. */
  versions?: string;
  servers?: number;
  seed?: number;
  pageSize?: number;
  taskMs?: number;
  user?: string;
  password?: string;
  latencyMs?: number;
  sessionIdleMs?: number;
  backupMb?: number;
  absoluteLocation?: boolean;
}

/**
 * Runs `ovgw simulate`: starts the appliances, prints one JSON line per appliance
 * (`{"id":"sim-1","url":"http://127.0.0.1:PORT"}`) and closes them all on SIGINT or
 * SIGTERM, after which the process can exit by itself.
 */
export async function runSimulatorCommand(
  options: SimulatorCommandOptions,
  output: NodeJS.WritableStream = process.stdout,
): Promise<SimulatorHandle[]> {
  const { count, versions, ...shared } = options;
  const handles = await startSimulators(count, {
    ...shared,
    versions: versions === undefined ? undefined : parseVersions(versions),
  });
  for (const handle of handles) {
    output.write(`${JSON.stringify({ id: handle.id, url: handle.url })}\n`);
  }
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void Promise.all(handles.map((handle) => handle.close()));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return handles;
}
