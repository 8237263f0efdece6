/**
 * Users (issue 8), for admins: list, invite, disable / enable, reset
 * password — over the local user store or Cognito, the same screens. And
 * the one public page of it: a local user's one-time set-password link
 * (the link's token is the proof, like the digest's unsubscribe link).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authorize, isSameOriginRequest } from '../../../shared/auth';
import { UserDirectoryError, type PasswordDelivery } from '../../../shared/users/directory';
import { MIN_PASSWORD_LENGTH } from '../../../shared/users/local-directory';
import { renderSetPasswordPage, renderUsersPage, type UsersPageState } from '../../../shared/web/pages/users';
import { usersVi } from '../../../shared/web/strings-admin';
import { formOf, page, redirect, type Result } from '../http';
import type { RequestContext, Route, Services } from '../context';

/** The public set-password page (handled before sign-in, see handler.ts). */
export const SET_PASSWORD_PATH = '/account/set-password';

/** A user id in a path: a local slug, or a Cognito username. */
const USER_ID = '([A-Za-z0-9@._+-]{1,128})';

const STATUS_OF: Record<UserDirectoryError['code'], number> = { invalid: 400, exists: 409, 'not-found': 404, self: 422, 'last-admin': 422, service: 502 };

/** The absolute set-password link (the request's own origin: the link is for this deployment). */
function setPasswordLink(event: APIGatewayProxyEventV2, delivery: PasswordDelivery): string | null {
  if (delivery.kind !== 'link') return null;
  const host = event.headers?.host ?? event.requestContext.domainName;
  const loopback = /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host ?? '');
  const query = new URLSearchParams({ u: delivery.userId, t: delivery.token });
  return `${loopback ? 'http' : 'https'}://${host}${SET_PASSWORD_PATH}?${query}`;
}

async function usersPage(ctx: RequestContext, services: Services, status: number, extra: Partial<UsersPageState> = {}): Promise<Result> {
  const [users, agencies] = await Promise.all([services.users.list(), services.agencies()]);
  return page(
    status,
    renderUsersPage({ users, agencies, kind: services.users.kind, selfId: ctx.principal.userId, csrfToken: ctx.session?.csrfToken ?? null, chrome: ctx.chrome, ...extra }),
  );
}

/** Runs an admin action; a refusal shows the page again with its message and status. */
async function act(ctx: RequestContext, services: Services, run: () => Promise<Partial<UsersPageState>>, values?: Record<string, string>): Promise<Result> {
  authorize(ctx.principal, 'admin.users');
  try {
    return await usersPage(ctx, services, 200, await run());
  } catch (error) {
    if (error instanceof UserDirectoryError) return usersPage(ctx, services, STATUS_OF[error.code], { error: error.message, ...(values ? { values } : {}) });
    throw error;
  }
}

const userIdOf = (raw: string) => decodeURIComponent(raw);

/** Registered in handler.ts before the general page routes. */
export const userRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/users\/?$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'admin.users');
      return usersPage(ctx, services, 200);
    },
  },
  {
    method: 'POST',
    pattern: /^\/users\/?$/,
    handle(ctx, _params, services) {
      const form = formOf(ctx.event);
      const values = Object.fromEntries(['id', 'name', 'email', 'role', 'agencyId'].map((name) => [name, (form.get(name) ?? '').slice(0, 300)]));
      return act(
        ctx,
        services,
        async () => {
          const { user, delivery } = await services.users.invite(values, ctx.now);
          // Shown in this response only: the link is never in a URL, a log or the table.
          return { notice: usersVi.invited(user.id), delivery: { delivery, link: setPasswordLink(ctx.event, delivery) } };
        },
        values,
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/users/${USER_ID}/disable$`),
    handle: (ctx, [id], services) =>
      act(ctx, services, async () => {
        await services.users.disable(ctx.principal.userId, userIdOf(id!), ctx.now);
        return { notice: usersVi.disabled(userIdOf(id!)) };
      }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/users/${USER_ID}/enable$`),
    handle: (ctx, [id], services) =>
      act(ctx, services, async () => {
        await services.users.enable(userIdOf(id!), ctx.now);
        return { notice: usersVi.enabled(userIdOf(id!)) };
      }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/users/${USER_ID}/reset-password$`),
    handle: (ctx, [id], services) =>
      act(ctx, services, async () => {
        const delivery = await services.users.resetPassword(userIdOf(id!), ctx.now);
        return { notice: usersVi.reset(userIdOf(id!)), delivery: { delivery, link: setPasswordLink(ctx.event, delivery) } };
      }),
  },
];

/**
 * The set-password page, before sign-in: GET shows the form while the link
 * is valid; POST (same origin only) sets the password and spends the link.
 * Null for any other path; 404 when the local user store is not in use.
 */
export async function handleSetPassword(event: APIGatewayProxyEventV2, services: Services, now: Date): Promise<Result | null> {
  if (event.rawPath !== SET_PASSWORD_PATH) return null;
  const store = services.localUsers;
  const method = event.requestContext.http.method;
  if (!store) return page(404, renderSetPasswordPage({ user: null, token: '' }));
  const s = usersVi.setPassword;
  if (method === 'GET') {
    if (event.queryStringParameters?.done === '1') return page(200, renderSetPasswordPage({ user: null, token: '', done: true }));
    const userId = event.queryStringParameters?.u ?? '';
    const token = event.queryStringParameters?.t ?? '';
    const user = await store.checkSetPasswordToken(userId, token, now);
    return page(user ? 200 : 400, renderSetPasswordPage({ user, token }));
  }
  if (method !== 'POST') return page(405, renderSetPasswordPage({ user: null, token: '' }));
  if (!isSameOriginRequest(event.headers ?? {})) return page(403, renderSetPasswordPage({ user: null, token: '' }));
  const form = formOf(event);
  const userId = form.get('u') ?? '';
  const token = form.get('t') ?? '';
  const password = form.get('password') ?? '';
  const user = await store.checkSetPasswordToken(userId, token, now);
  if (!user) return page(400, renderSetPasswordPage({ user: null, token: '' }));
  const again = (error: string) => page(400, renderSetPasswordPage({ user, token, error }));
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) return again(s.tooShort);
  if (password !== form.get('confirm')) return again(s.mismatch);
  if (!(await store.setPasswordWithToken(userId, token, password, now))) return page(400, renderSetPasswordPage({ user: null, token: '' }));
  return redirect(`${SET_PASSWORD_PATH}?done=1`);
}
