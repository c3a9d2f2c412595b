import { fleetFeature } from './fleet/fleet-feature';
import type { FeatureFactory } from './server/feature';
import { tasksFeature } from './tasks/tasks-feature';

/**
 * The parts of the gateway beside the appliance face, in the order their routes mount.
 * Each takes the gateway's context and returns its routes, hooks and background work.
 */
export const FEATURES: FeatureFactory[] = [tasksFeature, fleetFeature];
