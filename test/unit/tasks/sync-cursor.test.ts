import { advanceCursor, alreadySeen, parseCursor, syncPath } from '../../../src/tasks/sync-cursor';

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

  it.each([
    [null, '/rest/tasks?sort=modified:desc&count=100'],
    [
      { modified: '2024-01-01T00:00:01.000Z', seen: [] },
      `/rest/tasks?sort=modified:desc&count=100&filter=${encodeURIComponent(
        `"modified>='2024-01-01T00:00:01.000Z'"`,
      )}`,
    ],
  ])('asks the appliance for what changed since %j', (cursor, path) => {
    expect(syncPath(cursor, 100)).toBe(path);
  });

  it.each([
    [null, null],
    ['not json', null],
    ['{"modified":1,"seen":[]}', null],
    ['{"modified":"m","seen":["a",2]}', { modified: 'm', seen: ['a'] }],
  ])('reads a stored cursor %j', (text, expected) => {
    expect(parseCursor(text)).toEqual(expected);
  });
});
