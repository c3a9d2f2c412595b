/**
 * One deadline per client request (SPEC 8): retries and replays run inside it, never past
 * it. It also ends the upstream request when the client goes away, and remembers which of
 * the two happened so that a timeout is never mistaken for a reset.
 */
export class RequestDeadline {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #endsAt: number;
  #reason: 'deadline' | 'client-gone' | null = null;

  constructor(timeoutMs: number) {
    this.#endsAt = Date.now() + timeoutMs;
    this.#timer = setTimeout(() => this.#abort('deadline'), timeoutMs);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Why the request was aborted, or null while it runs. */
  get reason(): 'deadline' | 'client-gone' | null {
    return this.#reason;
  }

  remainingMs(): number {
    return Math.max(0, this.#endsAt - Date.now());
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
    this.#controller.abort(error);
  }
}
