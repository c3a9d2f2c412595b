import CircuitBreaker from 'opossum';

/** Circuit states as SPEC 3.4 names them. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** How a circuit opens and recovers. */
export interface CircuitSettings {
  errorThresholdPercentage: number;
  volumeThreshold: number;
  rollingWindowMs: number;
  resetTimeoutMs: number;
}

/** Thrown by `Circuit.run` while the circuit is open. */
export class CircuitOpenError extends Error {
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number) {
    super('circuit open');
    this.name = 'CircuitOpenError';
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * A per-appliance circuit breaker on opossum. Work that rejects counts as a failure,
 * except what `isNeutral` says is not the appliance's fault (a client hanging up).
 */
export class Circuit {
  readonly #breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  readonly #resetTimeoutMs: number;
  #openedAt = 0;

  constructor(
    settings: CircuitSettings,
    isNeutral: (error: unknown) => boolean,
    onChange: (state: CircuitState) => void,
  ) {
    this.#resetTimeoutMs = settings.resetTimeoutMs;
    this.#breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
      timeout: false,
      errorThresholdPercentage: settings.errorThresholdPercentage,
      volumeThreshold: settings.volumeThreshold,
      rollingCountTimeout: settings.rollingWindowMs,
      resetTimeout: settings.resetTimeoutMs,
      // opossum counts a filtered error as a success, which closes a half-open circuit: a
      // client hanging up during the probe proves nothing about the appliance.
      errorFilter: (error: unknown) => isNeutral(error) && !this.#breaker.halfOpen,
    });
    this.#breaker.on('open', () => {
      this.#openedAt = Date.now();
      onChange('open');
    });
    this.#breaker.on('halfOpen', () => onChange('half-open'));
    this.#breaker.on('close', () => onChange('closed'));
  }

  get state(): CircuitState {
    if (this.#breaker.opened) return 'open';
    return this.#breaker.halfOpen ? 'half-open' : 'closed';
  }

  /** Runs work through the circuit; rejects with CircuitOpenError at once while open. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return (await this.#breaker.fire(work)) as T;
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        throw new CircuitOpenError(this.#retryAfterMs());
      }
      throw error;
    }
  }

  /** Closes the circuit now (after an operator's refresh). */
  close(): void {
    this.#breaker.close();
  }

  shutdown(): void {
    this.#breaker.shutdown();
  }

  #retryAfterMs(): number {
    return Math.max(1000, this.#resetTimeoutMs - (Date.now() - this.#openedAt));
  }
}
