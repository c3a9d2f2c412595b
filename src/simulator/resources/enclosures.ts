import type { Route } from '../router';
import { getTableItem, listTable } from './table-handlers';

/** `/rest/enclosures`: read only. */
export const ENCLOSURE_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/rest/enclosures',
    handle: (ctx) => listTable(ctx, ctx.appliance.data.enclosures),
  },
  {
    method: 'GET',
    pattern: '/rest/enclosures/{id}',
    handle: (ctx) => getTableItem(ctx, ctx.appliance.data.enclosures),
  },
];
