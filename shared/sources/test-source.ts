/**
 * "Thử nguồn này" with the network: the page fetched now through the
 * collector's own fetcher (shared/collect/fetch: robots.txt, User-Agent,
 * timeout, size cap, redirect limit, per-host pacing), then
 * {@link previewSource}. For `auto` the feed the page names is fetched too.
 */
import type { Source } from '../config/schema';
import type { Fetcher, FetchResult } from '../collect/fetch/fetcher';
import { SourceFetchError } from '../collect/fetch/fetcher';
import { discoverFeedUrlFromBody, ExtractError, type FetchedBody } from '../extract/extract';
import { previewSource, type SourcePreview } from './preview';

/** The same Accept headers as collection (shared/collect/collect-source.ts). */
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** The outcome of a test: what was fetched and the preview, or why nothing could be fetched. */
export type SourceTestResult =
  | { ok: true; fetched: { url: string; status: number; bytes: number; ms: number }; feedUrl: string | null; preview: SourcePreview }
  | { ok: false; error: string };

async function fetchBody(fetcher: Pick<Fetcher, 'fetch'>, url: string, accept: string): Promise<FetchResult & { kind: 'ok' }> {
  // No validators are sent: a test must see the page as it is now, never a 304.
  const result = await fetcher.fetch({ url, accept });
  if (result.kind !== 'ok') throw new SourceFetchError('http-status', `${url} answered 304 without validators`, { url });
  return result;
}

const asBody = (result: FetchResult & { kind: 'ok' }): FetchedBody => ({ body: result.body, url: result.url, contentType: result.contentType });

/** Fetches the source's page (and for `auto` its feed) now and previews it. Never throws for a bad site. */
export async function testSource(deps: { fetcher: Pick<Fetcher, 'fetch'>; now: () => Date }, source: Source): Promise<SourceTestResult> {
  const started = Date.now();
  try {
    const page = await fetchBody(deps.fetcher, source.url, source.kind === 'html' || source.kind === 'auto' ? PAGE_ACCEPT : FEED_ACCEPT);
    let feed: FetchedBody | null = null;
    let feedUrl: string | null = null;
    if (source.kind === 'auto') {
      try {
        const discovered = discoverFeedUrlFromBody(page.body, page.url, page.contentType, source.encoding ?? null);
        if (discovered !== page.url) {
          feedUrl = discovered;
          feed = asBody(await fetchBody(deps.fetcher, discovered, FEED_ACCEPT));
        }
      } catch (error) {
        // No feed link: the preview says so through the extractor's own message.
        if (!(error instanceof ExtractError)) throw error;
      }
    }
    const preview = await previewSource({ source, page: asBody(page), feed, now: deps.now() });
    return { ok: true, fetched: { url: page.url, status: page.status, bytes: page.body.byteLength, ms: Date.now() - started }, feedUrl, preview };
  } catch (error) {
    if (error instanceof SourceFetchError) return { ok: false, error: error.message };
    throw error;
  }
}
