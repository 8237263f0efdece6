/**
 * Cognito in AWS: Bearer access tokens from integrations, and the browser
 * flow through Cognito's managed login:
 *
 *   /auth/signin → (302) https://<domain>/oauth2/authorize?…&state&code_challenge
 *   → the user signs in at Cognito → (302) /auth/callback?code&state
 *   → POST https://<domain>/oauth2/token (code + PKCE verifier)
 *   → verify the tokens → a server-side session like a local sign-in's.
 *
 * Tokens are verified with aws-jwt-verify (no dependencies, ~100 kB): the
 * signature against the pool's JWKS, issuer, expiry, `token_use` and the
 * app client id. Roles come from `cognito:groups`: a group per role
 * (`editor-newspaper`, …, `admin`) and, for an agency user, one more group
 * `agency:<agencyId>` — Cognito group names allow letters, marks, symbols,
 * numbers and punctuation (`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`, ≤ 128), so the
 * colon is fine.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { JwksCache } from 'aws-jwt-verify/jwk';
import * as z from 'zod';
import { readCookie, serializeCookie } from './cookies';
import { ROLES, makePrincipal, type Principal, type Role } from './roles';
import { AUTH_PATHS } from './strings';

/** What the api function needs to know about the user pool (from the stack's outputs / environment). */
export const cognitoConfigSchema = z
  .object({
    userPoolId: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/, 'expected a user pool id like ap-southeast-1_AbC123'),
    clientId: z.string().min(1),
    /** Only for a confidential app client; the managed-login flow works without one thanks to PKCE. */
    clientSecret: z.string().min(1).optional(),
    /** The sign-in domain's origin, e.g. `https://cchc-binhdinh.auth.ap-southeast-1.amazoncognito.com`. */
    domainUrl: z.string().url(),
    /** Our `/auth/callback` URL, exactly as registered on the app client. */
    redirectUri: z.string().url(),
    scopes: z.array(z.string().min(1)).default(['openid', 'profile']),
  })
  .strict();

/** A validated Cognito configuration. */
export type CognitoConfig = z.input<typeof cognitoConfigSchema>;

/** The prefix of the group that binds a user to an agency. */
export const AGENCY_GROUP_PREFIX = 'agency:';

// When a user is in several role groups the most trusted wins, as with
// Cognito's own group precedence; the groups are the admin's to keep tidy.
const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'home-affairs', 'editor-newspaper', 'editor-tv', 'agency'];

/**
 * The principal verified Cognito claims describe, or `null` when the user
 * is in no role group, or is an agency user without exactly one
 * `agency:<id>` group. Only call this with claims aws-jwt-verify accepted.
 */
export function principalFromCognitoClaims(
  claims: Record<string, unknown>,
  options: { via: Principal['via']; name?: string } = { via: 'token' },
): Principal | null {
  const rawGroups = claims['cognito:groups'];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
  const role = ROLE_PRECEDENCE.find((r) => groups.includes(r));
  if (!role || !(ROLES as readonly string[]).includes(role)) return null;
  let agencyId: string | null = null;
  if (role === 'agency') {
    const agencies = groups.filter((g) => g.startsWith(AGENCY_GROUP_PREFIX)).map((g) => g.slice(AGENCY_GROUP_PREFIX.length));
    // Two agency groups would make "own agency" ambiguous; refuse instead of picking one.
    if (agencies.length !== 1) return null;
    agencyId = agencies[0]!;
  }
  // Access tokens carry `username`, ID tokens `cognito:username`.
  const userId = [claims.username, claims['cognito:username'], claims.sub].find((v): v is string => typeof v === 'string' && v.length > 0);
  if (!userId) return null;
  const name = options.name ?? (typeof claims.name === 'string' && claims.name ? claims.name : userId);
  return makePrincipal({ userId, name, role, agencyId, via: options.via });
}

/** Verifies Cognito tokens of one pool and app client. */
export interface CognitoTokenVerifier {
  /** A Bearer access token → principal (`via: 'token'`), or `null` when invalid in any way. */
  verifyAccessToken(token: string): Promise<Principal | null>;
  /**
   * The tokens from a code exchange → principal (`via: 'session'`). The
   * role comes from the access token; the display name from the ID token
   * when it verifies (access tokens carry no `name`).
   */
  verifySignIn(tokens: { accessToken: string; idToken?: string }): Promise<Principal | null>;
}

