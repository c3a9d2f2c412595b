import type { ErrorMessage } from '../../../src/errors/error-message';
import {
  looksLikeErrorMessage,
  normalizeErrorMessage,
} from '../../../src/errors/normalize-error-message';

const empty: ErrorMessage = {
  errorCode: '',
  message: '',
  details: '',
  recommendedActions: [],
  nestedErrors: [],
  errorSource: null,
  data: {},
};

function message(fields: Partial<ErrorMessage>): ErrorMessage {
  return { ...empty, ...fields };
}

function nestedChain(depth: number): Record<string, unknown> {
  let current: Record<string, unknown> = { errorCode: `LEVEL_${depth}` };
  for (let level = depth - 1; level >= 0; level--) {
    current = { errorCode: `LEVEL_${level}`, nestedErrors: [current] };
  }
  return current;
}

function depthOf(value: ErrorMessage): number {
  const [first] = value.nestedErrors;
  return first === undefined ? 0 : 1 + depthOf(first);
}

describe('normalizing an ErrorMessage', () => {
  it('keeps a complete ErrorMessage as it is', () => {
    const complete: ErrorMessage = {
      errorCode: 'RESOURCE_NOT_FOUND',
      message: 'The resource was not found.',
      details: 'GET /rest/server-hardware/x',
      recommendedActions: ['Check the request URI, then resend the request.'],
      nestedErrors: [message({ errorCode: 'INNER', message: 'inner' })],
      errorSource: '/rest/server-hardware/x',
      data: { uri: '/rest/server-hardware/x' },
    };

    expect(normalizeErrorMessage(complete)).toEqual(complete);
  });

  it.each<[string, unknown, ErrorMessage]>([
    ['an empty object', {}, empty],
    [
      'nulls in every field',
      {
        errorCode: null,
        message: null,
        details: null,
        recommendedActions: null,
        nestedErrors: null,
        errorSource: null,
        data: null,
      },
      empty,
    ],
    [
      'numbers and booleans instead of strings',
      { errorCode: 404, message: 12.5, details: true, errorSource: 7 },
      message({ errorCode: '404', message: '12.5', details: 'true', errorSource: '7' }),
    ],
    [
      'recommendedActions as one string',
      { recommendedActions: 'Resend the request.' },
      message({ recommendedActions: ['Resend the request.'] }),
    ],
    [
      'recommendedActions with empty, null, object and number items',
      { recommendedActions: ['Retry.', '', null, { text: 'x' }, 3] },
      message({ recommendedActions: ['Retry.', '3'] }),
    ],
    [
      'an empty recommendedActions string',
      { recommendedActions: '' },
      message({ recommendedActions: [] }),
    ],
    [
      'nestedError in the singular, as one object',
      { errorCode: 'OUTER', nestedError: { errorCode: 'INNER' } },
      message({ errorCode: 'OUTER', nestedErrors: [message({ errorCode: 'INNER' })] }),
    ],
    [
      'nestedError in the singular, as a list',
      { nestedError: [{ errorCode: 'A' }, { errorCode: 'B' }] },
      message({ nestedErrors: [message({ errorCode: 'A' }), message({ errorCode: 'B' })] }),
    ],
    [
      'nestedErrors as null beside a nestedError',
      { nestedErrors: null, nestedError: { errorCode: 'INNER' } },
      message({ nestedErrors: [message({ errorCode: 'INNER' })] }),
    ],
    [
      'nestedErrors holding strings, nulls and arrays among objects',
      { nestedErrors: ['text', null, [{ errorCode: 'X' }], { errorCode: 'KEPT' }] },
      message({ nestedErrors: [message({ errorCode: 'KEPT' })] }),
    ],
    ['data as an array', { data: [1, 2] }, empty],
    ['data as a string', { data: 'x' }, empty],
    ['errorSource as an object', { errorSource: { uri: '/rest/x' } }, message({ errorSource: '' })],
  ])('completes %s', (_what, input, expected) => {
    expect(normalizeErrorMessage(input)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an array', [{ errorCode: 'X' }]],
    ['a string', 'error'],
    ['a number', 500],
  ])('returns null for %s', (_what, input) => {
    expect(normalizeErrorMessage(input)).toBeNull();
  });

  it('keeps eight levels of nesting and drops what lies deeper', () => {
    const normalized = normalizeErrorMessage(nestedChain(20));

    expect(normalized).not.toBeNull();
    expect(depthOf(normalized!)).toBe(8);
  });

  it('keeps a chain that ends within eight levels whole', () => {
    const normalized = normalizeErrorMessage(nestedChain(3));

    expect(normalized).toEqual(
      message({
        errorCode: 'LEVEL_0',
        nestedErrors: [
          message({
            errorCode: 'LEVEL_1',
            nestedErrors: [
              message({ errorCode: 'LEVEL_2', nestedErrors: [message({ errorCode: 'LEVEL_3' })] }),
            ],
          }),
        ],
      }),
    );
  });
});

describe('telling an ErrorMessage from other JSON', () => {
  it.each<[string, unknown, boolean]>([
    ['an object with errorCode', { errorCode: 'X' }, true],
    ['an object with message only', { message: 'broken' }, true],
    ['an object whose errorCode is null', { errorCode: null }, true],
    ['a collection page', { members: [], count: 0, total: 0 }, false],
    ['an empty object', {}, false],
    ['an array', [{ errorCode: 'X' }], false],
    ['null', null, false],
    ['a string', 'errorCode', false],
  ])('reads %s as %s', (_what, value, expected) => {
    expect(looksLikeErrorMessage(value)).toBe(expected);
  });
});
