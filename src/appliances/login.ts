import { callAppliance } from './call-appliance';
import type { Appliance } from './appliance';
import { GatewayError } from '../errors/gateway-error';
import { normalizeApplianceError } from '../errors/normalize-appliance-error';

/**
 * Logs in to an appliance with the gateway's credentials (SPEC 5) and returns the
 * sessionID. `loginMsgAck` is always sent, as the official SDKs do, so that an appliance
 * with a mandatory login banner accepts the login.
 */
export async function logIn(appliance: Appliance, apiVersion: number): Promise<string> {
  const credentials = appliance.config.credentials;
  if (!credentials || !appliance.password) {
    throw new Error(`appliance ${appliance.id} has no credentials to log in with`);
  }

  const answer = await callAppliance(appliance, {
    method: 'POST',
    path: '/rest/login-sessions',
    headers: { 'content-type': 'application/json', 'x-api-version': String(apiVersion) },
    body: JSON.stringify({
      userName: credentials.userName,
      password: appliance.password.reveal(),
      authLoginDomain: credentials.authLoginDomain,
      loginMsgAck: true,
    }),
  });

  const sessionID = (answer.json as { sessionID?: unknown } | undefined)?.sessionID;
  if (answer.status < 300 && typeof sessionID === 'string' && sessionID !== '') return sessionID;

  const nested = normalizeApplianceError({
    status: answer.status,
    body: answer.text,
    incomplete: false,
    applianceId: appliance.id,
    requestId: null,
  });
  throw new GatewayError(
    'APPLIANCE_LOGIN_FAILED',
    `Appliance ${appliance.id} refused the gateway's login as ${credentials.userName} ` +
      `(HTTP ${answer.status}${nested.errorCode ? ` ${nested.errorCode}` : ''}).`,
    { applianceId: appliance.id, details: 'POST /rest/login-sessions', nestedErrors: [nested] },
  );
}

/** Ends a session on the appliance; failures are not the caller's concern at shutdown. */
export async function logOut(
  appliance: Appliance,
  apiVersion: number,
  session: string,
): Promise<void> {
  await callAppliance(appliance, {
    method: 'DELETE',
    path: '/rest/login-sessions',
    headers: { auth: session, 'x-api-version': String(apiVersion) },
    timeoutMs: Math.min(5000, appliance.config.timeouts.requestMs),
  });
}
