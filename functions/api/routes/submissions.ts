/** Direct submissions by agency users (issue 5): drafts, uploads, submit with a receipt. */
import type { Route } from '../context';

/** Registered in handler.ts before the general page routes. */
export const submissionRoutes: Route[] = [];
