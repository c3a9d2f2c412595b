import type { ServerResponse } from 'node:http';
import { compareStreamIds } from '../store/stream-id';
import type { TaskEvent, TaskEventLog } from './task-events';
import { matchesFilter } from './task-filter';
import type { TaskFilter } from './task-filter';

/** One SSE client: what it selects and where it resumes. */
export interface SseSubscription {
  events: TaskEventLog;
  filter: TaskFilter;
  canSee: (applianceId: string) => boolean;
  /** `Last-Event-ID`: replay what followed it before going live. */
  lastEventId: string | null;
  keepAliveMs: number;
}

const REPLAY_BATCH = 500;

/**
 * Serves `GET /tasks/events` (SPEC 6) on an open response. Live events are listened to
 * before the replay is read and held until it is sent, so that a resuming client misses
 * nothing and sees nothing twice. A comment line every `keepAliveMs` keeps proxies from
 * closing a quiet stream. Rejects (before anything is written) when the replay cannot be
 * read; resolves once the client is gone.
 */
export async function streamTaskEvents(res: ServerResponse, sub: SseSubscription): Promise<void> {
  const closed = new Promise<void>((resolve) => res.once('close', resolve));
  let lastId = sub.lastEventId;
  let held: TaskEvent[] | null = [];
  const send = (event: TaskEvent): void => {
    if (lastId !== null && compareStreamIds(event.id, lastId) <= 0) return;
    lastId = event.id;
    if (!sub.canSee(event.task.applianceId) || !matchesFilter(event.task, sub.filter)) return;
    res.write(`id: ${event.id}\nevent: task\ndata: ${JSON.stringify(event.task)}\n\n`);
  };
  const stopListening = sub.events.listen((event) => (held ? held.push(event) : send(event)));

  let replay: TaskEvent[];
  try {
    replay =
      sub.lastEventId === null ? [] : await sub.events.readAfter(sub.lastEventId, REPLAY_BATCH);
  } catch (error) {
    stopListening();
    throw error;
  }
  openStream(res);
  while (replay.length > 0) {
    replay.forEach(send);
    replay = replay.length < REPLAY_BATCH ? [] : await readMore(sub, lastId);
  }
  const waiting = held;
  held = null;
  waiting.forEach(send);

  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), sub.keepAliveMs);
  await closed;
  clearInterval(keepAlive);
  stopListening();
}

function openStream(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // Reverse proxies (nginx) buffer responses unless told otherwise.
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
}

async function readMore(sub: SseSubscription, lastId: string | null): Promise<TaskEvent[]> {
  if (lastId === null) return [];
  return sub.events.readAfter(lastId, REPLAY_BATCH).catch(() => []);
}
