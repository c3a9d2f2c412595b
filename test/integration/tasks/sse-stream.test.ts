import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureLog } from '../../support/log-capture';
import { MemoryStore } from '../../../src/store/memory-store';
import { TaskEventLog } from '../../../src/tasks/task-events';
import { streamTaskEvents } from '../../../src/tasks/task-sse';
import type { NormalizedTask } from '../../../src/tasks/task-types';

const OPEN = { states: null, appliances: null, sinceMs: null, origin: null };

function task(id: string, applianceId = 'a'): NormalizedTask {
  return { id: `${applianceId}:${id}`, applianceId, state: 'running' } as NormalizedTask;
}

/** Serves the stream on a real socket and collects what the client receives. */
async function serve(events: TaskEventLog, lastEventId: string | null, keepAliveMs: number) {
  const server = http.createServer((_req, res) => {
    void streamTaskEvents(res, {
      events,
      filter: OPEN,
      canSee: (applianceId) => applianceId === 'a',
      lastEventId,
      keepAliveMs,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let text = '';
  const waiters: Array<() => void> = [];
  const request = http.get(`http://127.0.0.1:${port}/`, (res) => {
    res.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      waiters.forEach((waiter) => waiter());
    });
  });
  request.on('error', () => undefined);
  const until = (needle: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${needle}" in ${text}`)), 3000);
      const check = (): void => {
        if (text.includes(needle)) {
          clearTimeout(timer);
          resolve();
        }
      };
      waiters.push(check);
      check();
    });
  return {
    text: () => text,
    until,
    close: async () => {
      request.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the task event stream', () => {
  it('replays after Last-Event-ID, then goes live, in order and without duplicates', async () => {
    const store = new MemoryStore();
    const events = new TaskEventLog(store, captureLog().logger);
    await events.start();
    await events.append(task('t1'));
    const firstId = (await events.readAfter('0', 10))[0]!.id;
    await events.append(task('t2'));
    await events.append(task('hidden', 'b'));

    const client = await serve(events, firstId, 60_000);
    try {
      await client.until('a:t2');
      await events.append(task('t3'));
      await client.until('a:t3');

      const ids = [...client.text().matchAll(/"id":"([^"]+)"/g)].map((match) => match[1]);
      expect(ids).toEqual(['a:t2', 'a:t3']);
      expect(client.text()).toContain('event: task\n');
    } finally {
      await client.close();
      await events.stop();
      await store.close();
    }
  });

  it('sends a comment line on the keep-alive interval', async () => {
    const store = new MemoryStore();
    const events = new TaskEventLog(store, captureLog().logger);
    const client = await serve(events, null, 50);
    try {
      await client.until(': keep-alive\n\n');
      expect(client.text().startsWith(': connected\n\n')).toBe(true);
    } finally {
      await client.close();
      await store.close();
    }
  });
});
