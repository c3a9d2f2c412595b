import { Router } from 'express';
import type { Request } from 'express';
import { proxyToAppliance } from './proxy-to-appliance';
import type { FaceDeps } from './request-context';
import { authorize, canUseMethod } from '../auth/scopes';
import { GatewayError } from '../errors/gateway-error';
import type { FleetRequest, FleetService } from '../fleet/fleet-service';
import { chooseRequestId } from '../observability/request-id';
import { findUnsafeSegment, originForm } from '../proxy/parse-appliance-path';
import { isSessionPath } from '../proxy/session-paths';

/**
 * The fleet face (SPEC 3.3): `/rest/...` at the root treats the fleet as one appliance.
 * No body parser runs here: a write to an owned resource streams to its appliance.
 */
export function createFleetFace(deps: FaceDeps, fleet: FleetService): Router {
  const router = Router();

  // SPEC 10: the fleet's version needs no key, as an appliance's does not.
  router.get('/rest/version', async (_req, res) => {
    const version = await fleet.version();
    if (version.disjoint.length > 0) {
      res.setHeader(
        'x-gateway-warning',
        `The API version ranges of ${version.disjoint.join(', ')} do not overlap.`,
      );
    }
    res.json({ minimumVersion: version.minimumVersion, currentVersion: version.currentVersion });
  });

  router.get('/rest/:collection', async (req, res) => {
    const request = fleetRequest(deps, req);
    refuseMethod(request, req.method);
    const answer = await fleet.list(request, searchOf(req).slice(1));
    res.setHeader('x-gateway-complete', String(answer.complete));
    res.setHeader('cache-control', 'no-store');
    res.type('application/json').send(answer.body);
  });

  router.all('/rest/:collection', (req) => {
    throw new GatewayError(
      'APPLIANCE_REQUIRED',
      `${req.method} ${req.path} names no appliance; the fleet face cannot choose one.`,
      { details: req.path },
    );
  });

  router.all('/rest/:collection/*rest', async (req, res) => {
    const request = fleetRequest(deps, req);
    // Before the owner is looked up: a method the client may not use costs no appliance call.
    refuseMethod(request, req.method);
    const appliance = await fleet.locate(request);
    authorize(request.client, { id: appliance.id, labels: appliance.config.labels }, req.method);

    const result = await proxyToAppliance(deps, {
      req,
      res,
      appliance,
      path: request.path,
      search: searchOf(req),
      requestId: request.requestId,
      clientId: request.client.id,
      face: {
        kind: 'appliance',
        applianceId: appliance.id,
        publicUrl: deps.config.server.publicUrl,
      },
    });
    if (result.status === 404) fleet.forgetOwner(request.path, appliance.id);
  });

  return router;
}

/** The client, the checked path and the version asked, from an express request. */
function fleetRequest(deps: FaceDeps, req: Request): FleetRequest {
  const client = deps.clients.authenticate(req.headers);
  const path = pathOf(req);
  const header = req.headers['x-api-version'];
  const version = Array.isArray(header) ? header.join(',') : header;
  if (version !== undefined && !/^\d{1,9}$/.test(version)) {
    throw new GatewayError('BAD_REQUEST', `X-API-Version must be an integer, not "${version}".`);
  }
  const requestId = typeof req.id === 'string' ? req.id : chooseRequestId(undefined);
  return { client, path, requestId, clientVersion: version };
}

/** Throws FORBIDDEN when the client's scopes do not allow the method on any appliance. */
function refuseMethod(request: FleetRequest, method: string): void {
  const upper = method.toUpperCase();
  // HEAD reads what GET reads, as on the other faces.
  const allowed =
    canUseMethod(request.client, upper) ||
    (upper === 'HEAD' && canUseMethod(request.client, 'GET'));
  if (!allowed) {
    throw new GatewayError(
      'FORBIDDEN',
      `Client ${request.client.id} may not send ${upper} requests.`,
    );
  }
}

/** The request's path, refused when it could leave `/rest/` (as on the appliance face). */
function pathOf(req: Request): string {
  const target = originForm(req.originalUrl) ?? '';
  const path = target.split('?')[0] ?? '';
  const unsafe = findUnsafeSegment(path);
  if (unsafe !== null || !path.startsWith('/rest/')) {
    throw new GatewayError('BAD_REQUEST', `Malformed path: ${unsafe ?? 'outside /rest/'}.`);
  }
  // SECURITY: the sessions of fleet appliances are the gateway's; none is read, listed or
  // ended through the fleet face.
  if (isSessionPath(path)) {
    throw new GatewayError(
      'BAD_REQUEST',
      `The gateway holds the sessions of the fleet's appliances; ${req.method} ${path} is not forwarded.`,
      { details: `${req.method} ${path}` },
    );
  }
  return path;
}

/** `?query` as the client sent it, or empty. */
function searchOf(req: Request): string {
  const target = req.originalUrl;
  const at = target.indexOf('?');
  return at < 0 ? '' : target.slice(at);
}
