import { createFleetFace } from '../faces/fleet-face';
import type { FeatureFactory } from '../server/feature';
import { FleetService } from './fleet-service';

/**
 * The fleet face as a gateway feature: its routes under `/rest/`, the hook through which
 * tasks started on any face teach resource ownership, and the subscription by which
 * replicas learn that another one finished a shared fan-out.
 */
export const fleetFeature: FeatureFactory = (context) => {
  const fleet = new FleetService({
    registry: context.registry,
    store: context.store,
    log: context.log.child({ face: 'fleet' }),
    fleet: context.config.fleet,
  });
  return {
    hooks: { onTask: fleet.learnTask.bind(fleet) },
    mount(app) {
      // context.hooks holds every feature's hooks, so writes forwarded from the fleet face
      // register their tasks in the task feed as the appliance face's do.
      app.use(createFleetFace(context, fleet));
    },
    start: () => fleet.cache.start(),
    stop: () => fleet.cache.stop(),
  };
};
