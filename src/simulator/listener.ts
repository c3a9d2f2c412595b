import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';

// A re-listen that finds the port busy (another process took it) tries again this often.
const RELISTEN_RETRY_MS = 50;

/**
 * The listening socket of one simulator: listens, stops listening for a while (so that
 * connections are refused, as when an appliance restarts), and closes exactly once,
 * destroying every open connection including hanging ones.
 */
export class Listener {
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private relistenTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly server: HttpServer | HttpsServer,
    private readonly host: string,
  ) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on `port` (0 = a free one) and returns the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => reject(error);
      this.server.once('error', fail);
      this.server.listen(port, this.host, () => {
        this.server.off('error', fail);
        const address = this.server.address();
        this.port = typeof address === 'object' && address !== null ? address.port : port;
        resolve(this.port);
      });
    });
  }

  /** Stops listening and drops every connection; listens again on the same port after `ms`. */
  refuse(ms: number): void {
    if (this.closing) return;
    clearTimeout(this.relistenTimer);
    if (this.server.listening) this.server.close();
    this.destroySockets();
    this.relistenTimer = setTimeout(() => this.relisten(), ms);
  }

  /** Ends a refusal early. */
  resume(): void {
    if (this.relistenTimer === undefined || this.closing) return;
    clearTimeout(this.relistenTimer);
    this.relisten();
  }

  /** Closes for good; later calls return the same promise. */
  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      clearTimeout(this.relistenTimer);
      this.relistenTimer = undefined;
      this.destroySockets();
      if (this.server.listening) this.server.close(() => resolve());
      else resolve();
    });
    return this.closing;
  }

  private relisten(): void {
    this.relistenTimer = undefined;
    if (this.closing) return;
    const retry = (): void => {
      this.relistenTimer = setTimeout(() => this.relisten(), RELISTEN_RETRY_MS);
    };
    this.server.once('error', retry);
    this.server.listen(this.port, this.host, () => this.server.off('error', retry));
  }

  private destroySockets(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
