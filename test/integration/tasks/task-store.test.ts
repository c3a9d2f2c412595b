import { MemoryStore } from '../../../src/store/memory-store';
import { TaskEventLog } from '../../../src/tasks/task-events';
import { TaskStore } from '../../../src/tasks/task-store';
import { captureLog } from '../../support/log-capture';

const URI = '/rest/tasks/T-1';

/** A task body as an appliance sends it at one moment of the task's life. */
function body(taskState: string, percentComplete: number, modified: string) {
  return { uri: URI, name: 'Create', taskState, percentComplete, modified, taskErrors: [] };
}

const RUNNING = body('Running', 40, '2024-05-01T12:00:01.000Z');
const COMPLETED = body('Completed', 100, '2024-05-01T12:00:05.000Z');

describe('saving task answers', () => {
  let store: MemoryStore;
  let tasks: TaskStore;

  beforeEach(() => {
    store = new MemoryStore();
    const events = new TaskEventLog(store, captureLog().logger);
    tasks = new TaskStore(store, { retentionMs: 3_600_000, pollIntervalMs: 1000 }, events);
  });
  afterEach(() => store.close());

  /** The states the event stream carried for the task, oldest first. */
  async function eventStates(): Promise<string[]> {
    const events = await tasks.events.readAfter('0', 100);
    return events.map((event) => event.task.state);
  }

  it('keeps a terminal task terminal when an answer read before it ended arrives late', async () => {
    await tasks.save({ applianceId: 'a', body: RUNNING, eTag: '3' });
    await tasks.save({ applianceId: 'a', body: COMPLETED, eTag: '9' });

    const late = await tasks.save({ applianceId: 'a', body: RUNNING, eTag: '3' });

    expect(late).toMatchObject({ changed: false, stored: { eTag: '9' } });
    const stored = await tasks.read('a', 'T-1');
    expect(stored?.task).toMatchObject({
      state: 'completed',
      terminal: true,
      percentComplete: 100,
    });
    expect(await eventStates()).toEqual(['running', 'completed']);
    expect(await store.indexRangeUpTo('tasks:active:a', Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });

  it('takes who started a task from a late answer, keeping the task terminal', async () => {
    await tasks.save({ applianceId: 'a', body: COMPLETED });
    await tasks.register('a', 'T-1', {
      startedBy: 'admin',
      requestId: 'req-7',
      method: 'POST',
      path: '/rest/server-profiles',
      registeredAt: '2024-05-01T12:00:00.500Z',
    });

    const late = await tasks.save({ applianceId: 'a', body: RUNNING });

    expect(late?.changed).toBe(true);
    expect((await tasks.read('a', 'T-1'))?.task).toMatchObject({
      state: 'completed',
      origin: 'gateway',
      startedBy: 'admin',
      requestId: 'req-7',
    });
    expect(await store.indexRangeDesc('tasks:origin:gateway', 0, 10)).toEqual(['a:T-1']);
    expect(await store.indexRangeDesc('tasks:origin:appliance', 0, 10)).toEqual([]);
  });
});
