/**
 * One story per canonical URL: the same page reached with tracking
 * parameters, a fragment, a default port or a trailing slash is one page.
 */

/** Query parameters that identify a campaign or a click, never a page. */
const TRACKING_PARAMETERS = [
  /^utm_/i,
  /^(fbclid|gclid|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|zarsrc|_ga|_gl|_hsenc|_hsmi|ref_src|spm)$/i,
];

const isTracking = (name: string) => TRACKING_PARAMETERS.some((pattern) => pattern.test(name));

/**
 * The canonical form of an absolute http(s) URL: lower-case host, no default
 * port, no fragment, no tracking parameters, remaining parameters sorted,
 * no trailing slash (except the root) and no empty query.
 * @example canonicalUrl('https://Example.gov.vn/tin/a/?utm_source=x&id=2#top') // 'https://example.gov.vn/tin/a?id=2'
 */
export function canonicalUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  const kept = [...parsed.searchParams].filter(([name]) => !isTracking(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  if (parsed.pathname.length > 1) parsed.pathname = parsed.pathname.replace(/\/+$/, '');
  return parsed.toString().replace(/\?$/, '');
}

/**
 * The dedupe identity of a URL: its canonical form without the scheme, so
 * the http and https copies of a page are one story.
 */
export function urlIdentity(url: string): string {
  return canonicalUrl(url).replace(/^https?:\/\//i, '');
}
