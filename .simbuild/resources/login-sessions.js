"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOGIN_SESSION_ROUTES = void 0;
const error_catalogue_1 = require("../error-catalogue");
const errors_1 = require("../errors");
const json_1 = require("../json");
const request_body_1 = require("../request-body");
const request_context_1 = require("../request-context");
/** `/rest/login-sessions`: log in, reuse a token, log out. They check `Auth` themselves. */
exports.LOGIN_SESSION_ROUTES = [
    { method: 'POST', pattern: '/rest/login-sessions', auth: false, handle: logIn },
    { method: 'PUT', pattern: '/rest/login-sessions', auth: false, handle: reuseSession },
    { method: 'DELETE', pattern: '/rest/login-sessions', auth: false, handle: logOut },
];
function logIn(ctx) {
    const body = (0, request_body_1.readJsonObject)(ctx);
    const { user, password, maxSessions } = ctx.appliance.options;
    const userName = body['userName'];
    checkLoginDomain(body);
    if (typeof userName !== 'string' || userName !== user || body['password'] !== password) {
        throw createLoginFailedError();
    }
    if (ctx.appliance.sessions.count(ctx.now) >= maxSessions)
        throw createSessionLimitError(maxSessions);
    const session = ctx.appliance.sessions.open(userName, ctx.now);
    ctx.appliance.stats.logins += 1;
    return replySession(session.id);
}
// oneview-python logs in again with an existing token: PUT, `Auth`, body `null`.
function reuseSession(ctx) {
    const session = ctx.appliance.sessions.use((0, request_context_1.readHeader)(ctx, 'auth'), ctx.now);
    if (session === undefined)
        throw (0, error_catalogue_1.createAuthorizationError)();
    return replySession(session.id);
}
function logOut(ctx) {
    const token = (0, request_context_1.readHeader)(ctx, 'auth');
    if (token === undefined || !ctx.appliance.sessions.close(token, ctx.now)) {
        throw (0, errors_1.createError)(400, {
            errorCode: 'AUTHN_LOGOUT_FAILED',
            message: 'Logout failed: the session is not valid.',
            recommendedActions: ['Log in again before logging out.'],
        });
    }
    ctx.appliance.stats.logouts += 1;
    return { status: 204 };
}
function replySession(sessionID) {
    return { status: 200, json: JSON.stringify({ partnerData: {}, sessionID }) };
}
function checkLoginDomain(body) {
    const domain = body['authLoginDomain'];
    if (domain === undefined || domain === null || (0, json_1.printValue)(domain).toUpperCase() === 'LOCAL')
        return;
    throw (0, errors_1.createError)(400, {
        errorCode: 'AUTHN_AUTH_FAIL_LOGINDOMAINNOTFOUND',
        message: `The login domain ${(0, json_1.printValue)(domain)} was not found.`,
        recommendedActions: ['Use the LOCAL login domain or a configured directory.'],
        errorSource: 'authLoginDomain',
    });
}
function createLoginFailedError() {
    return (0, errors_1.createError)(400, {
        errorCode: 'AUTHN_AUTH_FAIL',
        message: 'Invalid username or password or directory.',
        details: 'Enter correct credentials and try again.',
        recommendedActions: [
            'Enter correct credentials and try again. To obtain a username or password, contact your security administrator.',
        ],
    });
}
// No public source shows this answer; a 400 with an AUTHN_ code is how the appliance
// refuses every other login, so the limit is refused the same way (errorCode inferred).
function createSessionLimitError(limit) {
    return (0, errors_1.createError)(400, {
        errorCode: 'AUTHN_SESSION_LIMIT_EXCEEDED',
        message: 'The maximum number of active sessions has been reached.',
        details: `The appliance allows ${limit} active sessions.`,
        recommendedActions: ['Log out of unused sessions, or wait for idle sessions to expire.'],
    });
}
