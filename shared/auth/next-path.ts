/**
 * The open-redirect guard for `next` (where to go after sign-in): only a
 * path on this site. Browsers read `//evil.example` and `/\evil.example`
 * as another host, and silently drop tabs and newlines from URLs (so
 * `/\t/evil.example` becomes `//evil.example`); all of those are refused.
 */

/** The page to land on when `next` is missing or refused. */
export const DEFAULT_NEXT_PATH = '/';

/** True when `value` is a local path that is safe to redirect to. */
export function isSafeNextPath(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return false;
  if (!value.startsWith('/')) return false;
  // Second character `/` or `\`: protocol-relative, i.e. another host.
  if (value[1] === '/' || value[1] === '\\') return false;
  // No backslashes, whitespace or control characters anywhere: browsers
  // rewrite or strip them before resolving, which can turn a path into a host.
  if (/[\\\s\u0000-\u001f\u007f]/.test(value)) return false;
  return true;
}

/** `value` when {@link isSafeNextPath}, else the home page. */
export function safeNextPath(value: unknown): string {
  return isSafeNextPath(value) ? value : DEFAULT_NEXT_PATH;
}
