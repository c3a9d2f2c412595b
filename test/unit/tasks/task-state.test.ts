import { isTaskState, mapTaskState, TASK_STATES } from '../../../src/tasks/task-state';

describe('mapTaskState', () => {
  it.each([
    ['New', 'queued', false],
    ['Pending', 'queued', false],
    ['Starting', 'queued', false],
    ['Adding', 'queued', false],
    ['Running', 'running', false],
    ['Suspended', 'running', false],
    ['Stopping', 'running', false],
    ['Cancelling', 'running', false],
    ['Completed', 'completed', true],
    ['Warning', 'warning', true],
    ['Error', 'failed', true],
    ['Interrupted', 'failed', true],
    ['Terminated', 'cancelled', true],
    ['Killed', 'cancelled', true],
    ['Unknown', 'unknown', false],
    ['Paused', 'unknown', false],
    ['running', 'unknown', false],
    ['', 'unknown', false],
    ['toString', 'unknown', false],
    ['__proto__', 'unknown', false],
  ])('maps taskState %j to %s (terminal: %s)', (taskState, state, terminal) => {
    expect(mapTaskState(taskState)).toEqual({ state, terminal });
  });

  it.each([[undefined], [null], [42], [{}], [['Running']]])(
    'maps a taskState that is not a string (%j) to unknown',
    (taskState) => {
      expect(mapTaskState(taskState)).toEqual({ state: 'unknown', terminal: false });
    },
  );
});

describe('isTaskState', () => {
  it('accepts every normalized state and nothing else', () => {
    for (const state of TASK_STATES) expect(isTaskState(state)).toBe(true);
    expect(isTaskState('Running')).toBe(false);
    expect(isTaskState('done')).toBe(false);
  });
});