/**
 * Builds the verifier. `jwksCache` is for tests (a cache whose fetcher
 * serves a local JWKS); in AWS the default one downloads the pool's JWKS
 * once per Lambda instance.
 */
export function createCognitoVerifier(config: CognitoConfig, options: { jwksCache?: JwksCache } = {}): CognitoTokenVerifier {
  const extra = options.jwksCache ? { jwksCache: options.jwksCache } : undefined;
  const access = CognitoJwtVerifier.create({ userPoolId: config.userPoolId, tokenUse: 'access', clientId: config.clientId }, extra);
  const id = CognitoJwtVerifier.create({ userPoolId: config.userPoolId, tokenUse: 'id', clientId: config.clientId }, extra);
  const verifyAccess = async (token: string, via: Principal['via'], name?: string) => {
    try {
      const claims = (await access.verify(token)) as unknown as Record<string, unknown>;
      return principalFromCognitoClaims(claims, name === undefined ? { via } : { via, name });
    } catch {
      // Expired, forged, another pool's or client's: all the same to the caller.
      return null;
    }
  };
  return {
    verifyAccessToken: (token) => verifyAccess(token, 'token'),
    async verifySignIn({ accessToken, idToken }) {
      let name: string | undefined;
      if (idToken) {
        try {
          const claims = (await id.verify(idToken)) as unknown as Record<string, unknown>;
          if (typeof claims.name === 'string' && claims.name) name = claims.name;
        } catch {
          // The access token alone decides; the name falls back to the username.
        }
      }
      return verifyAccess(accessToken, 'session', name);
    },
  };
}

/** A failed code exchange; the message is safe to log (no code, no secret). */
export class CognitoExchangeError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CognitoExchangeError';
  }
}

/** The tokens the token endpoint returned. */
export interface CognitoTokens {
  accessToken: string;
  idToken?: string;
  expiresIn: number;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  id_token: z.string().min(1).optional(),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});

/**
 * Exchanges an authorization code at `<domainUrl>/oauth2/token`. `fetch`
 * is injectable for tests; the request is aborted after `timeoutMs` so a
 * slow identity provider cannot hold a Lambda until its own timeout.
 */
