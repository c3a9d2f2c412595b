/** OneView's session routes: login, token reuse, logout, and the session settings. */
const SESSION_PATH = /^\/rest\/(?:login-sessions|sessions)(?:[/?]|$)/i;

/** Tells whether an appliance path works on sessions themselves rather than resources. */
export function isSessionPath(path: string): boolean {
  return SESSION_PATH.test(path);
}
