import type { IncomingMessage, ServerResponse } from 'node:http';
import { createError } from './errors';
import { parseFaults, type SimulatorFaults } from './faults';
import { sendEmpty, sendJson } from './headers';
import type { SimulatorStats } from './stats';

/** What the control API drives: the simulator behind its handle. */
export interface ControlTarget {
  stats(): SimulatorStats;
  listRequests(limit: number): unknown[];
  describeFaults(): unknown;
  /** Applies faults; `afterAnswer` work (refusing connections) runs once the answer is sent. */
  applyFaults(faults: SimulatorFaults, afterAnswer: (work: () => void) => void): void;
  reset(): void;
}

/**
 * Serves `/_sim/`: `GET stats`, `GET requests[?limit=N]` (up to 50, oldest first),
 * `GET faults`, `POST faults` (400 on an invalid body), `POST reset` (204).
 */
export function handleControl(
  target: ControlTarget,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
  body: Buffer,
): void {
  const key = `${req.method ?? 'GET'} ${path}`;
  switch (key) {
    case 'GET /_sim/stats':
      return sendJson(res, 200, JSON.stringify(target.stats()));
    case 'GET /_sim/requests':
      return sendJson(
        res,
        200,
        JSON.stringify({ requests: target.listRequests(readLimit(query)) }),
      );
    case 'GET /_sim/faults':
      return sendJson(res, 200, JSON.stringify(target.describeFaults()));
    case 'POST /_sim/faults':
      return postFaults(target, res, body);
    case 'POST /_sim/reset':
      target.reset();
      return sendEmpty(res, 204);
    default: {
      const error = createError(404, {
        errorCode: 'RESOURCE_NOT_FOUND',
        message: `No control endpoint ${key}.`,
        recommendedActions: [
          'Use GET /_sim/stats, GET /_sim/requests, POST /_sim/faults or POST /_sim/reset.',
        ],
      });
      return sendJson(res, 404, error.json);
    }
  }
}

function postFaults(target: ControlTarget, res: ServerResponse, body: Buffer): void {
  let faults: SimulatorFaults;
  try {
    faults = parseFaults(JSON.parse(body.toString('utf8') || 'null'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const invalid = createError(400, {
      errorCode: 'INVALID_FAULT',
      message: `Invalid faults: ${message}`,
      recommendedActions: [
        'Send a JSON object with latencyMs, failNext, expireSessions, setVersion, taskOutcome or refuseConnections.',
      ],
    });
    return sendJson(res, 400, invalid.json);
  }
  const deferred: Array<() => void> = [];
  target.applyFaults(faults, (work) => deferred.push(work));
  res.on('finish', () => deferred.forEach((work) => work()));
  sendJson(res, 200, JSON.stringify(target.describeFaults()));
}

function readLimit(query: string): number {
  const match = /(?:^|&)limit=(\d+)/.exec(query);
  return Math.min(50, Math.max(0, Number(match?.[1] ?? 50)));
}
