/**
 * Reading and writing the few cookies we set. Parsing is a dozen lines, so
 * no cookie package enters the api bundle: our own cookie values are
 * base64url and never need decoding.
 */

/**
 * The value of cookie `name`, from a `Cookie` header, or from the
 * `cookies` array API Gateway's HTTP API (payload 2.0) passes instead of
 * that header, or from both. The first occurrence wins, as browsers send
 * the most specific path first.
 */
export function readCookie(name: string, source: string | readonly string[] | undefined | null): string | undefined {
  if (!source) return undefined;
  const pieces = typeof source === 'string' ? source.split(';') : source.flatMap((entry) => entry.split(';'));
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    if (piece.slice(0, eq).trim() !== name) continue;
    let value = piece.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value;
  }
  return undefined;
}

/** Options of {@link serializeCookie}. */
export interface CookieOptions {
  /** Lifetime in seconds; 0 deletes the cookie. Omitted: a browser-session cookie. */
  maxAge?: number;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Lax' | 'Strict';
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** A `Set-Cookie` header value. Refuses names and values that would need escaping (ours never do). */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!TOKEN.test(name)) throw new Error(`invalid cookie name ${JSON.stringify(name)}`);
  if (!VALUE.test(value)) throw new Error('invalid cookie value');
  const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`];
  if (options.maxAge !== undefined) {
    parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
    // Max-Age 0 alone is enough for current browsers; Expires in the past covers old ones.
    if (options.maxAge <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.sameSite) parts.push(`SameSite=${options.sameSite}`);
  return parts.join('; ');
}
