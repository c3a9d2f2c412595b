import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NormalizedTask } from '../../../src/tasks/task-types';
import { startTestGateway } from '../../support/gateway-harness';
import { startScriptedAppliance } from '../../support/scripted-appliance';
import {
  FAST_TASKS,
  getJson,
  startProfile,
  startTaskOnAppliance,
  waitForFeed,
} from './task-helpers';

describe('following one task', () => {
  it('follows X-Task-Uri with ?wait=30 until the profile is created', async () => {
    const t = await startTestGateway({ simulator: { taskMs: 600 }, config: { tasks: FAST_TASKS } });
    try {
      const started = await startProfile(t, 'a', 'web-01');
      expect(started.status).toBe(202);

      const { status, headers, body } = await getJson<NormalizedTask>(
        t,
        `${started.taskUri}?wait=30`,
      );

      expect(status).toBe(200);
      expect(headers.get('retry-after')).toBeNull();
      expect(body).toMatchObject({
        id: `a:${started.taskId}`,
        applianceId: 'a',
        uri: started.taskUri,
        applianceTaskUri: `/appliances/a/rest/tasks/${started.taskId}`,
        name: 'Create',
        origin: 'gateway',
        state: 'completed',
        terminal: true,
        taskState: 'Completed',
        percentComplete: 100,
        errors: [],
        requestId: started.requestId,
        startedBy: 'admin',
        associatedResource: { name: 'web-01', category: 'server-profiles' },
      });
      const resource = await t.fetch(body.associatedResource!.gatewayUri!);
      expect(resource.status).toBe(200);
      expect(await resource.json()).toMatchObject({ name: 'web-01' });
    } finally {
      await t.close();
    }
  });

  it('answers a wait that ends before the task with 200, running, progress and Retry-After (C7)', async () => {
    const t = await startTestGateway({
      simulator: { taskMs: 3000 },
      config: { tasks: FAST_TASKS },
    });
    try {
      const started = await startProfile(t, 'a', 'web-c7');
      const began = Date.now();

      const early = await getJson<NormalizedTask>(t, `${started.taskUri}?wait=1`);

      expect(Date.now() - began).toBeGreaterThanOrEqual(900);
      expect(early.status).toBe(200);
      expect(early.headers.get('retry-after')).toBe('1');
      expect(early.body).toMatchObject({ state: 'running', terminal: false, taskState: 'Running' });
      expect(early.body.percentComplete).toBeGreaterThan(0);
      expect(early.body.percentComplete).toBeLessThan(100);

      const late = await getJson<NormalizedTask>(t, `${started.taskUri}?wait=30`);
      expect(late.body).toMatchObject({ state: 'completed', percentComplete: 100 });
      expect(late.body.associatedResource).toMatchObject({ name: 'web-c7' });
    } finally {
      await t.close();
    }
  });

  it('shows a task that fails on the appliance as failed, with its error normalized', async () => {
    const t = await startTestGateway({ simulator: { taskMs: 300 }, config: { tasks: FAST_TASKS } });
    try {
      t.simulators[0]!.faults({ taskOutcome: 'Error' });
      const started = await startProfile(t, 'a', 'web-bad');

      const { body } = await getJson<NormalizedTask>(t, `${started.taskUri}?wait=30`);

      expect(body).toMatchObject({ state: 'failed', terminal: true, taskState: 'Error' });
      expect(body.errors).toEqual([
        {
          errorCode: 'PROFILE_OPERATION_FAILED',
          message: expect.stringContaining('web-bad') as string,
          details: expect.any(String) as string,
          recommendedActions: [expect.any(String)],
          nestedErrors: [],
          errorSource: expect.stringMatching(/^\/rest\/server-profiles\//) as string,
          data: expect.any(Object) as object,
          source: 'appliance',
          applianceId: 'a',
          requestId: started.requestId,
        },
      ]);
    } finally {
      await t.close();
    }
  });

  it('reads a task unknown to the store live from its appliance, and 404s one it does not know', async () => {
    const slowSync = { ...FAST_TASKS, syncIntervalMs: 600_000 };
    const t = await startTestGateway({ simulator: { taskMs: 300 }, config: { tasks: slowSync } });
    try {
      // The first sync runs at start; a task created after it stays unknown to the store.
      await waitForFeed(t, '/tasks?appliance=a', (page) => (page.total ? true : undefined));
      const taskId = await startTaskOnAppliance(t.simulators[0]!, 'direct-01');

      const live = await getJson<NormalizedTask>(t, `/tasks/a/${taskId}?wait=30`);
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ origin: 'appliance', state: 'completed', startedBy: null });

      const missing = await getJson(t, '/tasks/a/NO-SUCH-TASK');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ errorCode: 'TASK_NOT_FOUND', applianceId: 'a' });
      const noAppliance = await getJson(t, '/tasks/zz/NO-SUCH-TASK');
      expect(noAppliance.body).toMatchObject({ errorCode: 'APPLIANCE_NOT_FOUND' });
    } finally {
      await t.close();
    }
  });

  it.each([
    ['its body uri alone', { uri: '/rest/tasks/T-202', taskState: 'Running' }, null],
    ['its Location alone, with a body that is no task', '', '/rest/tasks/T-202'],
  ])('registers a task a 202 names by %s', async (_how, body, location) => {
    let polls = 0;
    const appliance = await startScriptedAppliance({
      handle: (req: IncomingMessage, res: ServerResponse) => {
        const json = (status: number, value: unknown, headers = {}): void => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(value === '' ? '' : JSON.stringify(value));
        };
        if (req.url === '/rest/login-sessions')
          return json(200, { sessionID: 'session-9c1f7d2e41' });
        if (req.url === '/rest/server-profiles') {
          return json(202, body, location === null ? {} : { location });
        }
        if (req.url === '/rest/tasks/T-202') {
          polls += 1;
          return json(200, {
            uri: '/rest/tasks/T-202',
            name: 'Create',
            taskState: 'Completed',
            percentComplete: 100,
            modified: '2024-05-01T12:00:05.000Z',
          });
        }
        return json(200, { members: [], total: 0, nextPageUri: null });
      },
    });
    const t = await startTestGateway({
      simulators: [appliance.asSimulator()],
      config: { tasks: FAST_TASKS },
    });
    try {
      const started = await startProfile(t, 'a', 'scripted');
      expect(started).toMatchObject({ status: 202, taskUri: '/tasks/a/T-202' });

      const { body: task } = await getJson<NormalizedTask>(t, `${started.taskUri}?wait=10`);

      expect(task).toMatchObject({
        id: 'a:T-202',
        state: 'completed',
        origin: 'gateway',
        startedBy: 'admin',
        requestId: started.requestId,
      });
      expect(polls).toBeGreaterThan(0);
    } finally {
      await t.close();
      await appliance.close();
    }
  });

  it('follows a task the same way on the in-process store', async () => {
    const t = await startTestGateway({
      store: 'memory',
      simulator: { taskMs: 300 },
      config: { tasks: FAST_TASKS },
    });
    try {
      const started = await startProfile(t, 'a', 'in-memory');

      const { body } = await getJson<NormalizedTask>(t, `${started.taskUri}?wait=30`);

      expect(body).toMatchObject({ state: 'completed', origin: 'gateway', startedBy: 'admin' });
      const feed = await getJson<{ members: NormalizedTask[] }>(t, '/tasks?origin=gateway');
      expect(feed.body.members.map((task) => task.uri)).toEqual([started.taskUri]);
    } finally {
      await t.close();
    }
  });
});
