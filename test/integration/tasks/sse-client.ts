import type { NormalizedTask } from '../../../src/tasks/task-types';
import { ADMIN_KEY } from '../../support/gateway-harness';

/** One event as the stream carried it. */
export interface SseEvent {
  id: string;
  event: string;
  task: NormalizedTask;
}

/** An open `GET /tasks/events` stream, read as it arrives. */
export interface SseClient {
  status: number;
  events: SseEvent[];
  /** Comment lines received (keep-alives and the opening one). */
  comments: string[];
  /** Resolves with the first event (already received or to come) that `match` accepts. */
  next(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** Opens the event stream of a gateway. */
export async function openEvents(
  baseUrl: string,
  options: { query?: string; lastEventId?: string; key?: string } = {},
): Promise<SseClient> {
  const controller = new AbortController();
  const headers: Record<string, string> = { 'x-api-key': options.key ?? ADMIN_KEY };
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(`${baseUrl}/tasks/events${options.query ?? ''}`, {
    headers,
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  if (response.body) void pump(response.body, events, comments, () => waiters.forEach((w) => w()));

  return {
    status: response.status,
    events,
    comments,
    next(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = events.find(match);
          if (found) {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(found);
          }
          return found !== undefined;
        };
        const waiter = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching event within ${timeoutMs} ms (${events.length} seen)`));
        }, timeoutMs);
        waiters.add(waiter);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

async function pump(
  body: ReadableStream<Uint8Array>,
  events: SseEvent[],
  comments: string[],
  notify: () => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        parseBlock(buffer.slice(0, end), events, comments);
        buffer = buffer.slice(end + 2);
      }
      notify();
    }
  } catch {
    // Aborted by close().
  }
}

function parseBlock(block: string, events: SseEvent[], comments: string[]): void {
  const fields: Record<string, string> = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    const colon = line.indexOf(': ');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 2);
  }
  if (fields.data === undefined) return;
  events.push({
    id: fields.id ?? '',
    event: fields.event ?? '',
    task: JSON.parse(fields.data) as NormalizedTask,
  });
}
