import type { NormalizedTask } from '../../../src/tasks/task-types';
import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { waitFor } from '../../support/simulator-client';
import { uniqueKeyPrefix } from '../../support/test-redis';
import { openEvents } from './sse-client';
import { FAST_TASKS, getJson, startProfile } from './task-helpers';

const TASK_POLL_ROUTE = 'GET /rest/tasks/{id}';

describe('several gateway replicas on one Redis', () => {
  it('shows a task started through one replica on the event stream of another', async () => {
    const keyPrefix = uniqueKeyPrefix('tasks-replicas');
    const one = await startTestGateway({
      simulator: { taskMs: 1000 },
      config: { tasks: FAST_TASKS },
      keyPrefix,
    });
    const two = await startTestGateway({
      simulators: one.simulators,
      config: { tasks: FAST_TASKS },
      keyPrefix,
    });
    const events = await openEvents(two.url);
    try {
      const before = one.simulators[0]!.stats().requests.byRoute[TASK_POLL_ROUTE] ?? 0;
      const started = await startProfile(one, 'a', 'across');

      const progress = await events.next(
        (e) => e.task.uri === started.taskUri && e.task.state === 'running',
      );
      const done = await events.next((e) => e.task.uri === started.taskUri && e.task.terminal);

      expect(progress.task.percentComplete).toBeGreaterThan(0);
      expect(progress.task.percentComplete).toBeLessThan(100);
      expect(done.task).toMatchObject({
        state: 'completed',
        origin: 'gateway',
        startedBy: 'admin',
      });
      // One replica polls the appliance: about one poll per interval over the task's life.
      const polls = (one.simulators[0]!.stats().requests.byRoute[TASK_POLL_ROUTE] ?? 0) - before;
      expect(polls).toBeGreaterThan(0);
      expect(polls).toBeLessThanOrEqual(1000 / FAST_TASKS.pollIntervalMs + 3);
      const fromTwo = await getJson<NormalizedTask>(two, started.taskUri);
      expect(fromTwo.body.state).toBe('completed');
    } finally {
      events.close();
      await two.close();
      await one.close();
    }
  });

  it('moves the watch to another replica when the one holding the lease dies mid-task', async () => {
    const keyPrefix = uniqueKeyPrefix('tasks-lease');
    const first = await startTestGateway({
      simulator: { taskMs: 2500 },
      config: { tasks: FAST_TASKS },
      keyPrefix,
    });
    const second = await startTestGateway({
      simulators: first.simulators,
      config: { tasks: FAST_TASKS },
      keyPrefix,
    });
    try {
      const holderBefore = await first.gateway.store.get('tasks:lease:a');
      expect(holderBefore).not.toBeNull();
      const started = await startProfile(first, 'a', 'orphan');
      const running = await getJson<NormalizedTask>(second, started.taskUri);
      expect(running.body.terminal).toBe(false);

      // The replica that watches the appliance loses its store: it can no longer renew.
      const watching = [first, second].filter(isWatching);
      expect(watching).toHaveLength(1);
      const holder = watching[0]!;
      const survivor = holder === first ? second : first;
      await holder.gateway.store.close();

      const done = await getJson<NormalizedTask>(survivor, `${started.taskUri}?wait=30`);

      expect(done.body).toMatchObject({ state: 'completed', origin: 'gateway' });
      const holderAfter = await survivor.gateway.store.get('tasks:lease:a');
      expect(holderAfter).not.toBeNull();
      expect(holderAfter).not.toBe(holderBefore);
      expect(survivor.log.lines.some((line) => line.msg === 'watching tasks')).toBe(true);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('a replica whose round outlasts its lease', () => {
  it('keeps watching the appliance alone, renewing the lease while the round runs', async () => {
    const keyPrefix = uniqueKeyPrefix('tasks-slow');
    const first = await startTestGateway({
      simulator: { taskMs: 60_000 },
      config: { tasks: FAST_TASKS },
      keyPrefix,
    });
    const second = await startTestGateway({
      simulators: first.simulators,
      config: { tasks: FAST_TASKS },
      keyPrefix,
    });
    try {
      const sim = first.simulators[0]!;
      const polls = (): number => sim.stats().requests.byRoute[TASK_POLL_ROUTE] ?? 0;
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => startProfile(first, 'a', `slow-${i}`)),
      );
      // 12 polls, 4 at a time, then a sync: about 2.8 s a round against a lease of 2 s.
      sim.faults({ latencyMs: 700 });
      const before = polls();

      await waitFor(() => (polls() >= before + 24 ? true : undefined), 20_000);

      expect([first, second].map(isWatching).sort()).toEqual([false, true]);
      const lost = [first, second].flatMap((t) =>
        t.log.lines.filter((line) => String(line.msg).startsWith('no longer watching')),
      );
      expect(lost).toEqual([]);
    } finally {
      first.simulators[0]!.faults({ latencyMs: 0 });
      await second.close();
      await first.close();
    }
  });
});

/** Tells whether a replica has logged that it watches an appliance's tasks. */
function isWatching(t: TestGateway): boolean {
  return t.log.lines.some((line) => line.msg === 'watching tasks');
}
