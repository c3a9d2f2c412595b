import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { describeAppliance } from './describe-appliance';
import type { FaceDeps } from './request-context';
import type { Client } from '../auth/clients';
import { canSeeAppliance } from '../auth/scopes';
import { GatewayError } from '../errors/gateway-error';
import type { Store } from '../store/store';

/** What the gateway face needs besides the shared deps. */
export interface GatewayFaceDeps extends FaceDeps {
  store: Store;
}

/**
 * The gateway's own API (SPEC 3.4): the appliance registry, health, readiness and metrics.
 * Health, readiness and metrics need no key, so that probes and scrapers work unconfigured.
 */
export function createGatewayFace(deps: GatewayFaceDeps): Router {
  const router = express.Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const body = await readiness(deps);
    res.status(body.status === 'ready' ? 200 : 503).json(body);
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  router.get('/appliances', (req, res) => {
    const client = authenticated(deps, req);
    const members = deps.registry
      .all()
      .filter((appliance) =>
        canSeeAppliance(client, { id: appliance.id, labels: appliance.config.labels }),
      )
      .map((appliance) => describeAppliance(appliance, deps.registry));
    res.json({ members, count: members.length, total: members.length });
  });
  router.get('/appliances/:id', (req, res) => {
    const appliance = visibleAppliance(deps, req);
    res.json(describeAppliance(appliance, deps.registry));
  });
  // The gateway's own routes take small JSON bodies at most; the limit keeps a client from
  // holding memory with a large one (REQUEST_TOO_LARGE).
  const smallBody = express.json({ limit: deps.config.server.bodyLimitBytes });
  router.post('/appliances/:id/refresh', smallBody, async (req, res) => {
    const appliance = visibleAppliance(deps, req, 'POST');
    await deps.registry.refresh(appliance);
    res.json(describeAppliance(appliance, deps.registry));
  });

  return router;
}

/** The client of a gateway-face request; keys are checked like on the other faces. */
export function authenticated(deps: FaceDeps, req: Request): Client {
  return deps.clients.authenticate(req.headers);
}

function visibleAppliance(deps: FaceDeps, req: Request, method = 'GET') {
  const client = authenticated(deps, req);
  const id = String(req.params.id);
  const appliance = deps.registry.get(id);
  const labels = appliance?.config.labels ?? {};
  // A client outside the appliance's scope learns nothing, not even that it exists.
  if (!appliance || !canSeeAppliance(client, { id, labels })) {
    throw new GatewayError('APPLIANCE_NOT_FOUND', `No appliance has the id "${id}".`);
  }
  if (
    method !== 'GET' &&
    !client.scopes.methods.some((m) => m === '*' || m.toUpperCase() === method)
  ) {
    throw new GatewayError('FORBIDDEN', `Client ${client.id} may not send ${method} requests.`);
  }
  return appliance;
}

async function readiness(deps: GatewayFaceDeps) {
  const store = await deps.store
    .ping()
    .then(() => 'up' as const)
    .catch(() => 'down' as const);
  const appliances = Object.fromEntries(deps.registry.all().map((a) => [a.id, a.state]));
  return {
    status: store === 'up' ? 'ready' : 'degraded',
    store: { kind: deps.store.kind, status: store },
    appliances,
  };
}

/** The envelope for routes nobody serves. */
export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new GatewayError('NOT_FOUND', `No route ${req.method} ${req.path}.`));
}
