import type { IncomingHttpHeaders } from 'node:http';
import { buildClientHeaders, buildUpstreamHeaders } from '../../../src/proxy/header-rules';
import type { UpstreamHeaderValues } from '../../../src/proxy/header-rules';

const values: UpstreamHeaderValues = {
  apiVersion: 3400,
  session: 'gw-session',
  requestId: 'req-1',
  trustProxy: false,
};

/** What the gateway always sets on a request with `values`. */
const added = { 'x-api-version': '3400', auth: 'gw-session', 'x-request-id': 'req-1' };

describe('request headers towards an appliance', () => {
  it('keeps ordinary headers and sets the version, the session and the request id', () => {
    const client: IncomingHttpHeaders = {
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': '42',
      'user-agent': 'hpOneView/5.4',
    };

    expect(buildUpstreamHeaders(client, values)).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': '42',
      'user-agent': 'hpOneView/5.4',
      ...added,
    });
  });

  it.each([
    ['connection', 'keep-alive'],
    ['proxy-connection', 'keep-alive'],
    ['keep-alive', 'timeout=5'],
    ['te', 'trailers'],
    ['trailer', 'Expires'],
    ['transfer-encoding', 'chunked'],
    ['upgrade', 'websocket'],
    ['proxy-authorization', 'Basic eDp5'],
    ['proxy-authenticate', 'Basic'],
    ['expect', '100-continue'],
  ])('strips the hop-by-hop header %s', (name, value) => {
    expect(buildUpstreamHeaders({ [name]: value }, values)).toEqual(added);
  });

  it('strips the headers that Connection names, whatever their case', () => {
    const client: IncomingHttpHeaders = {
      connection: 'close, X-Trace ,x-debug, keep-alive',
      'x-trace': '1',
      'x-debug': 'on',
      'x-other': 'kept',
    };

    expect(buildUpstreamHeaders(client, values)).toEqual({ 'x-other': 'kept', ...added });
  });

  it.each<[string, IncomingHttpHeaders]>([
    ['Authorization', { authorization: 'Bearer gateway-key' }],
    ['X-API-Key', { 'x-api-key': 'gateway-key' }],
    ['Host', { host: 'gateway.example:8080' }],
    ["the client's X-Request-Id", { 'x-request-id': 'client-id' }],
    ["the client's X-API-Version", { 'x-api-version': '800' }],
    ["the client's Auth", { auth: 'client-session' }],
  ])('replaces or strips %s', (_what, client) => {
    expect(buildUpstreamHeaders(client, values)).toEqual(added);
  });

  it.each<[string, IncomingHttpHeaders]>([
    ['X-Forwarded-For', { 'x-forwarded-for': '10.0.0.9' }],
    ['X-Forwarded-Host', { 'x-forwarded-host': 'evil.example' }],
    ['X-Forwarded-Proto', { 'x-forwarded-proto': 'https' }],
    ['Forwarded', { forwarded: 'for=10.0.0.9;host=evil.example' }],
  ])('strips %s unless the proxy is trusted', (_what, client) => {
    expect(buildUpstreamHeaders(client, values)).toEqual(added);
    expect(buildUpstreamHeaders(client, { ...values, trustProxy: true })).toEqual({
      ...client,
      ...added,
    });
  });

  it("keeps the client's Auth in passthrough mode, and sets none of its own", () => {
    const client: IncomingHttpHeaders = { auth: 'LTIxNjQ0NjMwMjEzFjC', authorization: 'Bearer k' };

    expect(buildUpstreamHeaders(client, { ...values, session: null })).toEqual({
      auth: 'LTIxNjQ0NjMwMjEzFjC',
      'x-api-version': '3400',
      'x-request-id': 'req-1',
    });
  });

  it('sends no Auth in passthrough mode when the client sent none', () => {
    expect(buildUpstreamHeaders({}, { ...values, session: null })).toEqual({
      'x-api-version': '3400',
      'x-request-id': 'req-1',
    });
  });

  it.each([
    ['if-match', '5'],
    ['if-match', '"abc"'],
    ['if-match', 'W/"x"'],
    ['if-match', '*'],
    ['if-match', '1526058827348/42'],
    ['if-none-match', '"2017-08-25T00:47:39.702Z"'],
    ['if-none-match', 'W/"1", "2"'],
    ['content-type', 'application/json-patch+json'],
    ['content-type', 'multipart/form-data; boundary=----x'],
    ['accept', 'application/json, text/plain;q=0.5'],
    ['accept-language', 'en_US'],
  ])('passes %s: %s byte for byte', (name, value) => {
    expect(buildUpstreamHeaders({ [name]: value }, values)).toEqual({ [name]: value, ...added });
  });

  it('keeps a header given as a list as a list', () => {
    const client: IncomingHttpHeaders = { cookie: 'a=1; b=2', 'x-custom': 'x' };
    (client as Record<string, string | string[]>)['x-multi'] = ['one', 'two'];

    expect(buildUpstreamHeaders(client, values)).toEqual({
      cookie: 'a=1; b=2',
      'x-custom': 'x',
      'x-multi': ['one', 'two'],
      ...added,
    });
  });
});

describe('response headers towards the client', () => {
  const base = { requestId: 'req-1', applianceId: 'dc1', apiVersion: 3400 };
  const gatewayAdded = {
    'x-request-id': 'req-1',
    'x-appliance-id': 'dc1',
    'x-api-version': '3400',
  };

  it("keeps the appliance's headers and adds the request id, appliance and version", () => {
    const upstream = {
      'content-type': 'application/json;charset=UTF-8',
      etag: '5',
      'cache-control': 'no-cache',
      'set-cookie': ['a=1', 'b=2'],
      'x-api-version': '8600',
      'x-request-id': 'appliance-id',
      missing: undefined,
    };

    expect(buildClientHeaders(upstream, base)).toEqual({
      'content-type': 'application/json;charset=UTF-8',
      etag: '5',
      'cache-control': 'no-cache',
      'set-cookie': ['a=1', 'b=2'],
      ...gatewayAdded,
    });
  });

  it('strips hop-by-hop headers and those that Connection names', () => {
    const upstream = {
      connection: 'keep-alive, X-Backend',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      upgrade: 'h2c',
      'proxy-authenticate': 'Basic',
      trailer: 'Expires',
      'x-backend': 'node-2',
      'content-length': '12',
    };

    expect(buildClientHeaders(upstream, base)).toEqual({ 'content-length': '12', ...gatewayAdded });
  });

  it('replaces the Location with the rewritten one and adds X-Task-Uri', () => {
    const upstream = { location: 'https://10.1.2.3/rest/tasks/abc' };

    expect(
      buildClientHeaders(upstream, {
        ...base,
        location: '/appliances/dc1/rest/tasks/abc',
        taskUri: '/tasks/dc1/abc',
      }),
    ).toEqual({
      location: '/appliances/dc1/rest/tasks/abc',
      'x-task-uri': '/tasks/dc1/abc',
      ...gatewayAdded,
    });
  });

  it("keeps the appliance's Location when no rewritten one is given", () => {
    expect(buildClientHeaders({ location: '/ui/index.html' }, base)).toEqual({
      location: '/ui/index.html',
      ...gatewayAdded,
    });
  });
});
