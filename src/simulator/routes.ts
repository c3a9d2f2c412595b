import { ALERT_ROUTES } from './resources/alerts';
import { APPLIANCE_ROUTES } from './resources/appliance';
import { BACKUP_ROUTES } from './resources/backups';
import { ENCLOSURE_ROUTES } from './resources/enclosures';
import { ETHERNET_NETWORK_ROUTES } from './resources/ethernet-networks';
import { LOGIN_SESSION_ROUTES } from './resources/login-sessions';
import { SERVER_HARDWARE_ROUTES } from './resources/server-hardware';
import { SERVER_PROFILE_ROUTES } from './resources/server-profiles';
import { TASK_ROUTES } from './resources/tasks';
import { Router } from './router';

/** Builds the router of every endpoint the simulated appliance serves. */
export function createApplianceRouter(): Router {
  return new Router([
    ...APPLIANCE_ROUTES,
    ...LOGIN_SESSION_ROUTES,
    ...SERVER_HARDWARE_ROUTES,
    ...SERVER_PROFILE_ROUTES,
    ...ENCLOSURE_ROUTES,
    ...ETHERNET_NETWORK_ROUTES,
    ...ALERT_ROUTES,
    ...TASK_ROUTES,
    ...BACKUP_ROUTES,
  ]);
}
