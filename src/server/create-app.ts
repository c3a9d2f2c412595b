import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { createGatewayFace, notFound } from '../faces/gateway-face';
import type { GatewayFaceDeps } from '../faces/gateway-face';
import { GatewayError, isGatewayError } from '../errors/gateway-error';
import { chooseRequestId } from '../observability/request-id';
import { methodLabel } from '../observability/metrics';
import { sendError } from './send-error';

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
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      quietReqLogger: true,
    }),
  );
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const face = req.path.startsWith('/rest/') ? 'fleet' : 'gateway';
      const labels = { face, method: methodLabel(req.method) };
      deps.metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
      deps.metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });

  app.use(createGatewayFace(deps));
  for (const mount of extras) mount(app);
  app.use(notFound);
  app.use(errorHandler(deps));
  return app;
}

function errorHandler(deps: GatewayFaceDeps) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const gatewayError = fromBodyParser(error, deps.config.server.bodyLimitBytes) ?? error;
    const requestId = typeof req.id === 'string' ? req.id : chooseRequestId(undefined);
    const envelope = sendError(res, gatewayError, { requestId });
    deps.metrics.errors.inc({ code: envelope.errorCode, source: 'gateway' });
    if (!isGatewayError(gatewayError)) {
      req.log.error({ err: error }, 'internal error');
    }
  };
}

/** body-parser's own errors, in the envelope's words. */
function fromBodyParser(error: unknown, limit: number): GatewayError | null {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return new GatewayError('REQUEST_TOO_LARGE', `The body is larger than ${limit} bytes.`, {
      details: 'server.bodyLimitBytes',
    });
  }
  if (type === 'entity.parse.failed') {
    return new GatewayError('BAD_REQUEST', 'The body is not valid JSON.');
  }
  if (typeof type === 'string' && type.startsWith('encoding.')) {
    return new GatewayError('BAD_REQUEST', 'The body encoding is not supported.');
  }
  return null;
}
