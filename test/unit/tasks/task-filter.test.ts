import { GatewayError } from '../../../src/errors/gateway-error';
import { matchesFilter, parseTaskFilter, parseTaskPaging } from '../../../src/tasks/task-filter';
import type { NormalizedTask } from '../../../src/tasks/task-types';

describe('parseTaskFilter', () => {
  it('reads comma lists, repeated parameters, since and origin', () => {
    expect(
      parseTaskFilter({
        state: ['running,queued', 'running'],
        appliance: 'a, b',
        since: '2024-01-01T00:00:00Z',
        origin: 'gateway',
      }),
    ).toEqual({
      states: ['running', 'queued'],
      appliances: ['a', 'b'],
      sinceMs: Date.parse('2024-01-01T00:00:00Z'),
      origin: 'gateway',
    });
  });

  it('leaves absent filters open', () => {
    expect(parseTaskFilter({})).toEqual({
      states: null,
      appliances: null,
      sinceMs: null,
      origin: null,
    });
  });

  it.each([
    [{ state: 'Running' }, 'state'],
    [{ since: 'yesterday' }, 'since'],
    [{ origin: 'client' }, 'origin'],
  ])('refuses %j with 400 naming the parameter', (query, name) => {
    const error = catchError(() => parseTaskFilter(query));
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ errorCode: 'BAD_REQUEST', status: 400, details: name });
  });
});

describe('parseTaskPaging', () => {
  it.each([
    [{}, { start: 0, count: 50 }],
    [
      { start: '20', count: '500' },
      { start: 20, count: 500 },
    ],
    [{ count: '0' }, { start: 0, count: 0 }],
  ])('reads %j', (query, paging) => {
    expect(parseTaskPaging(query)).toEqual(paging);
  });

  it.each([[{ count: '501' }], [{ count: '-1' }], [{ start: 'x' }]])('refuses %j', (query) => {
    expect(catchError(() => parseTaskPaging(query))).toMatchObject({ errorCode: 'BAD_REQUEST' });
  });
});

describe('matchesFilter', () => {
  const task = {
    applianceId: 'a',
    state: 'running',
    origin: 'gateway',
    modified: '2024-01-01T00:00:10.000Z',
  } as NormalizedTask;
  const open = { states: null, appliances: null, sinceMs: null, origin: null };

  it.each([
    [{}, true],
    [{ states: ['running', 'failed'] }, true],
    [{ states: ['failed'] }, false],
    [{ appliances: ['b'] }, false],
    [{ origin: 'appliance' }, false],
    [{ sinceMs: Date.parse('2024-01-01T00:00:10.000Z') }, true],
    [{ sinceMs: Date.parse('2024-01-01T00:00:11.000Z') }, false],
  ])('with %j answers %s', (filter, expected) => {
    expect(matchesFilter(task, { ...open, ...filter } as typeof open)).toBe(expected);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
