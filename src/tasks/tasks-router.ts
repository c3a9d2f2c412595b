import express from 'express';
import type { Request, Router } from 'express';
import type { ApplianceRegistry } from '../appliances/registry';
import type { Client, ClientDirectory } from '../auth/clients';
import { canSeeAppliance } from '../auth/scopes';
import { GatewayError } from '../errors/gateway-error';
import { isStreamId } from '../store/stream-id';
import { StoreUnavailableError } from '../store/store';
import { parseTaskFilter, parseTaskPaging, readInteger } from './task-filter';
import type { QueryValues } from './task-filter';
import type { TaskEventLog } from './task-events';
import { queryTasks } from './task-query';
import type { TaskStore } from './task-store';
import { findTask } from './find-task';
import { streamTaskEvents } from './task-sse';
import { waitForTask } from './wait-for-task';

/** What the task routes need. */
export interface TasksRouterDeps {
  registry: ApplianceRegistry;
  clients: ClientDirectory;
  tasks: TaskStore;
  events: TaskEventLog;
  /** Seconds a client is told to wait before asking again about a running task. */
  retryAfterSeconds: number;
  keepAliveMs: number;
}

const MAX_WAIT_SECONDS = 120;

/**
 * The task feed on the gateway face (SPEC 6): `GET /tasks` from the store, one task with an
 * optional long poll, and the event stream. Every answer is limited to the appliances the
 * client's scopes include.
 */
export function createTasksRouter(deps: TasksRouterDeps): Router {
  const router = express.Router();

  router.get('/tasks', async (req, res) => {
    const viewer = viewerOf(deps, req);
    const query = req.query as QueryValues;
    const paging = parseTaskPaging(query);
    const page = await fromStore(() =>
      queryTasks(deps.tasks.store, { filter: parseTaskFilter(query), paging, ...viewer }),
    );
    const nextStart = paging.start + page.members.length;
    res.json({
      members: page.members,
      count: page.members.length,
      start: paging.start,
      total: page.total,
      // A page of none (count=0) names no next page: it would name itself.
      nextPageUri: page.more && page.members.length > 0 ? pageUri(req, nextStart) : null,
    });
  });

  router.get('/tasks/events', async (req, res) => {
    const viewer = viewerOf(deps, req);
    const lastEventId = req.get('last-event-id') ?? null;
    if (lastEventId !== null && !isStreamId(lastEventId)) {
      throw new GatewayError('BAD_REQUEST', `Last-Event-ID "${lastEventId}" is not an event id.`);
    }
    const filter = parseTaskFilter(req.query);
    await fromStore(() =>
      streamTaskEvents(res, {
        events: deps.events,
        filter,
        lastEventId,
        canSee: viewer.canSee,
        keepAliveMs: deps.keepAliveMs,
      }),
    );
  });

  router.get('/tasks/:applianceId/:taskId', async (req, res) => {
    const viewer = viewerOf(deps, req);
    const applianceId = String(req.params.applianceId);
    const taskId = String(req.params.taskId);
    const waitSeconds = readInteger(req.query, 'wait', 0, MAX_WAIT_SECONDS) ?? 0;
    const appliance = deps.registry.get(applianceId);
    if (!appliance || !viewer.canSee(applianceId)) {
      throw new GatewayError('APPLIANCE_NOT_FOUND', `No appliance has the id "${applianceId}".`);
    }

    const found = await findTask(deps, appliance, taskId);
    const closed = new AbortController();
    res.once('close', () => closed.abort());
    const task = await waitForTask({
      events: deps.events,
      initial: found,
      reread: () => deps.tasks.read(applianceId, taskId).then((stored) => stored?.task ?? null),
      waitMs: waitSeconds * 1000,
      signal: closed.signal,
    });
    if (!task.terminal) res.set('retry-after', String(deps.retryAfterSeconds));
    res.set('cache-control', 'no-store').json(task);
  });

  return router;
}

/** Who is asking, and which appliances their scopes include. */
function viewerOf(deps: TasksRouterDeps, req: Request) {
  const client: Client = deps.clients.authenticate(req.headers);
  const canSee = (applianceId: string): boolean => {
    const labels = deps.registry.get(applianceId)?.config.labels ?? {};
    return canSeeAppliance(client, { id: applianceId, labels });
  };
  return { canSee, seesAll: client.scopes.appliances.includes('*') };
}

/** Runs a store read; a store that does not answer is `503 STORE_UNAVAILABLE`. */
export async function fromStore<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    throw new GatewayError(
      'STORE_UNAVAILABLE',
      'The task feed needs the store, which is not answering.',
      {
        retryAfterSeconds: 5,
        cause: error,
      },
    );
  }
}

function pageUri(req: Request, start: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query as QueryValues)) {
    if (name === 'start') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') params.append(name, item);
    }
  }
  params.set('start', String(start));
  return `/tasks?${params.toString()}`;
}
