/**
 * API tokens (issue 8), for admins: issue (the token is shown once, in the
 * response, and stored only as its hash), list, revoke — the same
 * shared/auth/tokens.ts operations as `cchc token`. A token acts as the
 * user it is issued for, with that user's role and agency.
 */
import * as z from 'zod';
import { authorize } from '../../../shared/auth';
import { renderTokensPage } from '../../../shared/web/pages/tokens';
import { tokensVi } from '../../../shared/web/strings-admin';
import { formOf, page, type Result } from '../http';
import type { RequestContext, Route, Services } from '../context';

const DAY_MS = 86_400_000;

const issueSchema = z.object({
  userId: z.string().min(1, tokensVi.errors.user).max(128),
  label: z.string().trim().min(1, tokensVi.errors.label).max(200, tokensVi.errors.label),
  days: z.preprocess((value) => (value === '' || value === undefined ? undefined : value), z.coerce.number({ message: tokensVi.errors.days }).int(tokensVi.errors.days).min(1, tokensVi.errors.days).max(3660, tokensVi.errors.days).optional()),
});

async function tokensPage(ctx: RequestContext, services: Services, status: number, extra: { issued?: string; notice?: string; error?: string; values?: Record<string, string> } = {}): Promise<Result> {
  const [tokens, users] = await Promise.all([services.auth.tokens.list(), services.users.list()]);
  return page(status, renderTokensPage({ tokens, users, now: ctx.now, csrfToken: ctx.session?.csrfToken ?? null, chrome: ctx.chrome, ...extra }));
}

/** Registered in handler.ts before the general page routes. */
export const tokenRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/tokens\/?$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'admin.tokens');
      return tokensPage(ctx, services, 200);
    },
  },
  {
    method: 'POST',
    pattern: /^\/tokens\/?$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'admin.tokens');
      const form = formOf(ctx.event);
      const values = { userId: form.get('userId') ?? '', label: form.get('label') ?? '', days: form.get('days') ?? '' };
      const parsed = issueSchema.safeParse(values);
      if (!parsed.success) return tokensPage(ctx, services, 400, { error: parsed.error.issues[0]!.message, values });
      const user = await services.users.get(parsed.data.userId);
      if (!user || user.status !== 'active') return tokensPage(ctx, services, 400, { error: tokensVi.errors.user, values });
      const { token } = await services.auth.tokens.issue(
        {
          userId: user.id,
          name: user.name,
          role: user.role,
          agencyId: user.agencyId,
          label: parsed.data.label,
          ...(parsed.data.days ? { expiresAt: new Date(ctx.now.getTime() + parsed.data.days * DAY_MS) } : {}),
        },
        ctx.now,
      );
      // Shown in this response only: the table keeps the hash.
      return tokensPage(ctx, services, 200, { issued: token });
    },
  },
  {
    method: 'POST',
    pattern: /^\/tokens\/([0-9a-f]{64})\/revoke$/,
    async handle(ctx, [id], services) {
      authorize(ctx.principal, 'admin.tokens');
      const revoked = await services.auth.tokens.revoke(id!, ctx.now);
      return revoked ? tokensPage(ctx, services, 200, { notice: tokensVi.revoked }) : tokensPage(ctx, services, 404, { error: tokensVi.errors.notFound });
    },
  },
];
