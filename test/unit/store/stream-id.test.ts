import { compareStreamIds, isStreamId } from '../../../src/store/stream-id';

describe('comparing stream ids', () => {
  it.each<[string, string, number]>([
    ['1700000000000-0', '1700000000000-0', 0],
    ['1700000000000-1', '1700000000000-0', 1],
    ['1700000000000-2', '1700000000000-10', -1],
    ['1700000000001-0', '1700000000000-99', 1],
    ['999-0', '1000-0', -1],
    ['5', '5-0', 0],
    ['5', '5-1', -1],
    ['6', '5-99', 1],
  ])('orders %s against %s as %d', (a, b, expected) => {
    expect(Math.sign(compareStreamIds(a, b))).toBe(expected);
  });

  it('sorts ids by time, then by sequence', () => {
    const ids = ['2-0', '10-0', '1-10', '1-2', '1'];

    expect([...ids].sort(compareStreamIds)).toEqual(['1', '1-2', '1-10', '2-0', '10-0']);
  });
});

describe('telling a stream id', () => {
  it.each<[string, boolean]>([
    ['0', true],
    ['1700000000000', true],
    ['1700000000000-0', true],
    ['1700000000000-42', true],
    ['123456789012345-123456789012345', true],
    ['1234567890123456-1', false],
    ['12345678901234567', false],
    ['1-12345678901234567', false],
    ['', false],
    ['-', false],
    ['1-', false],
    ['-1', false],
    ['1-2-3', false],
    ['abc', false],
    ['1.5', false],
    [' 1', false],
    ['$', false],
    ['+', false],
  ])('reads %j as a stream id: %s', (value, expected) => {
    expect(isStreamId(value)).toBe(expected);
  });
});
