/**
 * The one entry point of extraction: bytes in, items out. Pure and offline —
 * nothing here fetches; the caller brings every body.
 *
 * How a collector uses it:
 *
 * ```ts
 * // rss, atom, html: one fetch, one call.
 * const items = await extractItems({ source, body, url, contentType, now });
 *
 * // auto: fetch the page, find its feed, fetch that, then extract.
 * const feedUrl = discoverFeedUrlFromBody(page.body, page.url, page.contentType, source.encoding);
 * const feed = feedUrl === page.url ? page : await fetchBody(feedUrl); // the page may itself be a feed
 * const items = await extractAuto(page, feed, source, now);
 * ```
 *
 * Every failure is an {@link ExtractError} with a code and a one-line
 * message; a failure yields no items at all, never part of a list.
 */
import type { Source } from '../config/schema';
import { decodeBody } from './decode';
import { discoverFeedUrl } from './discover';
import { readFeed } from './feed';
import { looksLikeFeed } from './feed-repair';
import { extractHtmlItems } from './html';
import { ExtractError, type ExtractedItem, type ExtractInput, type FetchedBody } from './types';

export { ExtractError } from './types';
export type { ExtractedItem, ExtractInput, FetchedBody } from './types';

/** A body with no bytes, or only whitespace, is a failed fetch, not an empty list. */
function assertNotEmpty(body: Uint8Array, what: string): void {
  if (body.byteLength === 0) throw new ExtractError(`the ${what} body is empty (0 bytes)`, 'empty');
}

function assertHasText(text: string, what: string): void {
  if (text.trim() === '') throw new ExtractError(`the ${what} body holds only whitespace`, 'empty');
}

/**
 * Extracts the items of one fetched body, in page order.
 *
 * - `rss` / `atom`: the body is a feed (RSS 0.9x/2.0, RSS 1.0 or Atom — the
 *   format is detected, so a mislabelled source still works).
 * - `html`: the body is a list page read with `source.html` selectors.
 * - `auto`: not possible in one step, because the feed lives at another URL;
 *   use {@link discoverFeedUrlFromBody} and {@link extractAuto}.
 *
 * `source.encoding` overrides the body's declared charset.
 * @throws ExtractError `empty`, `truncated`, `wrong-kind`, `unreadable`,
 *   `selector-no-match`, or `no-feed-link` for an `auto` source.
 */
export async function extractItems(input: ExtractInput): Promise<ExtractedItem[]> {
  const { source, body, url, contentType, now } = input;
  switch (source.kind) {
    case 'rss':
    case 'atom':
      assertNotEmpty(body, 'feed');
      return readFeed(body, url, contentType, source.encoding, now);
    case 'html': {
      assertNotEmpty(body, 'page');
      if (!source.html) throw new ExtractError(`source "${source.id}" is kind html but has no selectors`, 'unreadable');
      const { text } = decodeBody(body, contentType, source.encoding);
      assertHasText(text, 'page');
      return extractHtmlItems(text, url, source.html, now);
    }
    case 'auto':
      throw new ExtractError(
        `source "${source.id}" is kind auto: its feed must be discovered and fetched first ` +
          '(discoverFeedUrlFromBody, then extractAuto)',
        'no-feed-link',
      );
  }
}

/**
 * The URL of the feed an `auto` source's page advertises
 * (`<link rel="alternate" type="application/rss+xml|atom+xml">`), resolved
 * against the page. When the body is itself a feed, that is `url` itself.
 * @param encoding the source's `encoding` override, if any.
 * @throws ExtractError `empty`, or `no-feed-link` when the page names no feed.
 */
export function discoverFeedUrlFromBody(
  body: Uint8Array,
  url: string,
  contentType?: string | null,
  encoding?: string | null,
): string {
  assertNotEmpty(body, 'page');
  const { text } = decodeBody(body, contentType, encoding);
  assertHasText(text, 'page');
  return looksLikeFeed(text) ? url : discoverFeedUrl(text, url);
}

/**
 * Extracts an `auto` source: `page` is the body of `source.url`; `feed` is
 * the body fetched from the URL {@link discoverFeedUrlFromBody} gave (its
 * own `url` is the base for the items' links), or null when it was not
 * fetched. A page that is itself a feed is read directly and `feed` is not
 * needed. `source.encoding` applies to the page only; the feed is decoded by
 * its own declarations.
 * @throws ExtractError `no-feed-link` when the page names no feed or the feed
 *   was not supplied; otherwise as {@link extractItems} for a feed.
 */
export async function extractAuto(
  page: FetchedBody,
  feed: FetchedBody | null,
  source: Source,
  now: Date,
): Promise<ExtractedItem[]> {
  assertNotEmpty(page.body, 'page');
  const { text } = decodeBody(page.body, page.contentType, source.encoding);
  assertHasText(text, 'page');
  if (looksLikeFeed(text)) return readFeed(page.body, page.url, page.contentType, source.encoding, now);
  const feedUrl = discoverFeedUrl(text, page.url);
  if (!feed) {
    throw new ExtractError(`the page links its feed at ${feedUrl}, but the feed body was not supplied`, 'no-feed-link');
  }
  assertNotEmpty(feed.body, 'feed');
  return readFeed(feed.body, feed.url, feed.contentType, null, now);
}
