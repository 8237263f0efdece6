/**
 * Feed auto-discovery for `auto` sources: the page names its feed in
 * `<link rel="alternate" type="application/rss+xml" href="…">` (or
 * `application/atom+xml`), usually in `<head>`.
 */
import { load } from '../text/cheerio';
import { documentBase, resolveHttpUrl } from './html';
import { ExtractError } from './types';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml']);

/**
 * The absolute URL of the first feed a page advertises, in document order.
 * `rel` may hold several tokens ("alternate feed"); `type` may carry
 * parameters; alternates that are not feeds (another language, a print
 * version) are passed over. The href is resolved against the page's base.
 * @throws ExtractError `no-feed-link` when the page advertises no feed.
 */
export function discoverFeedUrl(pageText: string, pageUrl: string): string {
  const $ = load(pageText);
  const base = documentBase($, pageUrl);
  for (const link of $('link[rel][href]').toArray()) {
    const rel = (link.attribs.rel ?? '').toLowerCase().split(/\s+/);
    const type = (link.attribs.type ?? '').split(';')[0]!.trim().toLowerCase();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = resolveHttpUrl(link.attribs.href, base);
    if (url) return url;
  }
  throw new ExtractError(
    'the page has no <link rel="alternate" type="application/rss+xml|application/atom+xml"> feed link; ' +
      'use kind "html" with selectors instead',
    'no-feed-link',
  );
}
