import { sendRaw } from '../../support/raw-http';
import { hashKey } from '../../../src/auth/clients';
import type { NormalizedTask } from '../../../src/tasks/task-types';
import { ADMIN_KEY, startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { waitFor } from '../../support/simulator-client';
import {
  FAST_TASKS,
  getJson,
  startProfile,
  startTaskOnAppliance,
  startTasksOnAppliance,
  waitForFeed,
} from './task-helpers';
import type { FeedPage } from './task-helpers';

const OPS_KEY = 'test-ops-key-5d21';
const CLIENTS = {
  mode: 'keys',
  clients: [
    { id: 'admin', keySha256: hashKey(ADMIN_KEY) },
    {
      id: 'ops',
      keySha256: hashKey(OPS_KEY),
      scopes: { appliances: ['a', 'b'], methods: ['GET'] },
    },
  ],
};

describe('the task feed', () => {
  let t: TestGateway;
  const started: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 3400],
        [120, 2000],
      ],
      simulator: { taskMs: 200 },
      config: { tasks: FAST_TASKS, auth: CLIENTS },
    });
    for (const [applianceId, name] of [
      ['a', 'a-1'],
      ['a', 'a-2'],
      ['b', 'b-1'],
      ['c', 'c-1'],
    ] as const) {
      const task = await startProfile(t, applianceId, name);
      started[name] = task.taskUri;
      await getJson(t, `${task.taskUri}?wait=30`);
    }
  });
  afterAll(() => t.close());

  it('lists the tasks started through the gateway, newest first', async () => {
    const { status, body } = await getJson<FeedPage>(t, '/tasks?origin=gateway');

    expect(status).toBe(200);
    expect(body.members.map((task) => task.uri)).toEqual(
      ['c-1', 'b-1', 'a-2', 'a-1'].map((name) => started[name]),
    );
    expect(body).toMatchObject({ count: 4, start: 0, total: 4, nextPageUri: null });
    const modified = body.members.map((task) => Date.parse(task.modified));
    expect(modified).toEqual([...modified].sort((x, y) => y - x));
  });

  it.each([
    ['/tasks?appliance=a&origin=gateway', ['a-2', 'a-1']],
    ['/tasks?appliance=a,b&origin=gateway', ['b-1', 'a-2', 'a-1']],
    ['/tasks?state=completed&origin=gateway&appliance=c', ['c-1']],
    ['/tasks?state=running,queued&origin=gateway', []],
  ])('filters %s', async (path, names) => {
    const { body } = await getJson<FeedPage>(t, path);
    expect(body.members.map((task) => task.uri)).toEqual(names.map((name) => started[name]));
  });

  it('selects on modified with since', async () => {
    const all = await getJson<FeedPage>(t, '/tasks?origin=gateway');
    const second = all.body.members[1]!;

    const { body } = await getJson<FeedPage>(t, `/tasks?since=${second.modified}`);

    expect(body.members.map((task) => task.id)).toEqual([all.body.members[0]!.id, second.id]);
  });

  it('pages with start and count, and links the next page', async () => {
    const first = await getJson<FeedPage>(t, '/tasks?origin=gateway&count=3');
    expect(first.body.members).toHaveLength(3);
    expect(first.body.nextPageUri).toBe('/tasks?origin=gateway&count=3&start=3');

    const second = await getJson<FeedPage>(t, first.body.nextPageUri!);
    expect(second.body.members.map((task) => task.uri)).toEqual([started['a-1']]);
    expect(second.body.nextPageUri).toBeNull();

    const exact = await getJson<FeedPage>(t, '/tasks?appliance=b&count=1&start=1');
    expect(exact.body.start).toBe(1);
    expect(exact.body.total).toBeGreaterThan(1);
  });

  it('shows a client only the tasks of the appliances its scopes include', async () => {
    const mine = await getJson<FeedPage>(t, '/tasks?origin=gateway', OPS_KEY);
    expect(mine.body.members.map((task) => task.applianceId)).toEqual(['b', 'a', 'a']);

    const other = await getJson<FeedPage>(t, '/tasks?appliance=c', OPS_KEY);
    expect(other.body).toMatchObject({ members: [], total: 0 });
    const one = await getJson(t, started['c-1']!, OPS_KEY);
    expect(one).toMatchObject({ status: 404, body: { errorCode: 'APPLIANCE_NOT_FOUND' } });
    const stranger = await t.fetch('/tasks', { headers: { 'x-api-key': 'nobody' } });
    expect(stranger.status).toBe(401);
  });

  it.each([
    ['/tasks?state=Running', 'state'],
    ['/tasks?count=501', 'count'],
    ['/tasks?since=tomorrow', 'since'],
    ['/tasks?origin=cli', 'origin'],
    ['/tasks/a/x?wait=121', 'wait'],
  ])('refuses %s with 400 BAD_REQUEST', async (path, name) => {
    const { status, body } = await getJson(t, path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'BAD_REQUEST', details: name, source: 'gateway' });
  });

  it('names no next page after a page of none', async () => {
    const { status, body } = await getJson<FeedPage & { nextPageUri: string | null }>(
      t,
      '/tasks?count=0',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ members: [], count: 0, nextPageUri: null });
  });

  // Raw requests: fetch would resolve the dot segments before sending.
  it.each(['..', '%2e%2e', '.', '%2E'])(
    'answers a task id of %s 404 TASK_NOT_FOUND without asking the appliance',
    async (taskId) => {
      const before = t.simulators[0]!.stats().requests.total;
      const answer = await sendRaw(
        t.url,
        `GET /tasks/a/${taskId} HTTP/1.1\r\nHost: x\r\nX-API-Key: ${ADMIN_KEY}\r\n` +
          'Connection: close\r\n\r\n',
      );
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 'TASK_NOT_FOUND' });
      expect(t.simulators[0]!.stats().requests.total).toBe(before);
    },
  );

  it('finds a task started on the appliance itself after one sync, with origin appliance', async () => {
    const taskId = await startTaskOnAppliance(t.simulators[1]!, 'direct-b');

    const task = await waitForFeed(t, '/tasks?appliance=b&origin=appliance', (page) =>
      page.members.find((member) => member.id === `b:${taskId}`),
    );

    expect(task).toMatchObject({ origin: 'appliance', startedBy: null, requestId: null });
    expect(task.associatedResource).toMatchObject({ name: 'direct-b' });
  });

  it('reports ovgw_tasks by appliance and state', async () => {
    await waitForFeed(t, '/tasks?appliance=c&state=completed', (page) => page.total || undefined);
    const text = await (await fetch(`${t.url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('ovgw_tasks{appliance="c",state="completed"}'));
    expect(Number(line?.split(' ').pop())).toBeGreaterThanOrEqual(1);
  });
});

describe('the task feed and the appliances', () => {
  it('answers from the store without calling any appliance', async () => {
    const idle = { pollIntervalMs: 600_000, syncIntervalMs: 600_000, retentionHours: 24 };
    const t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
      ],
      config: { tasks: idle },
    });
    try {
      await waitForFeed(t, '/tasks', (page) => (page.total === 16 ? true : undefined));
      const before = t.simulators.map((sim) => sim.stats().requests.total);

      for (const path of [
        '/tasks',
        '/tasks?state=completed',
        '/tasks?appliance=b',
        '/tasks?origin=appliance&count=3',
      ]) {
        const { status } = await getJson(t, path);
        expect(status).toBe(200);
      }

      expect(t.simulators.map((sim) => sim.stats().requests.total)).toEqual(before);
    } finally {
      await t.close();
    }
  });

  it('reads every task of a burst larger than one sync reads, over the next syncs', async () => {
    const t = await startTestGateway({
      // Pages of 10: one sync reads at most 5 pages, 50 tasks; 120 tasks started between
      // two syncs (or across one) leave more than that for a single sync.
      simulator: { taskMs: 0, pageSize: 10 },
      config: { tasks: { pollIntervalMs: 100, syncIntervalMs: 1500, retentionHours: 24 } },
    });
    try {
      await waitFor(async () => (await t.gateway.store.get('tasks:cursor:a')) ?? undefined);
      const names = Array.from({ length: 120 }, (_, index) => `burst-${index}`);
      const taskIds = await startTasksOnAppliance(t.simulators[0]!, names);

      const listed = await waitForFeed(
        t,
        '/tasks?appliance=a&origin=appliance&count=500',
        (page) => {
          const ids = new Set(page.members.map((task) => task.id));
          return taskIds.every((id) => ids.has(`a:${id}`)) ? ids : undefined;
        },
        15_000,
      );

      expect(listed.size).toBeGreaterThanOrEqual(120);
    } finally {
      await t.close();
    }
  });

  it('forgets terminal tasks after tasks.retentionHours', async () => {
    const shortRetention = { ...FAST_TASKS, retentionHours: 0.0003 };
    const t = await startTestGateway({
      simulator: { taskMs: 100 },
      config: { tasks: shortRetention },
    });
    try {
      const started = await startProfile(t, 'a', 'short-lived');
      const { body } = await getJson<NormalizedTask>(t, `${started.taskUri}?wait=30`);
      expect(body.state).toBe('completed');
      const listed = await getJson<FeedPage>(t, '/tasks?origin=gateway');
      expect(listed.body.members.map((task) => task.uri)).toEqual([started.taskUri]);

      await waitForFeed(t, '/tasks', (page) => (page.total === 0 ? true : undefined), 5000);
      const keys = await t.gateway.store.indexSize('tasks:expiry');
      expect(keys).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('answers 503 STORE_UNAVAILABLE for the feed when the store is down, and still reads one task live', async () => {
    const t = await startTestGateway({
      simulator: { taskMs: 200 },
      config: { tasks: FAST_TASKS, store: { redisUrl: 'redis://127.0.0.1:1', keyPrefix: 'down:' } },
    });
    try {
      const feed = await getJson(t, '/tasks');
      expect(feed.status).toBe(503);
      expect(feed.body).toMatchObject({ errorCode: 'STORE_UNAVAILABLE' });

      const started = await startProfile(t, 'a', 'no-store');
      const one = await getJson<NormalizedTask>(t, started.taskUri);
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(`a:${started.taskId}`);
    } finally {
      await t.close();
    }
  });
});
