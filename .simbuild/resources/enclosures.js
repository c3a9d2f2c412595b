"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENCLOSURE_ROUTES = void 0;
const table_handlers_1 = require("./table-handlers");
/** `/rest/enclosures`: read only. */
exports.ENCLOSURE_ROUTES = [
    {
        method: 'GET',
        pattern: '/rest/enclosures',
        handle: (ctx) => (0, table_handlers_1.listTable)(ctx, ctx.appliance.data.enclosures),
    },
    {
        method: 'GET',
        pattern: '/rest/enclosures/{id}',
        handle: (ctx) => (0, table_handlers_1.getTableItem)(ctx, ctx.appliance.data.enclosures),
    },
];
