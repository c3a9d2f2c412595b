import {
  checkClientVersion,
  decideVersion,
  isInvalidVersionAnswer,
  parseVersionRange,
} from '../../../src/appliances/negotiate-version';
import type {
  ClientVersionCheck,
  VersionDecision,
  VersionRange,
} from '../../../src/appliances/negotiate-version';

describe('reading a /rest/version body', () => {
  it.each<[string, unknown, VersionRange | null]>([
    [
      'a current appliance',
      { minimumVersion: 120, currentVersion: 8600 },
      { minimumVersion: 120, currentVersion: 8600 },
    ],
    [
      'OneView 1.0',
      { minimumVersion: 1, currentVersion: 3 },
      { minimumVersion: 1, currentVersion: 3 },
    ],
    [
      'one accepted version',
      { minimumVersion: 800, currentVersion: 800 },
      { minimumVersion: 800, currentVersion: 800 },
    ],
    [
      'extra fields, which are dropped',
      { minimumVersion: 120, currentVersion: 3400, type: 'Version' },
      { minimumVersion: 120, currentVersion: 3400 },
    ],
    ['numbers as strings', { minimumVersion: '120', currentVersion: '800' }, null],
    ['floats', { minimumVersion: 120.5, currentVersion: 800 }, null],
    ['a negative minimum', { minimumVersion: -1, currentVersion: 800 }, null],
    ['a zero minimum', { minimumVersion: 0, currentVersion: 800 }, null],
    ['a minimum above current', { minimumVersion: 900, currentVersion: 800 }, null],
    ['no currentVersion', { minimumVersion: 120 }, null],
    ['no minimumVersion', { currentVersion: 800 }, null],
    ['NaN', { minimumVersion: Number.NaN, currentVersion: 800 }, null],
    ['Infinity', { minimumVersion: 120, currentVersion: Number.POSITIVE_INFINITY }, null],
    ['null fields', { minimumVersion: null, currentVersion: null }, null],
    ['null', null, null],
    ['undefined', undefined, null],
    ['an array', [120, 800], null],
    ['a string', '{"minimumVersion":120,"currentVersion":800}', null],
    ['a number', 800, null],
  ])('reads %s', (_what, body, expected) => {
    expect(parseVersionRange(body)).toEqual(expected);
  });
});

describe('deciding the version to send', () => {
  const range: VersionRange = { minimumVersion: 120, currentVersion: 3400 };

  it.each<[string, { max: number; pin: number | null }, VersionDecision]>([
    [
      "the appliance's current version under the cap",
      { max: 8600, pin: null },
      { compatible: true, negotiated: 3400, source: 'negotiated' },
    ],
    [
      'the cap when the appliance is newer',
      { max: 2000, pin: null },
      { compatible: true, negotiated: 2000, source: 'negotiated' },
    ],
    [
      'the cap at the minimum exactly',
      { max: 120, pin: null },
      { compatible: true, negotiated: 120, source: 'negotiated' },
    ],
    [
      'the pin inside the range',
      { max: 8600, pin: 800 },
      { compatible: true, negotiated: 800, source: 'pinned' },
    ],
    [
      'the pin above the cap, since a pin wins',
      { max: 500, pin: 800 },
      { compatible: true, negotiated: 800, source: 'pinned' },
    ],
    [
      'the pin at current exactly',
      { max: 8600, pin: 3400 },
      { compatible: true, negotiated: 3400, source: 'pinned' },
    ],
    [
      'nothing when the cap is below the minimum',
      { max: 100, pin: null },
      {
        compatible: false,
        reason: "the appliance accepts 120..3400, the gateway's maximum 100 is outside it",
      },
    ],
    [
      'nothing when the pin is above current',
      { max: 8600, pin: 3800 },
      {
        compatible: false,
        reason: "the appliance accepts 120..3400, the gateway's pinned version 3800 is outside it",
      },
    ],
    [
      'nothing when the pin is below the minimum',
      { max: 8600, pin: 3 },
      {
        compatible: false,
        reason: "the appliance accepts 120..3400, the gateway's pinned version 3 is outside it",
      },
    ],
  ])('sends %s', (_what, settings, expected) => {
    expect(decideVersion(range, settings)).toEqual(expected);
  });
});

