import type { Client } from './clients';
import { GatewayError } from '../errors/gateway-error';

/** What a scope is matched against: an appliance's id and labels. */
export interface ScopedAppliance {
  id: string;
  labels: Record<string, string>;
}

/**
 * Tells whether a client's scopes include an appliance. A scope entry is `*`, an id, an id
 * prefix ending in `*` (`dc1-*`), or a label (`site=dc1`).
 */
export function canSeeAppliance(client: Client, appliance: ScopedAppliance): boolean {
  return client.scopes.appliances.some((scope) => matchesScope(scope, appliance));
}

/** Tells whether a client's scopes allow a method. */
export function canUseMethod(client: Client, method: string): boolean {
  const upper = method.toUpperCase();
  return client.scopes.methods.some(
    (allowed) => allowed === '*' || allowed.toUpperCase() === upper,
  );
}

/** Throws FORBIDDEN unless the client may call this appliance with this method. */
export function authorize(client: Client, appliance: ScopedAppliance, method: string): void {
  if (!canSeeAppliance(client, appliance)) {
    throw new GatewayError(
      'FORBIDDEN',
      `Client ${client.id} may not reach appliance ${appliance.id}.`,
      {
        applianceId: appliance.id,
      },
    );
  }
  // HEAD reads what GET reads: a client allowed either may send it.
  const upper = method.toUpperCase();
  const allowed = canUseMethod(client, upper) || (upper === 'HEAD' && canUseMethod(client, 'GET'));
  if (!allowed) {
    throw new GatewayError('FORBIDDEN', `Client ${client.id} may not send ${method} requests.`, {
      applianceId: appliance.id,
    });
  }
}

function matchesScope(scope: string, appliance: ScopedAppliance): boolean {
  if (scope === '*') return true;
  const equals = scope.indexOf('=');
  if (equals > 0) return appliance.labels[scope.slice(0, equals)] === scope.slice(equals + 1);
  if (scope.endsWith('*')) return appliance.id.startsWith(scope.slice(0, -1));
  return scope === appliance.id;
}
