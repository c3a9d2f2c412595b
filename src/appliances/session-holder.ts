/** Whether the gateway holds a session for an appliance. */
export type SessionState = 'none' | 'active' | 'failed';

/** When a refused login is not tried again for a while. */
export interface HoldOff {
  /** True for a failure that another try would only repeat (credentials refused). */
  applies: (error: unknown) => boolean;
  ms: number;
}

/**
 * The one appliance session a process holds (SPEC 5). Logins are single-flight: however
 * many requests need a session at once, one login is made and every caller gets its token.
 * The token lives in process memory only. A login the appliance refused is not tried again
 * for `holdOff.ms`: every caller gets the same refusal, and a directory account is not
 * locked out by a burst of failed logins.
 */
export class SessionHolder {
  #token: string | null = null;
  /** True once the appliance accepted the held session at least once. */
  #proven = false;
  #pending: Promise<string> | null = null;
  #state: SessionState = 'none';
  #refused: { error: Error; until: number } | null = null;
  readonly #login: () => Promise<string>;
  readonly #holdOff: HoldOff;

  constructor(login: () => Promise<string>, holdOff: HoldOff) {
    this.#login = login;
    this.#holdOff = holdOff;
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

  /** Forgets the session (and a refused login) and returns it, for a logout or a refresh. */
  take(): string | null {
    const token = this.#token;
    this.#token = null;
    this.#refused = null;
    this.#state = 'none';
    return token;
  }

  #loginOnce(): Promise<string> {
    if (this.#refused !== null) {
      if (this.#refused.until > Date.now()) return Promise.reject(this.#refused.error);
      this.#refused = null;
    }
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
        if (this.#holdOff.applies(error) && error instanceof Error) {
          this.#refused = { error, until: Date.now() + this.#holdOff.ms };
        }
        throw error;
      },
    );
    return this.#pending;
  }
}
