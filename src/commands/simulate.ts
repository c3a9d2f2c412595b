import { runSimulatorCommand } from '../simulator';
import type { SimulatorCommandOptions } from '../simulator';

/** `ovgw simulate`: simulated appliances until SIGINT or SIGTERM. */
export async function simulate(
  options: SimulatorCommandOptions & { host?: string },
): Promise<void> {
  await runSimulatorCommand(options);
}
