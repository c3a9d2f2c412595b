import { modifiedMs, normalizeTask } from '../../../src/tasks/normalize-task';
import type { TaskRegistration } from '../../../src/tasks/task-types';

const NOW = new Date('2024-05-01T12:00:00.000Z');

const RUNNING = {
  type: 'TaskResourceV2',
  uri: '/rest/tasks/BA3C8C84-4122',
  category: 'tasks',
  name: 'Create',
  owner: 'administrator',
  taskState: 'Running',
  taskStatus: 'Applying server profile',
  percentComplete: 50,
  computedPercentComplete: 50,
  associatedResource: {
    resourceName: 'profile01',
    resourceUri: '/rest/server-profiles/9e2e',
    resourceCategory: 'server-profiles',
    associationType: 'MANAGED_BY',
  },
  taskErrors: [],
  eTag: '10',
  created: '2015-09-10T22:50:05.406Z',
  modified: '2015-09-10T22:50:14.250Z',
};

const REGISTRATION: TaskRegistration = {
  startedBy: 'admin',
  requestId: 'req-1',
  method: 'POST',
  path: '/rest/server-profiles',
  registeredAt: '2015-09-10T22:50:05.500Z',
};

describe('normalizeTask', () => {
  it('normalizes a running task started through the gateway, field by field', () => {
    expect(
      normalizeTask(RUNNING, { applianceId: 'dc1', registration: REGISTRATION, now: NOW }),
    ).toEqual({
      id: 'dc1:BA3C8C84-4122',
      applianceId: 'dc1',
      uri: '/tasks/dc1/BA3C8C84-4122',
      applianceTaskUri: '/appliances/dc1/rest/tasks/BA3C8C84-4122',
      name: 'Create',
      owner: 'administrator',
      origin: 'gateway',
      state: 'running',
      terminal: false,
      taskState: 'Running',
      taskStatus: 'Applying server profile',
      percentComplete: 50,
      associatedResource: {
        name: 'profile01',
        category: 'server-profiles',
        uri: '/rest/server-profiles/9e2e',
        gatewayUri: '/appliances/dc1/rest/server-profiles/9e2e',
      },
      errors: [],
      created: '2015-09-10T22:50:05.406Z',
      modified: '2015-09-10T22:50:14.250Z',
      requestId: 'req-1',
      startedBy: 'admin',
    });
  });

  it('marks a task without registration as started on the appliance', () => {
    const task = normalizeTask(RUNNING, { applianceId: 'dc1', registration: null, now: NOW });
    expect(task).toMatchObject({ origin: 'appliance', requestId: null, startedBy: null });
  });

  it('normalizes task errors into the gateway error shape', () => {
    const failed = {
      ...RUNNING,
      taskState: 'Error',
      percentComplete: 100,
      taskErrors: [
        {
          errorCode: 'OPERATION_FAILED',
          message: 'Unable to create profile01.',
          details: null,
          recommendedActions: 'Retry.',
          nestedError: { errorCode: 'INNER', message: 'inner' },
          errorSource: '/rest/server-profiles/9e2e',
        },
      ],
    };
    const task = normalizeTask(failed, {
      applianceId: 'dc1',
      registration: REGISTRATION,
      now: NOW,
    });
    expect(task).toMatchObject({ state: 'failed', terminal: true, percentComplete: 100 });
    expect(task?.errors).toEqual([
      {
        errorCode: 'OPERATION_FAILED',
        message: 'Unable to create profile01.',
        details: '',
        recommendedActions: ['Retry.'],
        nestedErrors: [
          {
            errorCode: 'INNER',
            message: 'inner',
            details: '',
            recommendedActions: [],
            nestedErrors: [],
            errorSource: null,
            data: {},
          },
        ],
        errorSource: '/rest/server-profiles/9e2e',
        data: {},
        source: 'appliance',
        applianceId: 'dc1',
        requestId: 'req-1',
      },
    ]);
  });

  it.each([
    ['a missing percentComplete on a terminal task', { taskState: 'Completed' }, 100],
    ['a missing percentComplete on a running task', { taskState: 'Running' }, 0],
    ['computedPercentComplete alone', { taskState: 'Running', computedPercentComplete: 30 }, 30],
    ['a value above 100', { taskState: 'Running', percentComplete: 140 }, 100],
    ['a negative value', { taskState: 'Running', percentComplete: -5 }, 0],
  ])('reads the progress from %s', (_case, fields, percent) => {
    const body = { uri: '/rest/tasks/t1', ...fields };
    const task = normalizeTask(body, { applianceId: 'a', registration: null, now: NOW });
    expect(task?.percentComplete).toBe(percent);
  });

  it('keeps an undocumented taskState as it came, with state unknown', () => {
    const body = { ...RUNNING, taskState: 'Frozen' };
    const task = normalizeTask(body, { applianceId: 'a', registration: null, now: NOW });
    expect(task).toMatchObject({ state: 'unknown', terminal: false, taskState: 'Frozen' });
  });

  it('fills what an old or partial body leaves out', () => {
    const task = normalizeTask(
      { taskState: 'New' },
      { applianceId: 'a', taskId: 't9', registration: null, now: NOW },
    );
    expect(task).toMatchObject({
      id: 'a:t9',
      name: '',
      owner: '',
      taskStatus: '',
      associatedResource: null,
      errors: [],
      created: NOW.toISOString(),
      modified: NOW.toISOString(),
    });
  });

  it('links no gateway URI for a resource outside /rest/', () => {
    const body = { ...RUNNING, associatedResource: { resourceName: 'x', resourceUri: 'ftp://x' } };
    const task = normalizeTask(body, { applianceId: 'a', registration: null, now: NOW });
    expect(task?.associatedResource).toEqual({
      name: 'x',
      category: '',
      uri: 'ftp://x',
      gatewayUri: null,
    });
  });

  it.each([[null], ['text'], [[RUNNING]], [{ taskState: 'Running' }]])(
    'refuses %j, which names no task',
    (body) => {
      expect(normalizeTask(body, { applianceId: 'a', registration: null, now: NOW })).toBeNull();
    },
  );

  it('reads the task id from an absolute task uri', () => {
    const body = { ...RUNNING, uri: 'https://10.0.0.1/rest/tasks/abc' };
    const task = normalizeTask(body, { applianceId: 'a', registration: null, now: NOW });
    expect(task?.id).toBe('a:abc');
  });

  it('scores a task by its modified time', () => {
    const task = normalizeTask(RUNNING, { applianceId: 'a', registration: null, now: NOW })!;
    expect(modifiedMs(task)).toBe(Date.parse('2015-09-10T22:50:14.250Z'));
  });
});
