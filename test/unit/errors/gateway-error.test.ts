import { GatewayError, isGatewayError } from '../../../src/errors/gateway-error';

describe('a GatewayError', () => {
  it('takes its status from the catalogue and empty values for what it was not given', () => {
    const error = new GatewayError('APPLIANCE_BUSY', 'Appliance dc1 is busy.');

    expect({ ...error, message: error.message, cause: error.cause }).toEqual({
      name: 'GatewayError',
      message: 'Appliance dc1 is busy.',
      errorCode: 'APPLIANCE_BUSY',
      status: 503,
      details: '',
      applianceId: null,
      data: {},
      nestedErrors: [],
      retryAfterSeconds: null,
      cause: undefined,
    });
  });

  it('keeps every option it is given, the status override and the cause included', () => {
    const cause = new Error('socket hang up');
    const nested = {
      errorCode: 'X',
      message: 'x',
      details: '',
      recommendedActions: [],
      nestedErrors: [],
      errorSource: null,
      data: {},
    };

    const error = new GatewayError('APPLIANCE_BAD_RESPONSE', 'Bad answer.', {
      status: 500,
      details: 'GET /rest/version',
      applianceId: 'dc1',
      data: { requested: 3800 },
      nestedErrors: [nested],
      retryAfterSeconds: 2.5,
      cause,
    });

    expect({ ...error, message: error.message, cause: error.cause }).toEqual({
      name: 'GatewayError',
      message: 'Bad answer.',
      errorCode: 'APPLIANCE_BAD_RESPONSE',
      status: 500,
      details: 'GET /rest/version',
      applianceId: 'dc1',
      data: { requested: 3800 },
      nestedErrors: [nested],
      retryAfterSeconds: 2.5,
      cause,
    });
  });

  it.each<[string, unknown, boolean]>([
    ['a GatewayError', new GatewayError('NOT_FOUND', 'No route.'), true],
    ['a plain Error', new Error('No route.'), false],
    [
      'an object shaped like one',
      { name: 'GatewayError', errorCode: 'NOT_FOUND', status: 404, message: 'No route.' },
      false,
    ],
    ['null', null, false],
  ])('recognizes %s: %s', (_what, value, expected) => {
    expect(isGatewayError(value)).toBe(expected);
  });
});