describe("checking a client's X-API-Version", () => {
  const range: VersionRange = { minimumVersion: 120, currentVersion: 3400 };

  it.each<[string, string | undefined, ClientVersionCheck]>([
    ['no header', undefined, { ok: true, version: null }],
    ['an empty header', '', { ok: true, version: null }],
    ['a blank header', '   ', { ok: true, version: null }],
    ['a version in range', '800', { ok: true, version: 800 }],
    ['a version with spaces around it', ' 800 ', { ok: true, version: 800 }],
    ['a leading zero', '0800', { ok: true, version: 800 }],
    ['the minimum', '120', { ok: true, version: 120 }],
    ['the current version', '3400', { ok: true, version: 3400 }],
    ['one above current', '3401', { ok: false, problem: 'out-of-range', requested: 3401 }],
    ['one below the minimum', '119', { ok: false, problem: 'out-of-range', requested: 119 }],
    ['zero', '0', { ok: false, problem: 'out-of-range', requested: 0 }],
    [
      'the largest nine-digit number',
      '999999999',
      { ok: false, problem: 'out-of-range', requested: 999999999 },
    ],
    ['ten digits', '1234567890', { ok: false, problem: 'not-a-number', given: '1234567890' }],
    ['an exponent', '8e2', { ok: false, problem: 'not-a-number', given: '8e2' }],
    ['a negative number', '-1', { ok: false, problem: 'not-a-number', given: '-1' }],
    ['a plus sign', '+800', { ok: false, problem: 'not-a-number', given: '+800' }],
    ['a decimal', '800.0', { ok: false, problem: 'not-a-number', given: '800.0' }],
    ['hexadecimal', '0x320', { ok: false, problem: 'not-a-number', given: '0x320' }],
    ['letters', 'abc', { ok: false, problem: 'not-a-number', given: 'abc' }],
    ['two values', '800, 1000', { ok: false, problem: 'not-a-number', given: '800, 1000' }],
  ])('reads %s', (_what, header, expected) => {
    expect(checkClientVersion(header, range)).toEqual(expected);
  });
});

describe('telling an invalid-version 412 from an ETag 412', () => {
  /** OneView's own text (ONEVIEW.md section 2); note the two spaces. */
  const oneViewText = {
    message: 'The specified API version is not valid.',
    details:
      'The request contained an invalid X-API-Version header of 3800.  Only values 1 through 3400 are accepted.',
  };

  it.each<[string, number, { errorCode: string; message: string; details: string }, boolean]>([
    [
      "OneView's text with errorCode INVALID_API_VERSION",
      412,
      { errorCode: 'INVALID_API_VERSION', ...oneViewText },
      true,
    ],
    ["OneView's text without an errorCode", 412, { errorCode: '', ...oneViewText }, true],
    [
      'the errorCode alone',
      412,
      { errorCode: 'INVALID_API_VERSION', message: '', details: '' },
      true,
    ],
    [
      'only the details naming X-API-Version',
      412,
      { errorCode: '', message: 'Precondition failed.', details: 'Bad x-api-version header.' },
      true,
    ],
    [
      'only the message naming the API version',
      412,
      { errorCode: '', message: 'The specified API version is not valid.', details: '' },
      true,
    ],
    [
      'a generic ETag mismatch',
      412,
      {
        errorCode: 'NOMATCHING_ETAG_MESSAGE',
        message: 'The ETag provided does not match the current ETag of the resource.',
        details: 'The ETag 5 is not the current ETag of the resource.',
      },
      false,
    ],
    [
      "an alert's ETag mismatch",
      412,
      {
        errorCode: 'AlertEtagPreconditionFailedException',
        message:
          'The provided Etag does not match the current Etag of the alert. Provide a valid Etag for the alert.',
        details: '',
      },
      false,
    ],
    ['an empty 412', 412, { errorCode: '', message: '', details: '' }, false],
    ["OneView's text on a 400", 400, { errorCode: 'INVALID_API_VERSION', ...oneViewText }, false],
    ["OneView's text on a 404", 404, { errorCode: '', ...oneViewText }, false],
  ])('reads %s as %s', (_what, status, error, expected) => {
    expect(isInvalidVersionAnswer(status, error)).toBe(expected);
  });
});

describe('telling another product from a OneView appliance', () => {
  it('calls the Global Dashboard range 2..300 incompatible, whatever the maximum', () => {
    expect(
      decideVersion({ minimumVersion: 2, currentVersion: 300 }, { max: 8600, pin: null }),
    ).toEqual({
      compatible: false,
      reason: "the range 2..300 is OneView Global Dashboard's, not OneView's",
    });
  });

  it.each([1, 3, 120])('accepts a OneView minimum of %i', (minimumVersion) => {
    expect(
      decideVersion({ minimumVersion, currentVersion: 800 }, { max: 8600, pin: null }),
    ).toEqual({
      compatible: true,
      negotiated: 800,
      source: 'negotiated',
    });
  });
});
