/**
 * Who is asking: the one entry point the api function calls before routing.
 *
 * * `Authorization: Bearer cchc_…` — an API token an admin issued locally;
 * * `Authorization: Bearer <JWT>` — a Cognito access token, when Cognito is configured;
 * * else the `cchc_session` cookie — a browser session.
 *
 * A request that sends a Bearer token is judged by that token alone: a bad
 * token is anonymous even if a session cookie rides along, so an
 * integration's mistake shows as 401 instead of quietly acting as whoever
 * last signed in on that machine.
 */
import type { AwsClients } from '../store/clients';
import { headerValue } from './csrf';
import { beginCognitoSignIn, createCognitoVerifier, exchangeCode, readOauthState, clearOauthStateCookie, type CognitoConfig, type CognitoTokenVerifier } from './cognito';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords';
import { SignInRateLimiter, type RateLimits } from './rate-limit';
import type { Principal } from './roles';
import { SessionStore, clearSessionCookie, readSessionCookie, sessionCookie, type Session } from './sessions';
import { authVi } from './strings';
import { ApiTokenStore, TOKEN_PREFIX } from './tokens';
import { findLocalUser, normalizeUsername, principalOfLocalUser, type LocalUser } from './users';
import { safeNextPath } from './next-path';

/** The parts of a request authentication reads. */
export interface AuthRequest {
  headers: Record<string, string | undefined>;
  /** API Gateway HTTP API (payload 2.0) passes cookies here instead of a `Cookie` header. */
  cookies?: readonly string[];
}

/** A recognised caller; `session` only for cookie sign-ins (it holds the CSRF token). */
export interface AuthResult {
  principal: Principal;
  session?: Session;
}

/** The outcome of a local sign-in. */
export type SignInResult =
  | { ok: true; setCookie: string; principal: Principal; csrfToken: string }
  | { ok: false; message: string; retryAt?: Date };

/** The explicit dependencies of the authenticator. */
export interface AuthenticatorDeps {
  clients: AwsClients;
  /** Local users (the configuration's `users` section); absent in AWS. */
  users?: readonly LocalUser[];
  /**
   * Looks up a local user who may sign in (the local user store in the
   * table, issue 8: disabled and not-yet-activated users are absent). When
   * given, it replaces `users`.
   */
  findUser?: (id: string) => Promise<LocalUser | undefined>;
  /** The user pool, in AWS; absent locally. */
  cognito?: CognitoConfig & {
    /** Overrides the verifier (tests). */
    verifier?: CognitoTokenVerifier;
    /** Overrides fetch for the code exchange (tests). */
    fetch?: typeof globalThis.fetch;
  };
  /** Set `Secure` on cookies; default true (see sessionCookie). */
  secureCookies?: boolean;
  rateLimits?: Partial<RateLimits>;
}

/** The authenticator's operations. */
export interface Authenticator {
  authenticate(request: AuthRequest, now: Date): Promise<AuthResult | null>;
  signIn(username: string, password: string, clientIp: string, now: Date): Promise<SignInResult>;
  signOut(cookies: string | readonly string[] | undefined): Promise<{ setCookie: string }>;
  completeCognitoSignIn(
    input: { code: string | undefined; state: string | undefined; cookies: string | readonly string[] | undefined },
    now: Date,
  ): Promise<
    | { ok: true; setCookies: string[]; principal: Principal; next: string }
    | { ok: false; message: string; setCookies: string[]; detail: string }
  >;
  /** The redirect to Cognito's managed login (with its state cookie); `null` when Cognito is not configured. */
  beginCognitoSignIn(next: string): { location: string; setCookie: string } | null;
  readonly sessions: SessionStore;
  readonly tokens: ApiTokenStore;
  readonly rateLimiter: SignInRateLimiter;
}

/** The cookie source of a request: the `cookies` array and/or the `Cookie` header. */
function cookieSource(request: AuthRequest): readonly string[] {
  const header = headerValue(request.headers, 'cookie');
  return [...(request.cookies ?? []), ...(header ? [header] : [])];
}

