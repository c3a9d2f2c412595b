import { intersectVersions } from '../../../src/fleet/intersect-versions';

const range = (id: string, minimumVersion: number, currentVersion: number) => ({
  id,
  minimumVersion,
  currentVersion,
});

describe('intersectVersions', () => {
  it.each([
    ['one appliance', [range('a', 120, 800)], { minimumVersion: 120, currentVersion: 800 }],
    [
      'the highest minimum and the lowest current',
      [range('a', 120, 3400), range('b', 300, 8600), range('c', 200, 4000)],
      { minimumVersion: 300, currentVersion: 3400 },
    ],
    [
      'ranges that touch in one version',
      [range('a', 120, 800), range('b', 800, 8600)],
      { minimumVersion: 800, currentVersion: 800 },
    ],
  ])('intersects %s', (_name, ranges, expected) => {
    expect(intersectVersions(ranges)).toEqual({ ...expected, disjoint: [] });
  });

  it('keeps the empty pair and names the appliances that do not overlap', () => {
    const ranges = [range('old', 120, 800), range('mid', 120, 2400), range('new', 1000, 8600)];
    expect(intersectVersions(ranges)).toEqual({
      minimumVersion: 1000,
      currentVersion: 800,
      disjoint: ['old', 'new'],
    });
  });

  it('answers null for no range at all', () => {
    expect(intersectVersions([])).toBeNull();
  });
});
