import { ERROR_CATALOGUE, isGatewayErrorCode } from '../../../src/errors/catalogue';

/** The table of SPEC section 7, code by code. */
const SPEC_STATUSES: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  APPLIANCE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  RESOURCE_NOT_FOUND: 404,
  AMBIGUOUS_RESOURCE: 409,
  APPLIANCE_REQUIRED: 400,
  API_VERSION_UNSUPPORTED: 412,
  REQUEST_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  APPLIANCE_INCOMPATIBLE: 502,
  APPLIANCE_LOGIN_FAILED: 502,
  APPLIANCE_UNREACHABLE: 502,
  APPLIANCE_TLS_ERROR: 502,
  APPLIANCE_BAD_RESPONSE: 502,
  ALL_APPLIANCES_FAILED: 502,
  APPLIANCE_UNAVAILABLE: 503,
  APPLIANCE_BUSY: 503,
  STORE_UNAVAILABLE: 503,
  APPLIANCE_TIMEOUT: 504,
  INTERNAL_ERROR: 500,
};

describe('the error catalogue', () => {
  it('holds exactly the codes of SPEC section 7, each with its status', () => {
    const statuses = Object.fromEntries(
      Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry.status]),
    );

    expect(statuses).toEqual(SPEC_STATUSES);
  });

  it.each(Object.entries(ERROR_CATALOGUE))('gives %s an action a user can take', (_code, entry) => {
    expect(entry.action).toMatch(/^[A-Z].*\.$/);
  });

  it.each<[string, boolean]>([
    ['APPLIANCE_TIMEOUT', true],
    ['INTERNAL_ERROR', true],
    ['appliance_timeout', false],
    ['INVALID_API_VERSION', false],
    ['toString', false],
    ['hasOwnProperty', false],
    ['', false],
  ])('says whether %j is a gateway code: %s', (code, expected) => {
    expect(isGatewayErrorCode(code)).toBe(expected);
  });
});
