"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.APPLIANCE_ROUTES = void 0;
const versions_1 = require("../versions");
/** `/rest/version`, the appliance's own pages and the availability probes. */
exports.APPLIANCE_ROUTES = [
    { method: 'GET', pattern: '/rest/version', auth: false, versionless: true, handle: getVersion },
    { method: 'GET', pattern: '/rest/appliance/nodeinfo/version', handle: getNodeVersion },
    {
        method: 'GET',
        pattern: '/rest/appliance/progress',
        auth: false,
        minVersion: 1,
        handle: getProgress,
    },
    {
        method: 'GET',
        pattern: '/controller-state.json',
        auth: false,
        versionless: true,
        handle: getControllerState,
    },
];
// Needs neither credentials nor X-API-Version, as on an appliance.
function getVersion(ctx) {
    ctx.appliance.stats.versionRequests += 1;
    return { status: 200, json: ctx.appliance.versionJson };
}
function getNodeVersion(ctx) {
    const { major, minor } = (0, versions_1.describeRelease)(ctx.appliance.versions.currentVersion);
    const { identity } = ctx.appliance.data;
    const body = {
        type: 'NodeVersionDto4',
        category: 'appliance',
        uri: '/rest/appliance/nodeinfo/version',
        softwareVersion: `${major}.${minor}.00-0351081`,
        major,
        minor,
        revision: '00',
        build: '0351081',
        family: 'HPE OneView VM',
        modelNumber: 'HPE OneView VM',
        platformType: 'VM',
        serialNumber: identity.serialNumber,
        uuid: identity.uuid,
        compatibility: true,
        date: '2019-05-21T17:51:25.000Z',
        created: null,
        modified: null,
        eTag: null,
    };
    return { status: 200, json: JSON.stringify(body) };
}
// The simulated appliance is always fully started.
function getProgress() {
    return {
        status: 200,
        json: JSON.stringify({ percentComplete: 100, completeComponents: 25, totalComponents: 25 }),
    };
}
function getControllerState(ctx) {
    const usingAddr = ctx.req.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
    return { status: 200, json: JSON.stringify({ state: 'OK', usingAddr }) };
}
