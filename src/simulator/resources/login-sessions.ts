import { createAuthorizationError } from '../error-catalogue';
import { createError, type SimulatorError } from '../errors';
import { printValue, type JsonObject } from '../json';
import { readJsonObject } from '../request-body';
import { readHeader, type Reply, type RequestContext } from '../request-context';
import type { Route } from '../router';

/** `/rest/login-sessions`: log in, reuse a token, log out. They check `Auth` themselves. */
export const LOGIN_SESSION_ROUTES: Route[] = [
  { method: 'POST', pattern: '/rest/login-sessions', auth: false, handle: logIn },
  { method: 'PUT', pattern: '/rest/login-sessions', auth: false, handle: reuseSession },
  { method: 'DELETE', pattern: '/rest/login-sessions', auth: false, handle: logOut },
];

function logIn(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  const { user, password } = ctx.appliance.options;
  const userName = body['userName'];
  checkLoginDomain(body);
  if (typeof userName !== 'string' || userName !== user || body['password'] !== password) {
    throw createLoginFailedError();
  }
  const clientHost = ctx.req.socket.remoteAddress ?? '';
  checkSessionLimits(ctx, clientHost);
  const session = ctx.appliance.sessions.open(userName, clientHost, ctx.now);
  ctx.appliance.stats.logins += 1;
  return replySession(session.id);
}

// oneview-python logs in again with an existing token: PUT, `Auth`, body `null`.
function reuseSession(ctx: RequestContext): Reply {
  const session = ctx.appliance.sessions.use(readHeader(ctx, 'auth'), ctx.now);
  if (session === undefined) throw createAuthorizationError();
  return replySession(session.id);
}

function logOut(ctx: RequestContext): Reply {
  const token = readHeader(ctx, 'auth');
  if (token === undefined || !ctx.appliance.sessions.close(token, ctx.now)) {
    throw createError(400, {
      errorCode: 'AUTHN_LOGOUT_FAILED',
      message: 'Logout failed: the session is not valid.',
      recommendedActions: ['Log in again before logging out.'],
    });
  }
  ctx.appliance.stats.logouts += 1;
  return { status: 204 };
}

function replySession(sessionID: string): Reply {
  return { status: 200, json: JSON.stringify({ partnerData: {}, sessionID }) };
}

function checkLoginDomain(body: JsonObject): void {
  const domain = body['authLoginDomain'];
  if (domain === undefined || domain === null || printValue(domain).toUpperCase() === 'LOCAL')
    return;
  throw createError(400, {
    errorCode: 'AUTHN_AUTH_FAIL_LOGINDOMAINNOTFOUND',
    message: `The login domain ${printValue(domain)} was not found.`,
    recommendedActions: ['Use the LOCAL login domain or a configured directory.'],
    errorSource: 'authLoginDomain',
  });
}

function createLoginFailedError(): SimulatorError {
  return createError(400, {
    errorCode: 'AUTHN_AUTH_FAIL',
    message: 'Invalid username or password or directory.',
    details: 'Enter correct credentials and try again.',
    recommendedActions: [
      'Enter correct credentials and try again. To obtain a username or password, contact your security administrator.',
    ],
  });
}

// Appliances block logins past 2400 active sessions, and past 960 from one client address.
function checkSessionLimits(ctx: RequestContext, clientHost: string): void {
  const { sessions, options } = ctx.appliance;
  if (sessions.count(ctx.now) >= options.maxSessions) {
    throw createSessionLimitError(`The appliance allows ${options.maxSessions} active sessions.`);
  }
  if (sessions.countFrom(clientHost, ctx.now) >= options.maxSessionsPerClient) {
    throw createSessionLimitError(
      `The appliance allows ${options.maxSessionsPerClient} active sessions from one client address (${clientHost}).`,
    );
  }
}

// No public source shows this answer; a 400 with an AUTHN_ code is how the appliance
// refuses every other login, so the limit is refused the same way (errorCode inferred).
function createSessionLimitError(details: string): SimulatorError {
  return createError(400, {
    errorCode: 'AUTHN_SESSION_LIMIT_EXCEEDED',
    message: 'The maximum number of active sessions has been reached.',
    details,
    recommendedActions: ['Log out of unused sessions, or wait for idle sessions to expire.'],
  });
}
