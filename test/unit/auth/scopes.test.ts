import type { Client } from '../../../src/auth/clients';
import { authorize, canSeeAppliance, canUseMethod } from '../../../src/auth/scopes';
import type { ScopedAppliance } from '../../../src/auth/scopes';
import { GatewayError } from '../../../src/errors/gateway-error';

function client(appliances: string[], methods: string[] = ['*']): Client {
  return { id: 'c1', scopes: { appliances, methods } };
}

const synergy: ScopedAppliance = { id: 'dc1-synergy', labels: { site: 'dc1', tier: 'prod' } };
const c7000: ScopedAppliance = { id: 'dc2-c7000', labels: { site: 'dc2' } };

function refusalOf(run: () => void): {
  code: string;
  status: number;
  message: string;
  appliance: string | null;
} {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) {
      return {
        code: error.errorCode,
        status: error.status,
        message: error.message,
        appliance: error.applianceId,
      };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe("matching a client's appliance scopes", () => {
  it.each<[string, string[], ScopedAppliance, boolean]>([
    ['* sees every appliance', ['*'], c7000, true],
    ['an id sees its appliance', ['dc1-synergy'], synergy, true],
    ['an id sees no other appliance', ['dc1-synergy'], c7000, false],
    ['an id is not a prefix', ['dc1'], synergy, false],
    ['an id is case-sensitive', ['DC1-SYNERGY'], synergy, false],
    ['a prefix sees the ids it starts', ['dc1-*'], synergy, true],
    ['a prefix sees no other id', ['dc1-*'], c7000, false],
    ['a prefix matches a whole id', ['dc1-synergy*'], synergy, true],
    ['a label sees an appliance with that label', ['site=dc1'], synergy, true],
    ['a label sees no appliance with another value', ['site=dc2'], synergy, false],
    ['a label is not a prefix of its value', ['site=dc'], synergy, false],
    ['a label value with a * is literal', ['site=dc*'], synergy, false],
    ['a label an appliance lacks', ['rack=r1'], synergy, false],
    ['an inherited property is no label', ['constructor=x'], synergy, false],
    ['any of several entries', ['dc9', 'site=dc2', 'x-*'], c7000, true],
    ['no entry', [], synergy, false],
  ])('%s', (_what, scopes, appliance, expected) => {
    expect(canSeeAppliance(client(scopes), appliance)).toBe(expected);
  });
});

describe("matching a client's method scopes", () => {
  it.each<[string[], string, boolean]>([
    [['*'], 'DELETE', true],
    [['GET'], 'GET', true],
    [['GET'], 'get', true],
    [['get'], 'GET', true],
    [['GET'], 'POST', false],
    [['GET'], 'HEAD', false],
    [['GET', 'PUT'], 'PUT', true],
    [[], 'GET', false],
  ])('with methods %j, %s is allowed: %s', (methods, method, expected) => {
    expect(canUseMethod(client(['*'], methods), method)).toBe(expected);
  });
});

describe('authorizing a request', () => {
  it.each<[string[], string]>([
    [['GET'], 'GET'],
    [['GET'], 'HEAD'],
    [['*'], 'PATCH'],
    [['POST', 'GET'], 'POST'],
  ])('lets methods %j send %s', (methods, method) => {
    expect(() => authorize(client(['*'], methods), synergy, method)).not.toThrow();
  });

  it.each<[string, string[], string[], string, ScopedAppliance, string]>([
    [
      'an appliance out of scope',
      ['dc2-*'],
      ['*'],
      'GET',
      synergy,
      'Client c1 may not reach appliance dc1-synergy.',
    ],
    [
      'a write from a read-only client',
      ['*'],
      ['GET'],
      'POST',
      c7000,
      'Client c1 may not send POST requests.',
    ],
    [
      'a DELETE from a read-only client',
      ['*'],
      ['GET'],
      'DELETE',
      c7000,
      'Client c1 may not send DELETE requests.',
    ],
    [
      'a GET from a write-only client',
      ['*'],
      ['POST'],
      'GET',
      c7000,
      'Client c1 may not send GET requests.',
    ],
    [
      'a HEAD from a client without GET',
      ['*'],
      ['POST'],
      'HEAD',
      c7000,
      'Client c1 may not send HEAD requests.',
    ],
    [
      'an appliance out of scope, before the method',
      ['dc9'],
      ['GET'],
      'POST',
      c7000,
      'Client c1 may not reach appliance dc2-c7000.',
    ],
  ])('refuses %s as FORBIDDEN', (_what, appliances, methods, method, appliance, message) => {
    expect(refusalOf(() => authorize(client(appliances, methods), appliance, method))).toEqual({
      code: 'FORBIDDEN',
      status: 403,
      message,
      appliance: appliance.id,
    });
  });
});

describe('HEAD reads what GET reads', () => {
  const appliance: ScopedAppliance = { id: 'dc1-a', labels: {} };

  it.each([
    [['HEAD'], 'HEAD'],
    [['GET'], 'HEAD'],
    [['get'], 'head'],
  ])('lets a client allowed %p send %s', (methods, method) => {
    const client: Client = { id: 'c', scopes: { appliances: ['*'], methods } };

    expect(() => authorize(client, appliance, method)).not.toThrow();
  });

  it('still refuses GET to a client allowed only HEAD', () => {
    const client: Client = { id: 'c', scopes: { appliances: ['*'], methods: ['HEAD'] } };

    expect(() => authorize(client, appliance, 'GET')).toThrow(GatewayError);
  });
});
