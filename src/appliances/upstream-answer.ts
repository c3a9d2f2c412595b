import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';

/** A body read up to a limit. */
export interface BoundedBody {
  buffer: Buffer;
  /** True when the limit cut it or the connection closed before its end. */
  incomplete: boolean;
}

/** Where the body goes once someone asked for it. */
interface BodySink {
  /** Takes a chunk; false asks the appliance to wait (backpressure). */
  write(chunk: Buffer): boolean;
  end(): void;
  fail(error: Error): void;
}

/** Chunks held while nobody has asked for the body yet; past this the appliance waits. */
const HELD_BYTES = 64 * 1024;

/**
 * One appliance answer as undici delivers it: `started` settles with the status and headers,
 * then the body goes where the caller says (to the client, read whole, or dropped) with no
 * stream object in between.
 * NOTE: a dispatch handler, not `pool.request()`: the Readable and AbortController that
 * request() makes for every call cost more CPU than the rest of the forwarding (measured in
 * bench/README.md, "Where the gateway's time goes").
 */
export class UpstreamAnswer implements Dispatcher.DispatchHandler {
  status = 0;
  headers: IncomingHttpHeaders = {};
  /** How long the appliance took to answer with headers, set once it has. */
  upstreamMs = 0;
  /** Settles once the answer's headers arrived, or rejects when none will. */
  readonly started: Promise<UpstreamAnswer>;
  #resolveStarted!: (answer: UpstreamAnswer) => void;
  #rejectStarted!: (error: Error) => void;
  #controller: Dispatcher.DispatchController | null = null;
  #abortReason: Error | null = null;
  #held: Buffer[] = [];
  #heldBytes = 0;
  #sink: BodySink | null = null;
  #outcome: 'open' | 'ended' | Error = 'open';
  #hasStarted = false;

  constructor() {
    this.started = new Promise((resolve, reject) => {
      this.#resolveStarted = resolve;
      this.#rejectStarted = reject;
    });
  }

  /** Ends the exchange: before the headers, `started` rejects with the reason. */
  abort(reason: Error): void {
    this.#abortReason ??= reason;
    this.#controller?.abort(reason);
  }

  /** Reads the body into memory, at most `limit` bytes; past it the connection is dropped. */
  read(limit: number): Promise<BoundedBody> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const finish = (incomplete: boolean): void => {
        if (done) return;
        done = true;
        resolve({ buffer: Buffer.concat(chunks), incomplete });
      };

      this.#attach({
        write: (chunk) => {
          if (done) return false;
          size += chunk.length;
          if (size <= limit) {
            chunks.push(chunk);
            return true;
          }
          chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
          finish(true);
          this.abort(new Error('answer larger than the gateway reads'));
          return false;
        },
        end: () => finish(false),
        fail: () => finish(true),
      });
    });
  }

  /**
   * The whole body when it has already arrived, as most JSON answers have by the time their
   * headers are handled (then it can go out in one write, with its length); else null, and
   * the body is still there to take.
   */
  takeWhole(): Buffer | null {
    if (this.#outcome !== 'ended' || this.#sink !== null) return null;
    const held = this.#held;
    this.#sink = { write: () => true, end: () => undefined, fail: () => undefined };
    this.#held = [];
    this.#heldBytes = 0;
    return held.length === 1 ? (held[0] as Buffer) : Buffer.concat(held);
  }

  /** Reads the body to its end and drops it, so that its connection can be reused. */
  discard(): Promise<void> {
    return new Promise((resolve) => {
      this.#attach({ write: () => true, end: resolve, fail: () => resolve() });
    });
  }

  /**
   * Sends the body to the client as it arrives, with backpressure; settles when the answer is
   * done or the client left. An appliance failing mid-body cuts the client's connection,
   * since the status and headers are already sent.
   */
  pipeTo(res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      // 'close' follows 'finish' on a complete answer, and comes alone when the client left.
      res.once('close', () => resolve());
      res.on('drain', () => this.#controller?.resume());
      this.#attach({
        write: (chunk) => res.write(chunk),
        end: () => res.end(),
        fail: () => res.destroy(),
      });
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason !== null) controller.abort(this.#abortReason);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    // 1xx answers are interim; the real one follows.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = headers;
    this.#hasStarted = true;
    this.#resolveStarted(this);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#sink !== null) {
      if (!this.#sink.write(chunk)) controller.pause();
      return;
    }
    this.#held.push(chunk);
    this.#heldBytes += chunk.length;
    if (this.#heldBytes >= HELD_BYTES) controller.pause();
  }

  onResponseEnd(): void {
    this.#outcome = 'ended';
    this.#sink?.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.#outcome !== 'open') return;
    const reason = this.#abortReason ?? error;
    this.#outcome = reason;
    if (!this.#hasStarted) this.#rejectStarted(reason);
    else this.#sink?.fail(reason);
  }

  #attach(sink: BodySink): void {
    if (this.#sink !== null) throw new Error('the body of an answer is taken once');
    this.#sink = sink;

    const heldWasFull = this.#heldBytes >= HELD_BYTES;
    let flowing = true;
    for (const chunk of this.#held) flowing = sink.write(chunk) && flowing;
    this.#held = [];
    this.#heldBytes = 0;

    if (this.#outcome === 'ended') sink.end();
    else if (this.#outcome !== 'open') sink.fail(this.#outcome);
    else if (!flowing) this.#controller?.pause();
    else if (heldWasFull) this.#controller?.resume();
  }
}
