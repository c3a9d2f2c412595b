import { ERROR_CATALOGUE } from '../../../src/errors/catalogue';
import type { GatewayErrorCode } from '../../../src/errors/catalogue';
import { GatewayError } from '../../../src/errors/gateway-error';
import { renderError } from '../../../src/errors/render-error';

const codes = Object.keys(ERROR_CATALOGUE) as GatewayErrorCode[];

describe('rendering an error', () => {
  it.each(codes)('renders %s with its catalogue status and action', (code) => {
    const { status, action } = ERROR_CATALOGUE[code];

    const rendered = renderError(new GatewayError(code, `It was ${code}.`), { requestId: 'r1' });

    expect(rendered).toEqual({
      status,
      headers: {},
      body: {
        errorCode: code,
        message: `It was ${code}.`,
        details: '',
        recommendedActions: [action],
        nestedErrors: [],
        errorSource: null,
        data: {},
        httpStatus: status,
        source: 'gateway',
        applianceId: null,
        requestId: 'r1',
      },
    });
  });

  it('renders every field a GatewayError carries, and the status it overrides', () => {
    const nested = {
      errorCode: 'AUTHN_AUTH_FAIL',
      message: 'Invalid user name or password.',
      details: '',
      recommendedActions: [],
      nestedErrors: [],
      errorSource: null,
      data: {},
    };
    const error = new GatewayError('APPLIANCE_LOGIN_FAILED', 'Login to dc1 was refused.', {
      status: 502,
      details: 'POST /rest/login-sessions',
      applianceId: 'dc1',
      data: { userName: 'svc' },
      nestedErrors: [nested],
    });

    expect(renderError(error, { requestId: 'r2', applianceId: 'other' })).toEqual({
      status: 502,
      headers: {},
      body: {
        errorCode: 'APPLIANCE_LOGIN_FAILED',
        message: 'Login to dc1 was refused.',
        details: 'POST /rest/login-sessions',
        recommendedActions: [ERROR_CATALOGUE.APPLIANCE_LOGIN_FAILED.action],
        nestedErrors: [nested],
        errorSource: null,
        data: { userName: 'svc' },
        httpStatus: 502,
        source: 'gateway',
        applianceId: 'dc1',
        requestId: 'r2',
      },
    });
  });

  it('keeps the status an APPLIANCE_BAD_RESPONSE was given', () => {
    const error = new GatewayError('APPLIANCE_BAD_RESPONSE', 'HTML.', { status: 503 });

    const rendered = renderError(error, { requestId: null });

    expect([rendered.status, rendered.body.httpStatus]).toEqual([503, 503]);
  });

  it.each<[string, string | null | undefined, string | null]>([
    ["the error's own", 'dc1', 'dc1'],
    ["the context's when the error names none", undefined, 'ctx'],
  ])('names %s appliance', (_what, own, expected) => {
    const error = new GatewayError('APPLIANCE_TIMEOUT', 'Slow.', {
      ...(own ? { applianceId: own } : {}),
    });

    expect(renderError(error, { requestId: 'r', applianceId: 'ctx' }).body.applianceId).toBe(
      expected,
    );
  });

  it.each<[number, string]>([
    [0, '1'],
    [0.2, '1'],
    [1, '1'],
    [1.01, '2'],
    [2.5, '3'],
    [30, '30'],
    [-4, '1'],
  ])('sends %s seconds to wait as Retry-After %s', (seconds, header) => {
    const error = new GatewayError('RATE_LIMITED', 'Too fast.', { retryAfterSeconds: seconds });

    expect(renderError(error, { requestId: 'r' }).headers).toEqual({ 'retry-after': header });
  });

  it.each<[string, unknown]>([
    ['an Error', new Error('connect ECONNREFUSED 10.1.2.3:443 password=hunter2')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'secret')")],
    ['a string', 'token abc123'],
    ['null', null],
    ['an object with a status', { status: 400, errorCode: 'BAD_REQUEST', message: 'leak me' }],
  ])('renders %s as INTERNAL_ERROR that names only the request id', (_what, thrown) => {
    expect(renderError(thrown, { requestId: 'req-42', applianceId: 'dc1' })).toEqual({
      status: 500,
      headers: {},
      body: {
        errorCode: 'INTERNAL_ERROR',
        message: 'The gateway failed to handle request req-42.',
        details: '',
        recommendedActions: [ERROR_CATALOGUE.INTERNAL_ERROR.action],
        nestedErrors: [],
        errorSource: null,
        data: {},
        httpStatus: 500,
        source: 'gateway',
        applianceId: 'dc1',
        requestId: 'req-42',
      },
    });
  });

  it('says so when an internal error has no request id', () => {
    expect(renderError(new Error('x'), { requestId: null }).body.message).toBe(
      'The gateway failed to handle request (no id).',
    );
  });
});

describe('Retry-After is always a whole number of seconds, or absent', () => {
  it.each([
    [NaN, undefined],
    [Infinity, undefined],
    [0.2, '1'],
    [2.1, '3'],
  ])('renders %p seconds as %p', (seconds, header) => {
    const error = new GatewayError('APPLIANCE_BUSY', 'busy', { retryAfterSeconds: seconds });

    expect(renderError(error, { requestId: 'r' }).headers['retry-after']).toBe(header);
  });
});
