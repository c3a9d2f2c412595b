import type { IncomingHttpHeaders } from 'node:http';
import { ANONYMOUS, ClientDirectory, hashKey } from '../../../src/auth/clients';
import type { Client } from '../../../src/auth/clients';
import type { GatewayConfig } from '../../../src/config/schema';
import { GatewayError } from '../../../src/errors/gateway-error';

const GRAFANA_KEY = 'grafana-key-0123456789';
const OPS_KEY = 'ops-key-9876543210';
const LONG_KEY = 'k'.repeat(512);

const grafana: Client = { id: 'grafana', scopes: { appliances: ['*'], methods: ['GET'] } };
const ops: Client = { id: 'ops', scopes: { appliances: ['dc1-*'], methods: ['*'] } };
const long: Client = { id: 'long', scopes: { appliances: ['*'], methods: ['*'] } };

function directory(mode: GatewayConfig['auth']['mode'] = 'keys'): ClientDirectory {
  return new ClientDirectory({
    mode,
    allowAnonymous: false,
    clients: [
      { ...grafana, keySha256: hashKey(GRAFANA_KEY) },
      { ...ops, keySha256: hashKey(OPS_KEY) },
      { ...long, keySha256: hashKey(LONG_KEY) },
    ],
  });
}

function refusal(headers: IncomingHttpHeaders): { code: string; status: number; message: string } {
  try {
    directory().authenticate(headers);
  } catch (error) {
    if (error instanceof GatewayError) {
      return { code: error.errorCode, status: error.status, message: error.message };
    }
    throw error;
  }
  throw new Error('expected authenticate to refuse');
}

const NO_KEY = { code: 'UNAUTHENTICATED', status: 401, message: 'This route needs an API key.' };
const UNKNOWN_KEY = { code: 'UNAUTHENTICATED', status: 401, message: 'The API key is not known.' };

describe('hashing an API key', () => {
  it('gives the hex sha256 of the key, as ovgw hash-key prints it', () => {
    expect(hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('authenticating a client', () => {
  it.each<[string, IncomingHttpHeaders, Client]>([
    ['a Bearer key', { authorization: `Bearer ${GRAFANA_KEY}` }, grafana],
    ['a bearer key in lower case', { authorization: `bearer ${OPS_KEY}` }, ops],
    ['a Bearer key with extra spaces', { authorization: `Bearer   ${OPS_KEY}  ` }, ops],
    ['an X-API-Key', { 'x-api-key': OPS_KEY }, ops],
    ['an X-API-Key with spaces around it', { 'x-api-key': ` ${OPS_KEY} ` }, ops],
    ['a key of 512 characters', { authorization: `Bearer ${LONG_KEY}` }, long],
    ['a key of 512 characters in X-API-Key', { 'x-api-key': LONG_KEY }, long],
    [
      'X-API-Key when Authorization is not a Bearer',
      { authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': GRAFANA_KEY },
      grafana,
    ],
    [
      'the Bearer key when both are sent',
      { authorization: `Bearer ${GRAFANA_KEY}`, 'x-api-key': OPS_KEY },
      grafana,
    ],
  ])('finds the client of %s', (_what, headers, expected) => {
    expect(directory().authenticate(headers)).toEqual(expected);
  });

  it.each<[string, IncomingHttpHeaders, typeof NO_KEY]>([
    ['no credential', {}, NO_KEY],
    ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }, NO_KEY],
    ['a Bearer with no key', { authorization: 'Bearer ' }, NO_KEY],
    ['a bare key without Bearer', { authorization: GRAFANA_KEY }, NO_KEY],
    ['a Bearer key with a space inside', { authorization: 'Bearer a b' }, NO_KEY],
    ['a Bearer key of 513 characters', { authorization: `Bearer ${LONG_KEY}k` }, NO_KEY],
    ['an X-API-Key of 513 characters', { 'x-api-key': `${LONG_KEY}k` }, NO_KEY],
    ['an empty X-API-Key', { 'x-api-key': '' }, NO_KEY],
    ['a wrong Bearer key', { authorization: 'Bearer not-a-key' }, UNKNOWN_KEY],
    ['a wrong X-API-Key', { 'x-api-key': 'not-a-key' }, UNKNOWN_KEY],
    ['a key differing in case', { 'x-api-key': GRAFANA_KEY.toUpperCase() }, UNKNOWN_KEY],
    ['a prefix of a known key', { 'x-api-key': GRAFANA_KEY.slice(0, -1) }, UNKNOWN_KEY],
    ['the sha256 of a key instead of the key', { 'x-api-key': hashKey(GRAFANA_KEY) }, UNKNOWN_KEY],
    ['an X-API-Key of spaces', { 'x-api-key': '   ' }, UNKNOWN_KEY],
    [
      'a wrong Bearer key beside a right X-API-Key',
      { authorization: 'Bearer wrong', 'x-api-key': GRAFANA_KEY },
      UNKNOWN_KEY,
    ],
  ])('refuses %s', (_what, headers, expected) => {
    expect(refusal(headers)).toEqual(expected);
  });

  it('lets every request in as the anonymous client in mode none', () => {
    const anonymous = directory('none');

    expect([anonymous.anonymous, anonymous.authenticate({})]).toEqual([true, ANONYMOUS]);
    expect(anonymous.authenticate({ authorization: 'Bearer wrong' })).toEqual({
      id: 'anonymous',
      scopes: { appliances: ['*'], methods: ['*'] },
    });
  });

  it('says keys are needed in mode keys', () => {
    expect(directory().anonymous).toBe(false);
  });

  it('refuses every key when no client is configured', () => {
    const empty = new ClientDirectory({ mode: 'keys', allowAnonymous: false, clients: [] });

    expect(() => empty.authenticate({ 'x-api-key': GRAFANA_KEY })).toThrow(
      'The API key is not known.',
    );
  });
});

describe('finding a client by key, or by id and key', () => {
  it.each<[string, string, Client | undefined]>([
    ['grafana', GRAFANA_KEY, grafana],
    ['ops', OPS_KEY, ops],
    ['ops', GRAFANA_KEY, undefined],
    ['grafana', 'wrong', undefined],
    ['nobody', GRAFANA_KEY, undefined],
  ])('finds the client with id %s and the key given', (id, key, expected) => {
    expect(directory().findByIdAndKey(id, key)).toEqual(expected);
  });

  it.each<[string, Client | undefined]>([
    [GRAFANA_KEY, grafana],
    [` ${GRAFANA_KEY}`, undefined],
    ['', undefined],
  ])('finds the client of the exact key %j', (key, expected) => {
    expect(directory().findByKey(key)).toEqual(expected);
  });

  it('gives the first client when two share a key', () => {
    const shared = new ClientDirectory({
      mode: 'keys',
      allowAnonymous: false,
      clients: [
        { ...grafana, keySha256: hashKey('same') },
        { ...ops, keySha256: hashKey('same') },
      ],
    });

    expect(shared.findByKey('same')).toEqual(grafana);
  });
});
