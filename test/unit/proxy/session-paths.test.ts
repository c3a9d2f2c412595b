import { isSessionPath } from '../../../src/proxy/session-paths';

describe('telling session routes from resources', () => {
  it.each([
    ['/rest/login-sessions', true],
    ['/rest/login-sessions/smartcards', true],
    ['/rest/login-sessions?x=1', true],
    ['/rest/sessions', true],
    ['/rest/sessions/idle-timeout', true],
    ['/rest/Login-Sessions', true],
    ['/rest/%6cogin-sessions', true],
    ['/rest/login%2Dsessions', true],
    ['/rest/login-sessions;jsessionid=x', true],
    ['/rest/sessions;x/idle-timeout', true],
    ['/rest/server-hardware', false],
    ['/rest/server-hardware/login-sessions', false],
    ['/rest/login-sessionsX', false],
    ['/rest', false],
    ['/rest/%zz', false],
  ])('%s: %s', (path, expected) => {
    expect(isSessionPath(path)).toBe(expected);
  });
});
