/** The compliance pages and API (issue 5): the quarter view, an agency's history, Sở Nội vụ's counted marks. */
import type { Route } from '../context';

/** Registered in handler.ts before the general page routes. */
export const complianceRoutes: Route[] = [];
