"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.BACKUP_ROUTES = void 0;
const error_catalogue_1 = require("../error-catalogue");
const json_1 = require("../json");
const request_body_1 = require("../request-body");
const request_context_1 = require("../request-context");
const versions_1 = require("../versions");
const seed_tasks_1 = require("../tasks/seed-tasks");
const start_task_1 = require("../tasks/start-task");
const backup_archive_1 = require("./backup-archive");
const table = __importStar(require("./table-handlers"));
/** `/rest/backups`: at most one backup; creating one is a task; the archive streams. */
exports.BACKUP_ROUTES = [
    {
        method: 'GET',
        pattern: '/rest/backups',
        handle: (ctx) => table.listTable(ctx, ctx.appliance.data.backups),
    },
    { method: 'POST', pattern: '/rest/backups', handle: createBackup },
    {
        method: 'GET',
        pattern: '/rest/backups/{id}',
        handle: (ctx) => table.getTableItem(ctx, ctx.appliance.data.backups),
    },
    { method: 'GET', pattern: '/rest/backups/archive/{id}', handle: downloadBackup },
];
const MIB = 1024 * 1024;
function createBackup(ctx) {
    (0, request_body_1.readJson)(ctx);
    const backup = buildBackup(ctx);
    return (0, start_task_1.startTask)(ctx, {
        name: 'Create backup',
        resource: { ...(0, seed_tasks_1.describeResource)(backup), resourceName: (0, json_1.readText)(backup['id']) },
        statuses: {
            running: 'Creating the backup file.',
            done: 'The backup was created.',
            failed: 'Unable to create the backup.',
        },
        steps: ['Backing up the database.', 'Backing up the files.', 'Compressing the backup file.'],
        errorCode: 'BACKUP_FAILED',
        cancellable: true,
        apply: () => {
            // An appliance keeps one backup: a new one replaces the old.
            const backups = ctx.appliance.data.backups;
            for (const old of backups.list())
                backups.delete(old.id);
            backups.set((0, json_1.readText)(backup['id']), { ...backup, modified: (0, json_1.formatTimestamp)(Date.now()) });
        },
    });
}
function buildBackup(ctx) {
    const { hostName } = ctx.appliance.data.identity;
    const stamp = (0, json_1.formatTimestamp)(ctx.now).replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
    const id = `${hostName}_backup_${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 15)}`;
    const { major, minor } = (0, versions_1.describeRelease)(ctx.appliance.versions.currentVersion);
    return {
        uri: `/rest/backups/${id}`,
        category: 'backups',
        name: id,
        id,
        hostName,
        backupSize: ctx.appliance.options.backupMb * MIB,
        firmwareVersionMajor: `${major}.${minor}.00`,
        firmwareVersionMinor: '0351081',
        status: 'SUCCEEDED',
        backupType: 'FULL',
        taskUri: null,
        downloadUri: `/rest/backups/archive/${id}`,
        created: (0, json_1.formatTimestamp)(ctx.now),
        modified: (0, json_1.formatTimestamp)(ctx.now),
        eTag: String(ctx.now),
    };
}
function downloadBackup(ctx) {
    const id = (0, request_context_1.readParam)(ctx);
    if (ctx.appliance.data.backups.get(id) === undefined)
        throw (0, error_catalogue_1.createResourceNotFoundError)(ctx.path);
    (0, backup_archive_1.streamArchive)(ctx.res, `${id}.bkp`, ctx.appliance.options.backupMb * MIB);
    return undefined;
}
