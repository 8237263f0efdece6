/**
 * Helpers for the demo-site tests: decoding bodies the way a careful client
 * would, and listing a list page's or feed's article links without the
 * product's extractor (so these tests stand on their own).
 */
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import type { Source } from '../../shared/config/schema';

/** A fetched body with what a decoder needs. */
export interface Fetched {
  status: number;
  url: string;
  contentType: string | null;
  bytes: Buffer;
  headers: Headers;
}

export async function get(url: string, init?: RequestInit): Promise<Fetched> {
  const response = await fetch(url, init);
  return {
    status: response.status,
    url,
    contentType: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  };
}

/**
 * Text of a body: the source's encoding override, a BOM, the header
 * charset, then `<meta>`/`<?xml encoding>`; NFC.
 */
export function decode(bytes: Buffer, contentType: string | null, override?: string | null): string {
  let charset = override ?? null;
  if (!charset && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) charset = 'utf-8';
  charset ??= /charset=([\w-]+)/i.exec(contentType ?? '')?.[1] ?? null;
  const head = bytes.subarray(0, 2048).toString('latin1');
  charset ??= /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding=["']([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
  return iconv.decode(bytes, charset).replace(/^\uFEFF/, '').normalize('NFC');
}

/** Absolute article URLs of a feed (RSS `<link>`, Atom alternate or rel-less links). */
export function feedLinks(text: string, feedUrl: string): string[] {
  const $ = cheerio.load(text, { xml: true });
  const rss = $('item > link')
    .map((_, el) => $(el).text().trim())
    .get();
  const atom = $('entry')
    .map((_, entry) => {
      const links = $(entry).children('link');
      const alternate = links.filter((_, link) => ($(link).attr('rel') ?? 'alternate') === 'alternate').first();
      return alternate.attr('href') ?? '';
    })
    .get();
  return [...rss, ...atom].filter(Boolean).map((href) => new URL(href, feedUrl).href);
}

/** Absolute article URLs of an HTML list page read with the source's selectors. */
export function htmlLinks(text: string, pageUrl: string, selectors: NonNullable<Source['html']>): string[] {
  const $ = cheerio.load(text);
  return $(selectors.item)
    .map((_, item) => $(item).find(selectors.link).first().attr('href') ?? '')
    .get()
    .filter(Boolean)
    .map((href) => new URL(href.trim(), pageUrl).href);
}

/** The feed URL an HTML page advertises with `<link rel="alternate">`. */
export function discoveredFeed(text: string, pageUrl: string): string | null {
  const $ = cheerio.load(text);
  const href = $('link[rel="alternate"][type="application/rss+xml"], link[rel="alternate"][type="application/atom+xml"]').first().attr('href');
  return href ? new URL(href, pageUrl).href : null;
}
