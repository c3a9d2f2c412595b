/** What a deadline can end: the attempt of its request that is under way. */
export interface Abortable {
  abort(reason: Error): void;
}

/**
 * One deadline per client request (SPEC 8): retries and replays run inside it, never past
 * it. It also ends the upstream request when the client goes away, and remembers which of
 * the two happened so that a timeout is never mistaken for a reset.
 */
export class RequestDeadline {
  readonly #timer: NodeJS.Timeout;
  readonly #endsAt: number;
  #reason: 'deadline' | 'client-gone' | null = null;
  #error: Error | null = null;
  #attempt: Abortable | null = null;

  constructor(timeoutMs: number) {
    this.#endsAt = Date.now() + timeoutMs;
    this.#timer = setTimeout(() => this.#abort('deadline'), timeoutMs);
  }

  /** Why the request was aborted, or null while it runs. */
  get reason(): 'deadline' | 'client-gone' | null {
    return this.#reason;
  }

  remainingMs(): number {
    return Math.max(0, this.#endsAt - Date.now());
  }

  /** Makes `attempt` the one that the deadline or the client leaving ends. */
  watch(attempt: Abortable): void {
    this.#attempt = attempt;
    if (this.#error !== null) attempt.abort(this.#error);
  }

  /**
   * Settles as `pending` does, or rejects first when the deadline passes or the client
   * leaves (waiting for a version, a session or a free slot counts against the deadline).
   */
  race<T>(pending: Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.watch({ abort: reject });
      pending.then(resolve, reject);
    });
  }

  /** The client closed its connection before the answer was sent. */
  clientGone(): void {
    this.#abort('client-gone');
  }

  /** Ends the timer once the answer has started (streaming has its own idle timeout). */
  clear(): void {
    clearTimeout(this.#timer);
  }

  #abort(reason: 'deadline' | 'client-gone'): void {
    if (this.#reason !== null) return;
    this.#reason = reason;
    clearTimeout(this.#timer);
    const error = new Error(reason === 'deadline' ? 'request deadline passed' : 'client gone');
    (error as Error & { code: string }).code =
      reason === 'deadline' ? 'GATEWAY_DEADLINE' : 'GATEWAY_CLIENT_GONE';
    this.#error = error;
    this.#attempt?.abort(error);
  }
}
