"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.assignProfile = assignProfile;
const json_1 = require("../json");
const table_handlers_1 = require("./table-handlers");
/** Points a server at its profile (or at none), updating its state and ETag. */
function assignProfile(servers, serverUri, profileUri) {
    if (typeof serverUri !== 'string')
        return;
    const server = servers.get(serverUri.slice(serverUri.lastIndexOf('/') + 1));
    if (server === undefined)
        return;
    const now = Date.now();
    servers.set(server.id, {
        ...server.body,
        serverProfileUri: profileUri,
        state: profileUri === null ? 'NoProfileApplied' : 'ProfileApplied',
        modified: (0, json_1.formatTimestamp)(now),
        eTag: (0, table_handlers_1.nextEpochEtag)((0, json_1.readText)(server.body['eTag']), now),
    });
}
