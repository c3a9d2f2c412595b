import type { ErrorEnvelope } from '../../../src/errors/error-message';
import { normalizeApplianceError } from '../../../src/errors/normalize-appliance-error';
import type { ApplianceErrorAnswer } from '../../../src/errors/normalize-appliance-error';

const PROXY_ACTION =
  'Check what stands between the gateway and the appliance (a proxy, a load balancer).';

function answer(fields: Partial<ApplianceErrorAnswer>): ApplianceErrorAnswer {
  return {
    status: 500,
    body: '',
    incomplete: false,
    applianceId: 'dc1-synergy',
    requestId: 'req-1',
    ...fields,
  };
}

function badResponse(status: number, what: string, details: string): ErrorEnvelope {
  return {
    errorCode: 'APPLIANCE_BAD_RESPONSE',
    message: `Appliance dc1-synergy answered ${status} with ${what}.`,
    details,
    recommendedActions: [PROXY_ACTION],
    nestedErrors: [],
    errorSource: null,
    data: {},
    httpStatus: status,
    source: 'gateway',
    applianceId: 'dc1-synergy',
    requestId: 'req-1',
  };
}

const NOT_AN_ERROR_MESSAGE = 'a body that is not an ErrorMessage';

describe("normalizing an appliance's error answer", () => {
  it('keeps an ErrorMessage, its status and its fields, marked as from the appliance', () => {
    const body = {
      errorCode: 'NOMATCHING_ETAG_MESSAGE',
      message: 'The ETag provided does not match the current ETag of the resource.',
      details: 'The ETag 5 is not the current ETag of the resource.',
      recommendedActions: [
        'Get the resource again, then resend the request with its current ETag.',
      ],
      nestedErrors: [],
      errorSource: null,
      data: {},
    };

    expect(normalizeApplianceError(answer({ status: 412, body: JSON.stringify(body) }))).toEqual({
      ...body,
      httpStatus: 412,
      source: 'appliance',
      applianceId: 'dc1-synergy',
      requestId: 'req-1',
    });
  });

  it('completes an older ErrorMessage with nestedError, nulls and a string action', () => {
    const body = JSON.stringify({
      errorCode: 'AUTHORIZATION',
      message: 'Authorization error: User not authorized for this operation.',
      details: null,
      recommendedActions: 'Log in again.',
      nestedError: { errorCode: 'SESSION_EXPIRED', message: 'expired' },
    });

    expect(normalizeApplianceError(answer({ status: 401, body, requestId: null }))).toEqual({
      errorCode: 'AUTHORIZATION',
      message: 'Authorization error: User not authorized for this operation.',
      details: '',
      recommendedActions: ['Log in again.'],
      nestedErrors: [
        {
          errorCode: 'SESSION_EXPIRED',
          message: 'expired',
          details: '',
          recommendedActions: [],
          nestedErrors: [],
          errorSource: null,
          data: {},
        },
      ],
      errorSource: null,
      data: {},
      httpStatus: 401,
      source: 'appliance',
      applianceId: 'dc1-synergy',
      requestId: null,
    });
  });

  it.each<[string, ApplianceErrorAnswer, ErrorEnvelope]>([
    [
      'an HTML page from a front proxy',
      answer({
        status: 502,
        body: '<html><head><title>Bad Gateway</title><script>var s = 1;</script></head><body><h1>Bad Gateway</h1></body></html>',
      }),
      badResponse(502, NOT_AN_ERROR_MESSAGE, 'Bad Gateway Bad Gateway'),
    ],
    ['an empty 500', answer({ status: 500, body: '' }), badResponse(500, 'an empty body', '')],
    [
      'JSON cut at the read limit',
      answer({ status: 500, body: '{"errorCode":"X","message":"y"}', incomplete: true }),
      badResponse(500, NOT_AN_ERROR_MESSAGE, '{"errorCode":"X","message":"y"}'),
    ],
    [
      'JSON cut by a closed connection',
      answer({ status: 503, body: '{"errorCode":"X","mess' }),
      badResponse(503, NOT_AN_ERROR_MESSAGE, '{"errorCode":"X","mess'),
    ],
    [
      'JSON that is not an ErrorMessage',
      answer({ status: 400, body: '{"members":[],"total":0}' }),
      badResponse(400, NOT_AN_ERROR_MESSAGE, '{"members":[],"total":0}'),
    ],
    [
      'a JSON array',
      answer({ status: 400, body: '[{"errorCode":"X"}]' }),
      badResponse(400, NOT_AN_ERROR_MESSAGE, '[{"errorCode":"X"}]'),
    ],
    [
      'the JSON literal null',
      answer({ status: 500, body: 'null' }),
      badResponse(500, NOT_AN_ERROR_MESSAGE, 'null'),
    ],
  ])('turns %s into APPLIANCE_BAD_RESPONSE with the status kept', (_what, input, expected) => {
    expect(normalizeApplianceError(input)).toEqual(expected);
  });

  it('puts only the first 512 characters of a long page in details', () => {
    const body = `<html><body><p>${'x'.repeat(2000)}</p></body></html>`;

    expect(normalizeApplianceError(answer({ status: 500, body })).details).toBe('x'.repeat(512));
  });
});
