import type { IncomingMessage, ServerResponse } from 'node:http';
import { proxyToAppliance } from './proxy-to-appliance';
import type { ProxyResult } from './proxy-to-appliance';
import type { FaceDeps } from './request-context';
import { serveFaceRequest } from './serve-face-request';
import type { FaceRequest } from './serve-face-request';
import type { Appliance } from '../appliances/appliance';
import type { Client } from '../auth/clients';
import { rateKeyOf } from '../auth/rate-limits';
import { authorize, canSeeAppliance } from '../auth/scopes';
import type { SdkSessions } from '../auth/sdk-sessions';
import { GatewayError } from '../errors/gateway-error';
import { findUnsafeSegment, originForm } from '../proxy/parse-appliance-path';
import { readJsonBody } from '../server/read-json-body';

const ROUTE = 'sdkPort /rest/{path}';
const LOGIN_PATH = '/rest/login-sessions';

/** What an SDK port needs besides the shared deps. */
export interface SdkPortDeps extends FaceDeps {
  sdkSessions: SdkSessions;
}

/**
 * One appliance served as a plain OneView origin (SPEC 3.2), for SDKs that build
 * `https://{host}/rest/...` and take no prefix. `GET /rest/version` needs no credential;
 * `/rest/login-sessions` opens, renews and ends gateway sessions, logged in with a client
 * id and its API key; every other request needs such a session in `Auth` and is forwarded
 * as on the appliance face. A passthrough appliance gets the login itself, and the
 * session it hands out is the client's credential.
 */
export function createSdkPortFace(
  deps: SdkPortDeps,
  applianceId: string,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return (req, res) =>
    serveFaceRequest(deps, req, res, ROUTE, async (request) => {
      request.applianceId = applianceId;
      const { path, search } = checkTarget(req.url ?? '');
      const appliance = deps.registry.get(applianceId);
      if (!appliance) {
        throw new GatewayError('APPLIANCE_NOT_FOUND', `No appliance has the id "${applianceId}".`);
      }

      if (path === '/rest/version' && req.method === 'GET')
        return answerVersion(deps, res, appliance);
      if (appliance.sessions === null) {
        // No gateway client here: the appliance's own login is the credential, and the
        // traffic counts against the address it comes from.
        await deps.rateLimits.admit(`passthrough@${req.socket.remoteAddress ?? 'unknown'}`);
        return forward(deps, req, res, request, appliance, path, search);
      }
      if (path === LOGIN_PATH) return answerSession(deps, req, res, request, appliance);

      const client = await clientOfSession(deps, req, appliance);
      request.clientId = client.id;
      await deps.rateLimits.admit(rateKeyOf(client, req.socket.remoteAddress));
      authorize(client, { id: appliance.id, labels: appliance.config.labels }, req.method ?? 'GET');
      return forward(deps, req, res, request, appliance, path, search, client);
    });
}

/** The path and query of an SDK request; nothing may leave `/rest/`. */
function checkTarget(rawTarget: string): { path: string; search: string } {
  const target = originForm(rawTarget) ?? '';
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const search = queryAt === -1 ? '' : target.slice(queryAt);

  if (!path.startsWith('/rest/')) {
    throw new GatewayError('NOT_FOUND', 'This port serves /rest/... only.', { details: path });
  }
  const unsafe = findUnsafeSegment(path);
  if (unsafe !== null) throw new GatewayError('BAD_REQUEST', `Malformed path: ${unsafe}.`);
  return { path, search };
}

/** `/rest/version` as the appliance answers it; SDKs read it before they log in. */
async function answerVersion(
  deps: FaceDeps,
  res: ServerResponse,
  appliance: Appliance,
): Promise<ProxyResult> {
  const { range } = await deps.registry.resolveVersion(appliance);
  if (range === null) {
    throw new GatewayError(
      'APPLIANCE_INCOMPATIBLE',
      `Appliance ${appliance.id} did not answer /rest/version with a OneView version range.`,
      { applianceId: appliance.id },
    );
  }
  sendJson(res, 200, {
    currentVersion: range.currentVersion,
    minimumVersion: range.minimumVersion,
  });
  return { status: 200, errorCode: null, upstreamMs: null };
}

