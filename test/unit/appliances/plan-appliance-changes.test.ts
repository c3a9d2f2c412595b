import {
  fingerprintAppliance,
  planApplianceChanges,
} from '../../../src/appliances/plan-appliance-changes';
import { parseConfig } from '../../../src/config/load-config';
import type { ApplianceConfig } from '../../../src/config/schema';

function entry(fields: Record<string, unknown>): ApplianceConfig {
  const { config } = parseConfig({ appliances: [{ id: 'a', url: 'https://10.0.0.1', ...fields }] });
  return config.appliances[0]!;
}

const SHARED = { circuit: { volumeThreshold: 5 }, apiVersionMax: 8600 };

describe('fingerprinting an appliance', () => {
  const base = fingerprintAppliance(entry({ labels: { site: 'dc1', row: '4' } }), 'pw', SHARED);

  it.each([
    [
      'its labels written in another order',
      entry({ labels: { row: '4', site: 'dc1' } }),
      'pw',
      SHARED,
      true,
    ],
    [
      'another URL',
      entry({ url: 'https://10.0.0.9', labels: { site: 'dc1', row: '4' } }),
      'pw',
      SHARED,
      false,
    ],
    ['another password', entry({ labels: { site: 'dc1', row: '4' } }), 'pw2', SHARED, false],
    [
      'other circuit settings',
      entry({ labels: { site: 'dc1', row: '4' } }),
      'pw',
      { ...SHARED, apiVersionMax: 4000 },
      false,
    ],
  ])('with %s is %s the same', (_what, changed, password, shared, same) => {
    expect(fingerprintAppliance(changed, password, shared) === base).toBe(same);
  });

  it('never holds the password itself', () => {
    expect(fingerprintAppliance(entry({}), 'Sesame-7731', SHARED)).not.toContain('Sesame');
  });
});

describe('planning what a new configuration changes', () => {
  it('lists added, removed and changed ids', () => {
    const current = new Map([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    const next = new Map([
      ['c', '3'],
      ['a', '9'],
      ['d', '4'],
    ]);

    expect(planApplianceChanges(current, next)).toEqual({
      added: ['d'],
      removed: ['b'],
      changed: ['a'],
    });
  });
});
