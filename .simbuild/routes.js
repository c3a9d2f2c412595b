"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createApplianceRouter = createApplianceRouter;
const alerts_1 = require("./resources/alerts");
const appliance_1 = require("./resources/appliance");
const backups_1 = require("./resources/backups");
const enclosures_1 = require("./resources/enclosures");
const ethernet_networks_1 = require("./resources/ethernet-networks");
const login_sessions_1 = require("./resources/login-sessions");
const server_hardware_1 = require("./resources/server-hardware");
const server_profiles_1 = require("./resources/server-profiles");
const tasks_1 = require("./resources/tasks");
const router_1 = require("./router");
/** Builds the router of every endpoint the simulated appliance serves. */
function createApplianceRouter() {
    return new router_1.Router([
        ...appliance_1.APPLIANCE_ROUTES,
        ...login_sessions_1.LOGIN_SESSION_ROUTES,
        ...server_hardware_1.SERVER_HARDWARE_ROUTES,
        ...server_profiles_1.SERVER_PROFILE_ROUTES,
        ...enclosures_1.ENCLOSURE_ROUTES,
        ...ethernet_networks_1.ETHERNET_NETWORK_ROUTES,
        ...alerts_1.ALERT_ROUTES,
        ...tasks_1.TASK_ROUTES,
        ...backups_1.BACKUP_ROUTES,
    ]);
}
