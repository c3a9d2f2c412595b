import { chooseRequestId } from '../../../src/observability/request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('choosing a request id', () => {
  it.each(['abc', 'a', '0b6f5e2c-1d3a-4e7f-9a8b-2c4d6e8f0a1b', 'trace.span_01-A', 'x'.repeat(128)])(
    'keeps the client id %s',
    (given) => {
      expect(chooseRequestId(given)).toBe(given);
    },
  );

  it.each<[string, string | string[] | undefined]>([
    ['no id', undefined],
    ['an empty id', ''],
    ['129 characters', 'x'.repeat(129)],
    ['a space', 'a b'],
    ['a slash', 'a/b'],
    ['a newline, which would forge a log line', 'a\nb'],
    ['a colon', 'a:b'],
    ['non-ASCII letters', 'idé'],
    ['quotes', '"abc"'],
    ['a list of ids', ['abc', 'def']],
  ])('replaces %s with a fresh UUID', (_what, given) => {
    const chosen = chooseRequestId(given);

    expect(chosen).toMatch(UUID);
  });

  it('makes a different id each time it replaces one', () => {
    expect(chooseRequestId(undefined)).not.toBe(chooseRequestId(undefined));
  });
});
