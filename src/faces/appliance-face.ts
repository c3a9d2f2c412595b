import type { IncomingMessage, ServerResponse } from 'node:http';
import { proxyToAppliance } from './proxy-to-appliance';
import type { FaceDeps } from './request-context';
import { authorize } from '../auth/scopes';
import { GatewayError } from '../errors/gateway-error';
import { methodLabel } from '../observability/metrics';
import { chooseRequestId } from '../observability/request-id';
import { parseAppliancePath } from '../proxy/parse-appliance-path';
import { sendError } from '../server/send-error';

const ROUTE = '/appliances/{id}/rest/{path}';

/**
 * The appliance face (SPEC 3.1): `/appliances/{id}/rest/...` reaches one appliance. It
 * runs before any framework, since it is the gateway's hot path.
 */
export function createApplianceFace(
  deps: FaceDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async function handleApplianceRequest(req, res) {
    const started = process.hrtime.bigint();
    const requestId = chooseRequestId(req.headers['x-request-id']);
    const method = req.method ?? 'GET';
    let status = 500;
    let errorCode: string | null = null;
    let clientId: string | null = null;
    let applianceId: string | null = null;

    try {
      const target = parseAppliancePath(req.url ?? '');
      if (!target.ok) throw new GatewayError('BAD_REQUEST', `Malformed path: ${target.reason}.`);
      applianceId = target.applianceId;

      const appliance = deps.registry.get(target.applianceId);
      if (!appliance) {
        throw new GatewayError(
          'APPLIANCE_NOT_FOUND',
          `No appliance has the id "${target.applianceId}".`,
        );
      }
      const client = deps.clients.authenticate(req.headers);
      clientId = client.id;
      authorize(client, { id: appliance.id, labels: appliance.config.labels }, method);

      const result = await proxyToAppliance(deps, {
        req,
        res,
        appliance,
        path: target.path,
        search: target.search,
        requestId,
        clientId: client.id,
        face: {
          kind: 'appliance',
          applianceId: appliance.id,
          publicUrl: deps.config.server.publicUrl,
        },
      });
      status = result.status;
      errorCode = result.errorCode;
    } catch (error) {
      const envelope = sendError(res, error, { requestId, applianceId });
      deps.metrics.errors.inc({ code: envelope.errorCode, source: 'gateway' });
      status = envelope.httpStatus;
      errorCode = envelope.errorCode;
    }

    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    deps.metrics.httpRequests.inc({
      face: 'appliance',
      method: methodLabel(method),
      status: String(status),
    });
    deps.metrics.httpDuration.observe({ face: 'appliance', method: methodLabel(method) }, seconds);
    deps.log.info(
      {
        reqId: requestId,
        client: clientId,
        appliance: applianceId,
        method,
        route: ROUTE,
        status,
        errorCode,
        durationMs: Math.round(seconds * 1e6) / 1e3,
      },
      'request',
    );
  };
}
