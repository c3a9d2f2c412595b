"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Listener = void 0;
// A re-listen that finds the port busy (another process took it) tries again this often.
const RELISTEN_RETRY_MS = 50;
/**
 * The listening socket of one simulator: listens, stops listening for a while (so that
 * connections are refused, as when an appliance restarts), and closes exactly once,
 * destroying every open connection including hanging ones.
 */
class Listener {
    server;
    host;
    sockets = new Set();
    port = 0;
    relistenTimer;
    closing;
    constructor(server, host) {
        this.server = server;
        this.host = host;
        server.on('connection', (socket) => {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
    }
    /** Listens on `port` (0 = a free one) and returns the port. */
    listen(port) {
        return new Promise((resolve, reject) => {
            const fail = (error) => reject(error);
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
    refuse(ms) {
        if (this.closing)
            return;
        clearTimeout(this.relistenTimer);
        if (this.server.listening)
            this.server.close();
        this.destroySockets();
        this.relistenTimer = setTimeout(() => this.relisten(), ms);
    }
    /** Ends a refusal early. */
    resume() {
        if (this.relistenTimer === undefined || this.closing)
            return;
        clearTimeout(this.relistenTimer);
        this.relisten();
    }
    /** Closes for good; later calls return the same promise. */
    close() {
        this.closing ??= new Promise((resolve) => {
            clearTimeout(this.relistenTimer);
            this.relistenTimer = undefined;
            this.destroySockets();
            if (this.server.listening)
                this.server.close(() => resolve());
            else
                resolve();
        });
        return this.closing;
    }
    relisten() {
        this.relistenTimer = undefined;
        if (this.closing)
            return;
        const retry = () => {
            this.relistenTimer = setTimeout(() => this.relisten(), RELISTEN_RETRY_MS);
        };
        this.server.once('error', retry);
        this.server.listen(this.port, this.host, () => this.server.off('error', retry));
    }
    destroySockets() {
        for (const socket of this.sockets)
            socket.destroy();
        this.sockets.clear();
    }
}
exports.Listener = Listener;
