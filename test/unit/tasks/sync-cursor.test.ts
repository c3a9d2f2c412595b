import {
  advanceCursor,
  alreadySeen,
  formatSyncState,
  nextSyncState,
  parseSyncState,
  syncPath,
} from '../../../src/tasks/sync-cursor';
import type { SyncState } from '../../../src/tasks/sync-cursor';

describe('the sync cursor', () => {
  it('moves to a newer time and remembers the tasks seen at it', () => {
    const first = advanceCursor(null, '2024-01-01T00:00:01.000Z', 'a');
    const same = advanceCursor(first, '2024-01-01T00:00:01.000Z', 'b');
    const older = advanceCursor(same, '2024-01-01T00:00:00.000Z', 'c');
    const newer = advanceCursor(older, '2024-01-01T00:00:02.000Z', 'd');

    expect(same).toEqual({ modified: '2024-01-01T00:00:01.000Z', seen: ['a', 'b'] });
    expect(older).toBe(same);
    expect(newer).toEqual({ modified: '2024-01-01T00:00:02.000Z', seen: ['d'] });
  });

  it('skips only the task versions the last sync read', () => {
    const cursor = { modified: '2024-01-01T00:00:01.000Z', seen: ['a'] };
    expect(alreadySeen(cursor, '2024-01-01T00:00:01.000Z', 'a')).toBe(true);
    expect(alreadySeen(cursor, '2024-01-01T00:00:01.000Z', 'b')).toBe(false);
    expect(alreadySeen(cursor, '2024-01-01T00:00:02.000Z', 'a')).toBe(false);
    expect(alreadySeen(null, '2024-01-01T00:00:01.000Z', 'a')).toBe(false);
  });

  const T1 = '2024-01-01T00:00:01.000Z';
  const T5 = '2024-01-01T00:00:05.000Z';
  const T9 = '2024-01-01T00:00:09.000Z';
  const since = (time: string): string => encodeURIComponent(`"modified>='${time}'"`);
  const upTo = (time: string): string => encodeURIComponent(`"modified<='${time}'"`);

  it.each([
    [null, undefined, '/rest/tasks?sort=modified:desc&count=100'],
    [
      { modified: T1, seen: [] },
      undefined,
      `/rest/tasks?sort=modified:desc&count=100&filter=${since(T1)}`,
    ],
    [
      { modified: T1, seen: [] },
      T5,
      `/rest/tasks?sort=modified:desc&count=100&filter=${since(T1)}&filter=${upTo(T5)}`,
    ],
  ])('asks the appliance for what changed since %j, up to %j', (cursor, until, path) => {
    expect(syncPath(cursor, 100, until)).toBe(path);
  });

  const cursor = { modified: T1, seen: ['a'] };
  const newest = { modified: T9, seen: ['z'] };

  it.each<[string, SyncState, Parameters<typeof nextSyncState>[1], SyncState]>([
    [
      'moves the cursor after a sync that read everything',
      { cursor, backlog: null },
      { next: newest, oldest: T5, stopped: false },
      { cursor: newest, backlog: null },
    ],
    [
      'keeps the cursor and notes the unread rest when the page limit stopped the sync',
      { cursor, backlog: null },
      { next: newest, oldest: T5, stopped: true },
      { cursor, backlog: { until: T5, next: newest } },
    ],
    [
      'narrows the backlog while reading it',
      { cursor, backlog: { until: T5, next: newest } },
      { next: newest, oldest: '2024-01-01T00:00:03.000Z', stopped: true },
      { cursor, backlog: { until: '2024-01-01T00:00:03.000Z', next: newest } },
    ],
    [
      'moves the cursor to where the interrupted sync got once the backlog is read',
      { cursor, backlog: { until: T5, next: newest } },
      { next: newest, oldest: '2024-01-01T00:00:02.000Z', stopped: false },
      { cursor: newest, backlog: null },
    ],
    [
      'gives up a backlog that did not shrink',
      { cursor, backlog: { until: T5, next: newest } },
      { next: newest, oldest: T5, stopped: true },
      { cursor: newest, backlog: null },
    ],
    [
      'starts from the newest page alone on the first sync',
      { cursor: null, backlog: null },
      { next: newest, oldest: T5, stopped: true },
      { cursor: newest, backlog: null },
    ],
    [
      'keeps the cursor when nothing changed',
      { cursor, backlog: null },
      { next: cursor, oldest: null, stopped: false },
      { cursor, backlog: null },
    ],
  ])('%s', (_case, state, read, expected) => {
    expect(nextSyncState(state, read)).toEqual(expected);
  });

  it.each<[string | null, SyncState]>([
    [null, { cursor: null, backlog: null }],
    ['not json', { cursor: null, backlog: null }],
    ['{"modified":1,"seen":[]}', { cursor: null, backlog: null }],
    ['{"modified":"m","seen":["a",2]}', { cursor: { modified: 'm', seen: ['a'] }, backlog: null }],
    [
      '{"modified":"m","seen":[],"backlog":{"until":"u","next":{"modified":"n","seen":["x"]}}}',
      {
        cursor: { modified: 'm', seen: [] },
        backlog: { until: 'u', next: { modified: 'n', seen: ['x'] } },
      },
    ],
    [
      '{"modified":"m","seen":[],"backlog":{"until":"u"}}',
      { cursor: { modified: 'm', seen: [] }, backlog: null },
    ],
  ])('reads a stored state %j', (text, expected) => {
    expect(parseSyncState(text)).toEqual(expected);
  });

  it('stores a state as it reads it back', () => {
    const state = { cursor, backlog: { until: T5, next: newest } };
    expect(parseSyncState(formatSyncState(state))).toEqual(state);
  });
});
