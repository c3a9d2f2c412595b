import { hashKey } from '../../../src/auth/clients';
import type { NormalizedTask } from '../../../src/tasks/task-types';
import { ADMIN_KEY, startTestGateway } from '../../support/gateway-harness';
import { openEvents } from './sse-client';
import { FAST_TASKS, getJson, startProfile } from './task-helpers';

const OPS_KEY = 'test-ops-key-77e0';
const CLIENTS = {
  mode: 'keys',
  clients: [
    { id: 'admin', keySha256: hashKey(ADMIN_KEY) },
    { id: 'ops', keySha256: hashKey(OPS_KEY), scopes: { appliances: ['b'], methods: ['GET'] } },
  ],
};

describe('GET /tasks/events', () => {
  it('streams every change of a task, in order, as event: task with an id', async () => {
    const t = await startTestGateway({ simulator: { taskMs: 500 }, config: { tasks: FAST_TASKS } });
    const events = await openEvents(t.url, { query: '?origin=gateway' });
    try {
      expect(events.status).toBe(200);
      const started = await startProfile(t, 'a', 'sse-01');

      const done = await events.next((e) => e.task.uri === started.taskUri && e.task.terminal);

      const mine = events.events.filter((e) => e.task.uri === started.taskUri);
      expect(done.task).toMatchObject({
        state: 'completed',
        origin: 'gateway',
        startedBy: 'admin',
      });
      expect(mine.every((e) => e.event === 'task')).toBe(true);
      expect(mine.length).toBeGreaterThan(1);
      const progress = mine.map((e) => e.task.percentComplete);
      expect(progress).toEqual([...progress].sort((x, y) => x - y));
      const ids = events.events.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(events.comments).toContain('connected');
    } finally {
      events.close();
      await t.close();
    }
  });

  it('resumes after Last-Event-ID with what happened while the client was away', async () => {
    const t = await startTestGateway({ simulator: { taskMs: 200 }, config: { tasks: FAST_TASKS } });
    try {
      const first = await openEvents(t.url, { query: '?origin=gateway' });
      const one = await startProfile(t, 'a', 'resume-1');
      const seen = await first.next((e) => e.task.uri === one.taskUri && e.task.terminal);
      first.close();

      const two = await startProfile(t, 'a', 'resume-2');
      await getJson<NormalizedTask>(t, `${two.taskUri}?wait=30`);
      const resumed = await openEvents(t.url, { query: '?origin=gateway', lastEventId: seen.id });
      try {
        const replayed = await resumed.next((e) => e.task.uri === two.taskUri && e.task.terminal);

        expect(replayed.task.state).toBe('completed');
        expect(resumed.events.some((e) => e.task.uri === one.taskUri)).toBe(false);
        expect(resumed.events.every((e) => e.id > seen.id)).toBe(true);
      } finally {
        resumed.close();
      }
      const bad = await t.fetch('/tasks/events', { headers: { 'last-event-id': 'yesterday' } });
      expect(bad.status).toBe(400);
    } finally {
      await t.close();
    }
  });

  it('applies the filters and the client scopes to the stream', async () => {
    const t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
      ],
      simulator: { taskMs: 200 },
      config: { tasks: FAST_TASKS, auth: CLIENTS },
    });
    const scoped = await openEvents(t.url, { key: OPS_KEY });
    const filtered = await openEvents(t.url, { query: '?appliance=a&state=completed' });
    try {
      const onA = await startProfile(t, 'a', 'scope-a');
      const onB = await startProfile(t, 'b', 'scope-b');
      await scoped.next((e) => e.task.uri === onB.taskUri && e.task.terminal);
      await filtered.next((e) => e.task.uri === onA.taskUri);
      await getJson(t, `${onA.taskUri}?wait=30`);
      await getJson(t, `${onB.taskUri}?wait=30`);

      expect(scoped.events.every((e) => e.task.applianceId === 'b')).toBe(true);
      expect(filtered.events.every((e) => e.task.applianceId === 'a')).toBe(true);
      expect(filtered.events.every((e) => e.task.state === 'completed')).toBe(true);
    } finally {
      scoped.close();
      filtered.close();
      await t.close();
    }
  });
});
