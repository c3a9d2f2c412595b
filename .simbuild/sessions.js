"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionStore = void 0;
const node_crypto_1 = require("node:crypto");
/**
 * The appliance's sessions. A session expires once unused for `idleMs`; every authenticated
 * request renews it. Expiry is checked when a token is used, so no timer runs per session.
 */
class SessionStore {
    idleMs;
    sessions = new Map();
    constructor(idleMs) {
        this.idleMs = idleMs;
    }
    /** Opens a session and returns it; tokens look like an appliance's (base64url, 32+ chars). */
    open(userName, now) {
        const session = {
            id: `L${(0, node_crypto_1.randomBytes)(24).toString('base64url')}`,
            userName,
            createdMs: now,
            lastUsedMs: now,
        };
        this.sessions.set(session.id, session);
        return session;
    }
    /** Returns the live session for a token and renews it, or undefined when dead or unknown. */
    use(token, now) {
        if (token === undefined)
            return undefined;
        const session = this.sessions.get(token);
        if (session === undefined)
            return undefined;
        if (now - session.lastUsedMs > this.idleMs) {
            this.sessions.delete(token);
            return undefined;
        }
        session.lastUsedMs = now;
        return session;
    }
    /** Ends a session; false when it was not live. */
    close(token, now) {
        const live = this.use(token, now) !== undefined;
        this.sessions.delete(token);
        return live;
    }
    /** Counts live sessions, dropping the expired ones on the way. */
    count(now) {
        for (const [token, session] of this.sessions) {
            if (now - session.lastUsedMs > this.idleMs)
                this.sessions.delete(token);
        }
        return this.sessions.size;
    }
    /** Ends every session at once, as an appliance restart or a session purge does. */
    expireAll() {
        this.sessions.clear();
    }
}
exports.SessionStore = SessionStore;
