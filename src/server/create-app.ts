import { STATUS_CODES } from 'node:http';
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { rateKeyOf } from '../auth/rate-limits';
import { createGatewayFace, notFound } from '../faces/gateway-face';
import type { GatewayFaceDeps } from '../faces/gateway-face';
import { GatewayError, isGatewayError } from '../errors/gateway-error';
import { chooseRequestId } from '../observability/request-id';
import { methodLabel } from '../observability/metrics';
import { sendError } from './send-error';

/** Health, readiness and metrics: never rate limited, so that probes and scrapers see truth. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** What a request's handlers leave for its log line. */
interface Locals {
  clientId?: string;
  errorCode?: string;
}

/**
 * The request line of an express route, in the shape of the proxy path's: the client (when
 * its key is known), the appliance a route names, the route template, status, error code.
 */
function requestLine(req: Request, res: Response, durationMs: number): Record<string, unknown> {
  const locals = res.locals as Locals;
  const params = req.params as Record<string, unknown> | undefined;
  const appliance = params?.id ?? params?.applianceId;
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return {
    client: locals.clientId ?? null,
    appliance: typeof appliance === 'string' ? appliance : null,
    method: req.method,
    route: typeof route === 'string' ? route : null,
    status: res.statusCode,
    errorCode: locals.errorCode ?? null,
    durationMs,
  };
}

/** Routers mounted after the gateway face (the fleet face, the task routes). */
export type ExtraRouter = (app: Express) => void;

/**
 * The express application for everything but the appliance face: the gateway's own API
 * and, when mounted, the fleet face. Body parsers are mounted per route, never in front of
 * a proxy (they would consume the body the appliance must receive).
 */
export function createApp(deps: GatewayFaceDeps, extras: ExtraRouter[] = []): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const id = chooseRequestId(req.headers['x-request-id']);
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      customSuccessMessage: () => 'request',
      customErrorMessage: () => 'request',
      // The same line as the proxy path's, plus the error of a failed request.
      quietReqLogger: true,
      quietResLogger: true,
      customAttributeKeys: { reqId: 'reqId' },
      customSuccessObject: (req, res, value: { responseTime: number }) =>
        requestLine(req as Request, res as Response, value.responseTime),
      // The same line for a 5xx: a fault of the gateway logs its stack on a line of its
      // own ('internal error'), and an appliance's 5xx has none to log.
      customErrorObject: (req, res, _error, value: { responseTime: number }) =>
        requestLine(req as Request, res as Response, value.responseTime),
    }),
  );
  app.use((req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      const face = req.path.startsWith('/rest/') ? 'fleet' : 'gateway';
      const labels = { face, method: methodLabel(req.method) };
      deps.metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
      deps.metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    });
    next();
  });

  // A request with a known key counts against its client's rate on every route but the
  // probes; one without is refused by the route itself when it needs a key.
  app.use((req, res, next) => {
    const client = PROBES.has(req.path) ? null : deps.clients.identify(req.headers);
    if (client === null) {
      next();
      return;
    }
    (res.locals as Locals).clientId = client.id;
    deps.rateLimits.admit(rateKeyOf(client, req.socket.remoteAddress)).then(() => next(), next);
  });
  app.use(createGatewayFace(deps));
  for (const mount of extras) mount(app);
  app.use(notFound);
  app.use(errorHandler(deps));
  return app;
}

function errorHandler(deps: GatewayFaceDeps) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const gatewayError = fromHttpError(error, deps.config.server.bodyLimitBytes) ?? error;
    const requestId = typeof req.id === 'string' ? req.id : chooseRequestId(undefined);
    const envelope = sendError(res, gatewayError, { requestId });
    (res.locals as Locals).errorCode = envelope.errorCode;
    deps.metrics.errors.inc({ code: envelope.errorCode, source: 'gateway' });
    if (!isGatewayError(gatewayError)) req.log.error({ err: error }, 'internal error');
  };
}

/**
 * What express, its router and body-parser refuse with a 4xx of their own (a path whose
 * percent-encoding does not decode, a body too large, not JSON, in a charset or encoding
 * they cannot read, cut short), in the envelope's words: the client's fault, not the
 * gateway's.
 */
function fromHttpError(error: unknown, limit: number): GatewayError | null {
  if (isGatewayError(error)) return null;
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499) return null;

  if (type === 'entity.too.large') {
    return new GatewayError('REQUEST_TOO_LARGE', `The body is larger than ${limit} bytes.`, {
      details: 'server.bodyLimitBytes',
    });
  }
  if (type === 'entity.parse.failed') {
    return new GatewayError('BAD_REQUEST', 'The body is not valid JSON.', { details: 'body' });
  }
  if (error instanceof URIError) {
    return new GatewayError('BAD_REQUEST', 'The path has an invalid percent-encoding.', {
      details: 'path',
    });
  }
  return new GatewayError('BAD_REQUEST', `The request was refused: ${describeStatus(status)}.`, {
    status,
    details: typeof type === 'string' ? type : '',
  });
}

function describeStatus(status: number): string {
  return (STATUS_CODES[status] ?? 'bad request').toLowerCase();
}
