/** The e-mail outbox for admins (issue 5). */
import type { Route } from '../context';

/** Registered in handler.ts before the general page routes. */
export const outboxRoutes: Route[] = [];
