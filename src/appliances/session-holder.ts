/** Whether the gateway holds a session for an appliance. */
export type SessionState = 'none' | 'active' | 'failed';

/**
 * The one appliance session a process holds (SPEC 5). Logins are single-flight: however
 * many requests need a session at once, one login is made and every caller gets its token.
 * The token lives in process memory only.
 */
export class SessionHolder {
  #token: string | null = null;
  /** True once the appliance accepted the held session at least once. */
  #proven = false;
  #pending: Promise<string> | null = null;
  #state: SessionState = 'none';
  readonly #login: () => Promise<string>;

  constructor(login: () => Promise<string>) {
    this.#login = login;
  }

  get state(): SessionState {
    return this.#state;
  }

  /** The session when one is held, without waiting. */
  current(): string | null {
    return this.#token;
  }

  /** The held session, or a new one from a single login. */
  obtain(): Promise<string> {
    if (this.#token !== null) return Promise.resolve(this.#token);
    return this.#loginOnce();
  }

  /** Records that the appliance accepted a session, which makes it worth renewing later. */
  confirm(token: string): void {
    if (token === this.#token) this.#proven = true;
  }

  /**
   * A fresh session after `stale` was refused, or null when renewing cannot help: a
   * session the appliance refused before ever accepting it means the appliance refuses
   * new sessions, and logging in again would only loop. When another caller already
   * renewed it, that session is returned and no second login is made.
   */
  renew(stale: string): Promise<string | null> {
    if (this.#token !== null && this.#token !== stale) return Promise.resolve(this.#token);
    if (this.#token === stale) {
      if (!this.#proven) return Promise.resolve(null);
      this.#token = null;
    }
    return this.#loginOnce();
  }

  /** Forgets the session and returns it, for a logout. */
  take(): string | null {
    const token = this.#token;
    this.#token = null;
    this.#state = 'none';
    return token;
  }

  #loginOnce(): Promise<string> {
    this.#pending ??= this.#login().then(
      (token) => {
        this.#token = token;
        this.#proven = false;
        this.#state = 'active';
        this.#pending = null;
        return token;
      },
      (error: unknown) => {
        this.#state = 'failed';
        this.#pending = null;
        throw error;
      },
    );
    return this.#pending;
  }
}
