/**
 * CSRF protection for browser sessions, in two layers:
 *
 * 1. the synchronizer token: each session holds a random `csrfToken`; every
 *    state-changing form carries it in a hidden field (`_csrf`) and the
 *    server compares in constant time;
 * 2. defence in depth: a state-changing request whose `Sec-Fetch-Site` or
 *    `Origin` says it came from another site is refused before the token
 *    is even looked at.
 *
 * Requests authenticated by `Authorization: Bearer` need neither: a browser
 * never attaches that header on its own, so another site cannot forge it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The form field (and `x-csrf-token` header for scripts) that carries the token. */
export const CSRF_FIELD = '_csrf';
/** The header alternative to {@link CSRF_FIELD} for progressive JavaScript. */
export const CSRF_HEADER = 'x-csrf-token';

/** Vietnamese message for a refused form (an expired page, usually). */
export const CSRF_MESSAGE_VI = 'Phiên làm việc đã thay đổi hoặc biểu mẫu đã hết hạn. Vui lòng tải lại trang và thử lại.';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Does the submitted token match the session's? Constant time: both sides
 * are hashed first so even their lengths do not leak through timing.
 */
export function checkCsrf(session: { csrfToken: string } | null | undefined, submittedToken: unknown): boolean {
  if (!session || typeof session.csrfToken !== 'string' || session.csrfToken.length === 0) return false;
  if (typeof submittedToken !== 'string' || submittedToken.length === 0) return false;
  return timingSafeEqual(digest(session.csrfToken), digest(submittedToken));
}

/** Methods that never change state (and so need no CSRF check). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Case-insensitive header lookup (API Gateway lowercases names; a local server may not). */
export function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * Is this state-changing request same-origin, as far as the browser says?
 *
 * * `Sec-Fetch-Site` (sent by every current browser) must be `same-origin`
 *   (or `none`: typed by the user, which no other site can trigger);
 *   `same-site` is refused too, as a sibling subdomain is another party.
 * * else `Origin`, when present, must name the request's own host (or one of
 *   `allowedOrigins`); `Origin: null` (sandboxed frames, some redirects) is refused.
 * * a request with neither (curl, very old browsers) passes this check; the
 *   synchronizer token still applies to it.
 */
export function isSameOriginRequest(
  headers: Record<string, string | undefined>,
  options: { allowedOrigins?: readonly string[] } = {},
): boolean {
  const fetchSite = headerValue(headers, 'sec-fetch-site')?.trim().toLowerCase();
  if (fetchSite) return fetchSite === 'same-origin' || fetchSite === 'none';
  const origin = headerValue(headers, 'origin')?.trim();
  if (!origin) return true;
  if (origin === 'null') return false;
  if (options.allowedOrigins?.includes(origin)) return true;
  const host = headerValue(headers, 'host')?.trim().toLowerCase();
  try {
    return host !== undefined && new URL(origin).host.toLowerCase() === host;
  } catch {
    return false;
  }
}

/** The outcome of {@link checkStateChange}. */
export type StateChangeCheck = { ok: true } | { ok: false; reason: 'cross-site' | 'csrf-token' };

/**
 * The whole CSRF decision for one request, for the api function to call
 * after authentication: safe methods and Bearer requests pass; a session's
 * POST/PUT/DELETE must be same-origin and carry the session's token.
 */
export function checkStateChange(input: {
  method: string;
  headers: Record<string, string | undefined>;
  /** How the request authenticated; `token` is Bearer. */
  via: 'session' | 'token' | null;
  session?: { csrfToken: string } | null;
  /** The `_csrf` form field or the `x-csrf-token` header. */
  submittedToken?: unknown;
  allowedOrigins?: readonly string[];
}): StateChangeCheck {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  if (input.via === 'token') return { ok: true };
  if (!isSameOriginRequest(input.headers, { allowedOrigins: input.allowedOrigins ?? [] })) return { ok: false, reason: 'cross-site' };
  const submitted = input.submittedToken ?? headerValue(input.headers, CSRF_HEADER);
  return checkCsrf(input.session, submitted) ? { ok: true } : { ok: false, reason: 'csrf-token' };
}