/** POST logs in, PUT renews the session in `Auth` (token reuse), DELETE ends it. */
async function answerSession(
  deps: SdkPortDeps,
  req: IncomingMessage,
  res: ServerResponse,
  request: FaceRequest,
  appliance: Appliance,
): Promise<ProxyResult> {
  const method = req.method ?? 'GET';
  if (method === 'POST') {
    const client = await logIn(deps, req, appliance);
    request.clientId = client.id;
    return openSession(deps, res, client, appliance);
  }
  if (method === 'PUT' || method === 'DELETE') {
    const client = await clientOfSession(deps, req, appliance);
    request.clientId = client.id;
    if (method === 'PUT') {
      sendJson(res, 200, { partnerData: {}, sessionID: sessionIdOf(req) });
      return { status: 200, errorCode: null, upstreamMs: null };
    }
    await deps.sdkSessions.end(sessionIdOf(req) ?? '');
    res.writeHead(204).end();
    return { status: 204, errorCode: null, upstreamMs: null };
  }
  throw new GatewayError('BAD_REQUEST', `${method} ${LOGIN_PATH} is not a session operation.`);
}

/** The client whose id and API key a login body names. */
async function logIn(deps: FaceDeps, req: IncomingMessage, appliance: Appliance): Promise<Client> {
  const body = await readJsonBody(req, deps.config.server.bodyLimitBytes);
  const { userName, password } = (body ?? {}) as { userName?: unknown; password?: unknown };
  if (typeof userName !== 'string' || typeof password !== 'string') {
    throw new GatewayError(
      'BAD_REQUEST',
      'A login needs {"userName": <client id>, "password": <API key>}.',
      { details: LOGIN_PATH },
    );
  }

  const client = deps.clients.findByIdAndKey(userName, password);
  if (!client) throw new GatewayError('UNAUTHENTICATED', 'Unknown client id or API key.');
  await deps.rateLimits.admit(rateKeyOf(client, req.socket.remoteAddress));
  if (!canSeeAppliance(client, { id: appliance.id, labels: appliance.config.labels })) {
    throw new GatewayError(
      'FORBIDDEN',
      `Client ${client.id} may not reach appliance ${appliance.id}.`,
      {
        applianceId: appliance.id,
      },
    );
  }
  return client;
}

async function openSession(
  deps: SdkPortDeps,
  res: ServerResponse,
  client: Client,
  appliance: Appliance,
): Promise<ProxyResult> {
  const keySha256 = deps.clients.keyDigestOf(client.id);
  if (keySha256 === undefined) throw new GatewayError('UNAUTHENTICATED', 'Unknown client id.');
  const sessionID = await deps.sdkSessions
    .open({ clientId: client.id, applianceId: appliance.id, keySha256 })
    .catch((error: unknown) => {
      throw new GatewayError('STORE_UNAVAILABLE', 'The session could not be stored.', {
        cause: error,
      });
    });
  sendJson(res, 200, { partnerData: {}, sessionID });
  return { status: 200, errorCode: null, upstreamMs: null };
}

/** The client of the gateway session in `Auth`; UNAUTHENTICATED when there is none. */
async function clientOfSession(
  deps: SdkPortDeps,
  req: IncomingMessage,
  appliance: Appliance,
): Promise<Client> {
  const id = sessionIdOf(req);
  if (id === null)
    throw new GatewayError('UNAUTHENTICATED', 'This request needs a session in Auth.');
  const session = await deps.sdkSessions.find(id).catch((error: unknown) => {
    throw new GatewayError('STORE_UNAVAILABLE', 'The session could not be read.', { cause: error });
  });
  const client =
    session?.applianceId === appliance.id
      ? deps.clients.findByIdAndDigest(session.clientId, session.keySha256)
      : undefined;
  if (!client) {
    throw new GatewayError(
      'UNAUTHENTICATED',
      'The session is not known, has ended, or is for another appliance.',
    );
  }
  return client;
}

function forward(
  deps: FaceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  request: FaceRequest,
  appliance: Appliance,
  path: string,
  search: string,
  client?: Client,
): Promise<ProxyResult> {
  return proxyToAppliance(deps, {
    req,
    res,
    appliance,
    path,
    search,
    requestId: request.requestId,
    ...(client ? { clientId: client.id } : {}),
    // Relative: it resolves against the origin the SDK called, whatever host it used.
    face: { kind: 'sdk-port', origin: '' },
  });
}

function sessionIdOf(req: IncomingMessage): string | null {
  const value = req.headers.auth;
  const id = Array.isArray(value) ? value[0] : value;
  return id !== undefined && id.length > 0 && id.length <= 512 ? id : null;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache',
  });
  res.end(text);
}