/** The Bearer token of a request, or `undefined`; `''` when the header is there but malformed. */
export function bearerToken(headers: Record<string, string | undefined>): string | undefined {
  const value = headerValue(headers, 'authorization');
  if (value === undefined) return undefined;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(value);
  return match?.[1] ?? '';
}

/** Builds the authenticator over explicit dependencies. */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const sessions = new SessionStore(deps.clients);
  const tokens = new ApiTokenStore(deps.clients);
  const rateLimiter = new SignInRateLimiter(deps.clients, deps.rateLimits);
  const secure = deps.secureCookies ?? true;
  const cognito = deps.cognito;
  const verifier = cognito ? (cognito.verifier ?? createCognitoVerifier(cognito)) : undefined;
  const users = deps.users ?? [];

  return {
    sessions,
    tokens,
    rateLimiter,

    async authenticate(request, now) {
      const bearer = bearerToken(request.headers);
      if (bearer !== undefined) {
        if (!bearer) return null;
        if (bearer.startsWith(TOKEN_PREFIX)) {
          const principal = await tokens.verify(bearer, now);
          return principal ? { principal } : null;
        }
        if (!verifier) return null;
        const principal = await verifier.verifyAccessToken(bearer);
        return principal ? { principal } : null;
      }
      const session = await sessions.get(readSessionCookie(cookieSource(request)), now);
      return session ? { principal: session.principal, session } : null;
    },

    async signIn(username, password, clientIp, now) {
      const id = normalizeUsername(username ?? '');
      if (!id || !password) return { ok: false, message: authVi.errors.missingCredentials };
      const decision = await rateLimiter.checkAllowed(id, clientIp, now);
      if (!decision.allowed) return { ok: false, message: decision.message, retryAt: decision.retryAt };
      const user = deps.findUser ? await deps.findUser(id) : findLocalUser(users, id);
      // Verify against a dummy hash for unknown users, so both failures take the same time.
      const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !valid) {
        await rateLimiter.recordFailure(id, clientIp, now);
        return { ok: false, message: authVi.errors.invalidCredentials };
      }
      const principal = principalOfLocalUser(user, 'session');
      const created = await sessions.create(principal, now);
      return { ok: true, setCookie: sessionCookie(created.cookieValue, { secure }), principal, csrfToken: created.csrfToken };
    },

    async signOut(cookies) {
      await sessions.destroy(readSessionCookie(cookies));
      return { setCookie: clearSessionCookie({ secure }) };
    },

    beginCognitoSignIn(next) {
      return cognito ? beginCognitoSignIn(cognito, safeNextPath(next), { secure }) : null;
    },

    async completeCognitoSignIn(input, now) {
      // The state cookie is single-use: cleared whatever the outcome.
      const clearState = clearOauthStateCookie({ secure });
      // `detail` is English and safe to log; `message` is for the user.
      const fail = (message: string, detail: string) => ({ ok: false as const, message, setCookies: [clearState], detail });
      if (!cognito || !verifier) return fail(authVi.errors.signInFailed, 'cognito is not configured');
      const state = readOauthState(input.cookies, input.state);
      if (!state) return fail(authVi.errors.signInFailed, 'state cookie missing or not matching');
      if (!input.code || input.code.length > 2048) return fail(authVi.errors.signInFailed, 'no authorization code');
      let principal: Principal | null;
      try {
        const exchanged = await exchangeCode({
          config: cognito,
          code: input.code,
          codeVerifier: state.codeVerifier,
          ...(cognito.fetch ? { fetch: cognito.fetch } : {}),
        });
        principal = await verifier.verifySignIn(exchanged);
      } catch (error) {
        return fail(authVi.errors.signInFailed, (error as Error).message);
      }
      if (!principal) return fail(authVi.errors.notAuthorised, 'tokens invalid, or the user is in no role group');
      const created = await sessions.create(principal, now);
      return { ok: true, setCookies: [clearState, sessionCookie(created.cookieValue, { secure })], principal, next: safeNextPath(state.next) };
    },
  };
}
