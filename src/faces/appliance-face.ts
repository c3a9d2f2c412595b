import type { IncomingMessage, ServerResponse } from 'node:http';
import { proxyToAppliance } from './proxy-to-appliance';
import type { FaceDeps } from './request-context';
import { serveFaceRequest } from './serve-face-request';
import { rateKeyOf } from '../auth/rate-limits';
import { authorize } from '../auth/scopes';
import { GatewayError } from '../errors/gateway-error';
import { parseAppliancePath } from '../proxy/parse-appliance-path';

const ROUTE = '/appliances/{id}/rest/{path}';

/**
 * The appliance face (SPEC 3.1): `/appliances/{id}/rest/...` reaches one appliance. It
 * runs before any framework, since it is the gateway's hot path.
 */
export function createApplianceFace(
  deps: FaceDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return (req, res) =>
    serveFaceRequest(deps, req, res, ROUTE, async (request) => {
      const target = parseAppliancePath(req.url ?? '');
      if (!target.ok) throw new GatewayError('BAD_REQUEST', `Malformed path: ${target.reason}.`);
      // The key first: a caller without one learns nothing, not even which ids exist.
      const client = deps.clients.authenticate(req.headers);
      request.clientId = client.id;
      request.applianceId = target.applianceId;
      await deps.rateLimits.admit(rateKeyOf(client, req.socket.remoteAddress));

      const appliance = deps.registry.get(target.applianceId);
      if (!appliance) {
        throw new GatewayError(
          'APPLIANCE_NOT_FOUND',
          `No appliance has the id "${target.applianceId}".`,
        );
      }
      authorize(client, { id: appliance.id, labels: appliance.config.labels }, req.method ?? 'GET');

      return proxyToAppliance(deps, {
        req,
        res,
        appliance,
        path: target.path,
        search: target.search,
        requestId: request.requestId,
        clientId: client.id,
        face: {
          kind: 'appliance',
          applianceId: appliance.id,
          publicUrl: deps.config.server.publicUrl,
        },
      });
    });
}
