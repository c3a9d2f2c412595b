import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { isApplianceFaceTarget } from '../proxy/parse-appliance-path';

/**
 * The first thing every request meets: appliance-face requests go straight to the proxy,
 * everything else to express. Express routing costs more per request than the whole
 * proxying does, so the hot path never enters it.
 */
export function createFront(
  applianceFace: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  app: Express,
): RequestListener {
  return (req, res) => {
    if (isApplianceFaceTarget(req.url ?? '')) {
      void applianceFace(req, res);
      return;
    }
    app(req, res);
  };
}
