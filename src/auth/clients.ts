import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { ClientConfig, GatewayConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';

/** A caller of the gateway, known by its API key. */
export interface Client {
  id: string;
  scopes: ClientConfig['scopes'];
}

/** The client of `auth.mode: none`: every appliance, every method. */
export const ANONYMOUS: Client = { id: 'anonymous', scopes: { appliances: ['*'], methods: ['*'] } };

/** Hashes an API key as the config stores it (`ovgw hash-key`). */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Finds the client that sent a request, by `Authorization: Bearer KEY` or `X-API-Key: KEY`.
 * Keys are compared by their sha256 in constant time against every client, so that
 * timing tells nothing about which key is close.
 */
export class ClientDirectory {
  #mode: GatewayConfig['auth']['mode'] = 'keys';
  #clients: Array<{ client: Client; digest: Buffer }> = [];
  /** The digests of keys presented lately: hashing every request's key is a hot-path cost. */
  readonly #digests = new LRUCache<string, Buffer>({ max: 1024 });

  constructor(auth: GatewayConfig['auth']) {
    this.replace(auth);
  }

  /**
   * Takes the clients of a reloaded configuration. Every face holds this one directory, so
   * the next request is checked against the new keys and scopes.
   */
  replace(auth: GatewayConfig['auth']): void {
    this.#mode = auth.mode;
    this.#clients = auth.clients.map((entry) => ({
      client: { id: entry.id, scopes: entry.scopes },
      digest: Buffer.from(entry.keySha256, 'hex'),
    }));
  }

  /** True when requests need no key. */
  get anonymous(): boolean {
    return this.#mode === 'none';
  }

  /** The client of a request; throws UNAUTHENTICATED when keys are on and none matches. */
  authenticate(headers: IncomingHttpHeaders): Client {
    if (this.#mode === 'none') return ANONYMOUS;
    const key = presentedKey(headers);
    if (key === null) {
      throw new GatewayError('UNAUTHENTICATED', 'This route needs an API key.');
    }
    const client = this.findByKey(key);
    if (!client) throw new GatewayError('UNAUTHENTICATED', 'The API key is not known.');
    return client;
  }

  /** The client a request names, or null when it carries no known key (no error). */
  identify(headers: IncomingHttpHeaders): Client | null {
    if (this.#mode === 'none') return ANONYMOUS;
    const key = presentedKey(headers);
    return key === null ? null : (this.findByKey(key) ?? null);
  }

  /** The client whose key this is, or undefined. */
  findByKey(key: string): Client | undefined {
    let digest = this.#digests.get(key);
    if (digest === undefined) {
      digest = createHash('sha256').update(key, 'utf8').digest();
      this.#digests.set(key, digest);
    }
    let found: Client | undefined;
    for (const entry of this.#clients) {
      if (timingSafeEqual(entry.digest, digest) && found === undefined) found = entry.client;
    }
    return found;
  }

  /** The sha256 (hex) of the key of the client with this id, or undefined. */
  keyDigestOf(id: string): string | undefined {
    return this.#clients.find((entry) => entry.client.id === id)?.digest.toString('hex');
  }

  /**
   * The client with this id while its key is still the one whose sha256 is given (an SDK
   * session made before a reload), or undefined.
   */
  findByIdAndDigest(id: string, keySha256: string): Client | undefined {
    const entry = this.#clients.find((candidate) => candidate.client.id === id);
    if (!entry) return undefined;
    const given = Buffer.from(keySha256, 'hex');
    return given.length === entry.digest.length && timingSafeEqual(given, entry.digest)
      ? entry.client
      : undefined;
  }

  /** The client with this id and key (an SDK login), or undefined. */
  findByIdAndKey(id: string, key: string): Client | undefined {
    const client = this.findByKey(key);
    return client?.id === id ? client : undefined;
  }
}

function presentedKey(headers: IncomingHttpHeaders): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0 && apiKey.length <= 512) return apiKey.trim();
  return null;
}
