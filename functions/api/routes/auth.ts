/**
 * Sign-in and sign-out: the local form (demo users, scrypt hashes, rate
 * limited) or, in AWS, Cognito's managed login with a PKCE code exchange.
 * These are the only routes besides /health that need no session.
 */
import { AUTH_PATHS, authVi, isSameOriginRequest, safeNextPath } from '../../../shared/auth';
import { renderSignInPage } from '../../../shared/web/pages/signin';
import { createLogger } from '../../../shared/observability/logger';
import { formOf, page, redirect, type Result } from '../http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Services } from '../context';

const logger = createLogger('api');

const cookiesOf = (event: APIGatewayProxyEventV2) => [...(event.cookies ?? []), ...(event.headers?.cookie ? [event.headers.cookie] : [])];

/** Answers a sign-in route, or null when the path is not one. */
export async function handleAuthRoute(event: APIGatewayProxyEventV2, services: Services, now: Date): Promise<Result | null> {
  const method = event.requestContext.http.method;
  const path = event.rawPath;
  const query = event.queryStringParameters ?? {};

  if (path === AUTH_PATHS.signIn && method === 'GET') {
    const cognito = services.auth.beginCognitoSignIn(safeNextPath(query.next));
    if (cognito && query.via !== 'form') return redirect(cognito.location, [cognito.setCookie]);
    return page(200, renderSignInPage({ next: query.next ?? null, notice: query.out ? authVi.signIn.signedOut : null }));
  }
  if (path === AUTH_PATHS.signIn && method === 'POST') {
    // Login CSRF: a sign-in form posted from another site would sign the victim into the attacker's account.
    if (!isSameOriginRequest(event.headers ?? {})) return page(403, renderSignInPage({ error: authVi.errors.signInFailed }));
    const form = formOf(event);
    const username = form.get('username') ?? '';
    const next = form.get('next');
    const result = await services.auth.signIn(username, form.get('password') ?? '', event.requestContext.http.sourceIp, now);
    if (!result.ok) return page(result.retryAt ? 429 : 401, renderSignInPage({ next, error: result.message, username }));
    logger.info('signed in', { userId: result.principal.userId, role: result.principal.role });
    return redirect(safeNextPath(next), [result.setCookie]);
  }
  if (path === AUTH_PATHS.callback && method === 'GET') {
    const result = await services.auth.completeCognitoSignIn({ code: query.code, state: query.state, cookies: cookiesOf(event) }, now);
    if (!result.ok) {
      logger.warn('cognito sign-in failed', { detail: result.detail });
      return page(401, renderSignInPage({ error: result.message }), result.setCookies);
    }
    return redirect(result.next, result.setCookies);
  }
  return null;
}

/** Signing out ends the session (a state-changing request: the caller has checked its CSRF token). */
export async function signOut(event: APIGatewayProxyEventV2, services: Services): Promise<Result> {
  const { setCookie } = await services.auth.signOut(cookiesOf(event));
  return redirect(`${AUTH_PATHS.signIn}?out=1`, [setCookie]);
}
