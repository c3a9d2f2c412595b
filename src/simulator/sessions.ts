import { randomBytes } from 'node:crypto';

/** One login session of the simulated appliance. */
export interface Session {
  id: string;
  userName: string;
  /** Address the login came from; appliances limit sessions per client address. */
  clientHost: string;
  createdMs: number;
  lastUsedMs: number;
}

/**
 * The appliance's sessions. A session expires once unused for `idleMs`; every authenticated
 * request renews it. Expiry is checked when a token is used, so no timer runs per session.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly idleMs: number) {}

  /** Opens a session and returns it; tokens look like an appliance's (base64url, 32+ chars). */
  open(userName: string, clientHost: string, now: number): Session {
    const session = {
      id: `L${randomBytes(24).toString('base64url')}`,
      userName,
      clientHost,
      createdMs: now,
      lastUsedMs: now,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Returns the live session for a token and renews it, or undefined when dead or unknown. */
  use(token: string | undefined, now: number): Session | undefined {
    if (token === undefined) return undefined;
    const session = this.sessions.get(token);
    if (session === undefined) return undefined;
    if (now - session.lastUsedMs > this.idleMs) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastUsedMs = now;
    return session;
  }

  /** Ends a session; false when it was not live. */
  close(token: string, now: number): boolean {
    const live = this.use(token, now) !== undefined;
    this.sessions.delete(token);
    return live;
  }

  /** Counts live sessions, dropping the expired ones on the way. */
  count(now: number): number {
    this.dropExpired(now);
    return this.sessions.size;
  }

  /** Counts the live sessions opened from one client address. */
  countFrom(clientHost: string, now: number): number {
    this.dropExpired(now);
    let count = 0;
    for (const session of this.sessions.values()) {
      if (session.clientHost === clientHost) count += 1;
    }
    return count;
  }

  /** Ends every session at once, as an appliance restart or a session purge does. */
  expireAll(): void {
    this.sessions.clear();
  }

  private dropExpired(now: number): void {
    for (const [token, session] of this.sessions) {
      if (now - session.lastUsedMs > this.idleMs) this.sessions.delete(token);
    }
  }
}
