import {
  findUnsafeSegment,
  isApplianceFaceTarget,
  originForm,
  parseAppliancePath,
} from '../../../src/proxy/parse-appliance-path';
import type { ApplianceTarget } from '../../../src/proxy/parse-appliance-path';

const ok = (applianceId: string, path: string, search = ''): ApplianceTarget => ({
  ok: true,
  applianceId,
  path,
  search,
});
const refused = (reason: string): ApplianceTarget => ({ ok: false, reason });

const SEPARATORS = 'encoded or backslash path separators are not allowed';
const DOTS = 'dot segments are not allowed in a path';
const NUL = 'NUL bytes are not allowed in a path';
const PERCENT = 'the path has an invalid percent-encoding';
const SHAPE = 'expected /appliances/{id}/rest/{path}';
const NOT_A_PATH = 'the request target is not a path';

describe('parsing an appliance-face target', () => {
  it.each<[string, ApplianceTarget]>([
    ['/appliances/dc1/rest/server-hardware', ok('dc1', '/rest/server-hardware')],
    [
      '/appliances/dc1/rest/server-hardware/30303437-3034-4D32-3230-313130304752',
      ok('dc1', '/rest/server-hardware/30303437-3034-4D32-3230-313130304752'),
    ],
    ['/appliances/dc1/rest', ok('dc1', '/rest')],
    ['/appliances/dc1/rest/', ok('dc1', '/rest/')],
    ['/appliances/dc1/rest?x=1', ok('dc1', '/rest', '?x=1')],
    ['/appliances/dc1/rest/a//b', ok('dc1', '/rest/a//b')],
    ['/appliances/dc1/rest/a.b/.hidden/...', ok('dc1', '/rest/a.b/.hidden/...')],
    ['/appliances/dc1/rest/a%20b', ok('dc1', '/rest/a%20b')],
    ['/appliances/dc1/rest/x?', ok('dc1', '/rest/x', '?')],
  ])('accepts %s', (target, expected) => {
    expect(parseAppliancePath(target)).toEqual(expected);
  });

  it.each([
    '?filter="name=\'web 01\'"&sort=name:asc',
    '?filter=name%3D%27a%27&filter=state%20ne%20%27Off%27',
    '?start=0&count=-1&view=expand&fields=name,uri',
    '?query=a%2fb&x=..%2f..&y=\\',
    '?a=%ZZ&b=%00',
    '?q=a?b?c',
  ])('keeps the query %s byte for byte', (query) => {
    expect(parseAppliancePath(`/appliances/dc1/rest/server-hardware${query}`)).toEqual(
      ok('dc1', '/rest/server-hardware', query),
    );
  });

  it.each<[string, ApplianceTarget]>([
    ['https://evil.example:8443/appliances/dc1/rest/tasks/abc', ok('dc1', '/rest/tasks/abc')],
    [
      'http://10.0.0.1/appliances/dc1/rest/tasks/abc?view=x',
      ok('dc1', '/rest/tasks/abc', '?view=x'),
    ],
    ['HTTPS://user:pw@evil/appliances/dc1/rest/version', ok('dc1', '/rest/version')],
    ['https://evil.example/rest/tasks/abc', refused(SHAPE)],
    ['https://evil.example', refused(SHAPE)],
    ['ftp://evil.example/appliances/dc1/rest/x', refused(NOT_A_PATH)],
    ['http://[bad/appliances/dc1/rest/x', ok('dc1', '/rest/x')],
    ['*', refused(NOT_A_PATH)],
    ['appliances/dc1/rest/x', refused(NOT_A_PATH)],
  ])('reads the absolute or odd target %s by its path alone', (target, expected) => {
    expect(parseAppliancePath(target)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['/appliances/dc1/rest/..', DOTS],
    ['/appliances/dc1/rest/.', DOTS],
    ['/appliances/dc1/rest/x/../../../etc/passwd', DOTS],
    ['/appliances/dc1/rest/x/./y', DOTS],
    ['/appliances/dc1/rest/%2e%2e/admin', DOTS],
    ['/appliances/dc1/rest/%2E./admin', DOTS],
    ['/appliances/dc1/rest/.%2e/admin', DOTS],
    ['/appliances/dc1/rest/%2e/admin', DOTS],
    ['/appliances/dc1/rest/..%2fadmin', SEPARATORS],
    ['/appliances/dc1/rest/a%2Fb', SEPARATORS],
    ['/appliances/dc1/rest/a%5cb', SEPARATORS],
    ['/appliances/dc1/rest/a%5Cb', SEPARATORS],
    ['/appliances/dc1/rest/..\\admin', SEPARATORS],
    ['/appliances/dc1/rest/a\\b', SEPARATORS],
    ['/appliances/dc1/rest/a%00b', NUL],
    ['/appliances/dc1/rest/a\u0000b', NUL],
    ['/appliances/dc1/rest/%', PERCENT],
    ['/appliances/dc1/rest/%zz', PERCENT],
    ['/appliances/dc1/rest/%e2%82', PERCENT],
    ['/appliances/dc1/restx', SHAPE],
    ['/appliances/dc1/rest-x/y', SHAPE],
    ['/appliances/dc1', SHAPE],
    ['/appliances/dc1/', SHAPE],
    ['/appliances/dc1/x/rest/y', SHAPE],
    ['/rest/server-hardware', SHAPE],
    ['/appliances/dc1/rest/x#fragment', SHAPE],
  ])('refuses %s', (target, reason) => {
    expect(parseAppliancePath(target)).toEqual(refused(reason));
  });

  it.each<[string, boolean]>([
    ['/appliances/dc1/rest/server-hardware', true],
    ['/appliances/dc1/rest', true],
    ['/appliances/dc1/rest/', true],
    ['/appliances/dc1/rest?x=1', true],
    ['/appliances/dc1/rest#x', true],
    ['/appliances/dc1/rest/..', true],
    ['https://evil.example/appliances/dc1/rest/tasks/1', true],
    ['/appliances/dc1/restx', false],
    ['/appliances//rest/x', false],
    ['/appliances/dc1', false],
    ['/appliances', false],
    ['/appliances/dc1/refresh', false],
    ['/rest/server-hardware', false],
    ['/tasks/dc1/abc', false],
    ['https://evil.example/rest/tasks/1', false],
    ['*', false],
  ])('says whether %s belongs to the appliance face: %s', (target, expected) => {
    expect(isApplianceFaceTarget(target)).toBe(expected);
  });

  it.each<[string, string | null]>([
    ['/rest/tasks/1?x=y', '/rest/tasks/1?x=y'],
    ['https://10.0.0.1:443/rest/tasks/1?x=y', '/rest/tasks/1?x=y'],
    ['http://appliance/', '/'],
    ['ws://appliance/rest/x', null],
    ['rest/x', null],
    ['', null],
  ])('reduces %s to its origin form', (target, expected) => {
    expect(originForm(target)).toBe(expected);
  });

  it.each<[string, string | null]>([
    ['/rest/server-hardware/abc', null],
    ['/rest', null],
    ['/rest/.../a..b', null],
    ['/rest/%2e%2e', DOTS],
    ['/rest/%2f', SEPARATORS],
    ['/rest/%00', NUL],
    ['/rest/%G0', PERCENT],
  ])('finds what is unsafe in %s', (path, expected) => {
    expect(findUnsafeSegment(path)).toBe(expected);
  });
});

describe('absolute-form targets are checked as sent, not as a URL parser would clean them', () => {
  it.each([
    ['http://h/appliances/a/rest/x/../y', refused(DOTS)],
    ['http://h/appliances/a/rest/../../b/rest/x', refused(DOTS)],
    ['http://h/appliances/a/rest/x/%2e%2e/y', refused(DOTS)],
    ['http://h/appliances/a/rest\\x', refused(SHAPE)],
    ['http://h/appliances/a/rest/x\ty', refused('control characters are not allowed in a path')],
    ['/appliances/a/rest/..;/..;/x', refused(DOTS)],
    ['/appliances/a/rest/x/.;jsessionid=1/y', refused(DOTS)],
    ['/appliances//rest/x', refused(SHAPE)],
  ])('refuses %s', (target, expected) => {
    expect(parseAppliancePath(target)).toEqual(expected);
  });

  it('keeps an absolute-form query byte for byte', () => {
    expect(parseAppliancePath('http://h/appliances/a/rest/x?filter="name=\'a b\'"')).toEqual(
      ok('a', '/rest/x', '?filter="name=\'a b\'"'),
    );
  });
});