export async function exchangeCode(input: {
  config: CognitoConfig;
  code: string;
  /** The PKCE verifier from {@link beginCognitoSignIn}'s state cookie. */
  codeVerifier?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}): Promise<CognitoTokens> {
  const { config } = input;
  const doFetch = input.fetch ?? globalThis.fetch;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.clientId,
    code: input.code,
    redirect_uri: config.redirectUri,
  });
  if (input.codeVerifier) body.set('code_verifier', input.codeVerifier);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (config.clientSecret) {
    // RFC 6749 §2.3.1: form-urlencode id and secret before Basic-encoding them.
    const pair = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  let response: Response;
  try {
    response = await doFetch(new URL('/oauth2/token', config.domainUrl), {
      method: 'POST',
      headers,
      body: body.toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(input.timeoutMs ?? 5000),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    throw new CognitoExchangeError(timedOut ? 'token endpoint timed out' : `token endpoint unreachable: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    // Cognito answers {"error":"invalid_grant"} for a used or expired code; keep only that word.
    let code = '';
    try {
      const parsed = JSON.parse(text) as { error?: unknown };
      if (typeof parsed.error === 'string') code = `: ${parsed.error.slice(0, 64)}`;
    } catch {
      // not JSON; the status says enough
    }
    throw new CognitoExchangeError(`token endpoint answered ${response.status}${code}`, response.status);
  }
  let parsed: z.infer<typeof tokenResponseSchema>;
  try {
    parsed = tokenResponseSchema.parse(JSON.parse(text));
  } catch {
    throw new CognitoExchangeError('token endpoint answered without tokens', response.status);
  }
  return { accessToken: parsed.access_token, ...(parsed.id_token ? { idToken: parsed.id_token } : {}), expiresIn: parsed.expires_in ?? 3600 };
}

/** The short-lived cookie that carries the OAuth state, the PKCE verifier and where to go afterwards. */
export const OAUTH_STATE_COOKIE = 'cchc_oauth';
const OAUTH_STATE_SECONDS = 10 * 60;
const b64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Starts the managed-login flow: the URL to redirect to and the state
 * cookie to set with it. `state` ties the callback to this browser (login
 * CSRF); PKCE ties the code to this server's request, so an intercepted
 * code is useless. SameSite=Lax, because the callback is a cross-site
 * top-level redirect from Cognito and must still see the cookie.
 */
export function beginCognitoSignIn(config: CognitoConfig, next: string, options: { secure?: boolean } = {}): { location: string; setCookie: string } {
  const state = b64url(randomBytes(24));
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const url = new URL('/oauth2/authorize', config.domainUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: (config.scopes ?? ['openid', 'profile']).join(' '),
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  const value = `${state}.${verifier}.${b64url(Buffer.from(next, 'utf8'))}`;
  const setCookie = serializeCookie(OAUTH_STATE_COOKIE, value, {
    httpOnly: true,
    secure: options.secure ?? true,
    sameSite: 'Lax',
    path: '/auth',
    maxAge: OAUTH_STATE_SECONDS,
  });
  return { location: url.toString(), setCookie };
}

/** The `Set-Cookie` value that removes the state cookie once the callback used it. */
export function clearOauthStateCookie(options: { secure?: boolean } = {}): string {
  return serializeCookie(OAUTH_STATE_COOKIE, '', { httpOnly: true, secure: options.secure ?? true, sameSite: 'Lax', path: '/auth', maxAge: 0 });
}

/**
 * Checks the callback's `state` against the cookie (constant time) and
 * returns the PKCE verifier and the `next` path stored with it; `null` when
 * they do not match or the cookie is missing (expired, another browser).
 * The `next` path is returned as stored: validate it again before redirecting.
 */
export function readOauthState(
  cookies: string | readonly string[] | undefined | null,
  stateParam: string | undefined | null,
): { codeVerifier: string; next: string } | null {
  const value = readCookie(OAUTH_STATE_COOKIE, cookies);
  if (!value || !stateParam) return null;
  const [state, codeVerifier, nextB64, extra] = value.split('.');
  if (!state || !codeVerifier || nextB64 === undefined || extra !== undefined) return null;
  const a = createHash('sha256').update(state).digest();
  const b = createHash('sha256').update(stateParam).digest();
  if (!timingSafeEqual(a, b)) return null;
  return { codeVerifier, next: Buffer.from(nextB64, 'base64url').toString('utf8') };
}

/** Cognito's logout endpoint, which ends the Cognito session too and returns to `logoutUri` (registered on the app client). */
export function cognitoSignOutUrl(config: CognitoConfig, logoutUri: string): string {
  const url = new URL('/logout', config.domainUrl);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: logoutUri }).toString();
  return url.toString();
}

/**
 * The user pool as the stack passes it to a function (environment), or
 * undefined locally. The callback is this API's own `/auth/callback` on the
 * domain the request came to, as registered on the app client
 * (infra/constructs/auth.ts).
 */
export function cognitoConfigFromEnvironment(
  env: { CCHC_COGNITO_USER_POOL_ID?: string | undefined; CCHC_COGNITO_CLIENT_ID?: string | undefined; CCHC_COGNITO_DOMAIN?: string | undefined },
  requestDomain: string,
): CognitoConfig | undefined {
  if (!env.CCHC_COGNITO_USER_POOL_ID || !env.CCHC_COGNITO_CLIENT_ID || !env.CCHC_COGNITO_DOMAIN) return undefined;
  return {
    userPoolId: env.CCHC_COGNITO_USER_POOL_ID,
    clientId: env.CCHC_COGNITO_CLIENT_ID,
    domainUrl: env.CCHC_COGNITO_DOMAIN,
    redirectUri: `https://${requestDomain}${AUTH_PATHS.callback}`,
  };
}
