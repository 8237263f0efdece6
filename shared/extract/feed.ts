/**
 * RSS 2.0, RSS 1.0 and Atom feeds to items. rss-parser (`parseString` only:
 * this code never fetches) finds the items; the fields are then read from
 * the raw XML values it keeps, because its own mapping loses what matters
 * here: Atom `type="html"`, `rel="alternate"` among several links, zone-less
 * and day-first dates.
 */
import type { Cheerio } from 'cheerio';
import { load } from '../text/cheerio';
import type { Element } from 'domhandler';
import Parser from 'rss-parser';
import { decodeBody } from './decode';
import { repairFeed, type FeedFormat } from './feed-repair';
import { resolveHttpUrl } from './html';
import { ExtractError, type ExtractedItem } from './types';
import { parseVietnameseDate } from '../text/dates';
import { htmlToText, nodesToText } from '../text/html-to-text';
import { normalizeText } from '../text/normalize';
import { toVietnamIso } from '../time/vietnam';

/** An XML value as xml2js gives it: text, or an object with `_` text, `$` attributes and children. */
type XmlValue = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };

/** The raw per-item fields asked of rss-parser (arrays, as xml2js keeps repeated elements). */
interface RawItem {
  rawTitle?: XmlValue[];
  rawLink?: XmlValue[];
  rawDescription?: XmlValue[];
  rawSummary?: XmlValue[];
  rawGuid?: XmlValue[];
  rawPubDate?: XmlValue[];
  rawDcDate?: XmlValue[];
  rawPublished?: XmlValue[];
  rawUpdated?: XmlValue[];
}

const raw = (element: string, key: keyof RawItem) => [element, key, { keepArray: true }];

const PARSER_OPTIONS = {
  // An `<rss>` without a version attribute is read as RSS 2.0 rather than refused.
  defaultRSS: 2,
  customFields: {
    item: [
      raw('title', 'rawTitle'),
      raw('link', 'rawLink'),
      raw('description', 'rawDescription'),
      raw('summary', 'rawSummary'),
      raw('guid', 'rawGuid'),
      raw('pubDate', 'rawPubDate'),
      raw('dc:date', 'rawDcDate'),
      raw('published', 'rawPublished'),
      raw('updated', 'rawUpdated'),
    ],
  },
};

// A parser per feed: xml2js keeps parse state and listeners on the instance,
// and a failed parse must not leave anything behind for the next feed.
const newParser = (): Parser<Record<string, never>, RawItem> => new Parser(PARSER_OPTIONS);

function textOf(value: XmlValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : (value._ ?? '');
}

function attributesOf(value: XmlValue | undefined): Record<string, string> {
  return value !== undefined && typeof value !== 'string' ? (value.$ ?? {}) : {};
}

function dateOf(values: (XmlValue[] | undefined)[], now: Date): string | null {
  for (const value of values) {
    const text = textOf(value?.[0]).trim();
    if (!text) continue;
    const instant = parseVietnameseDate(text, now);
    if (instant) return toVietnamIso(instant);
  }
  return null;
}

const orNull = (text: string) => (text === '' ? null : text);

function rssItem(item: RawItem, feedUrl: string, now: Date): ExtractedItem | null {
  // RSS titles are text: xml2js has decoded the entities once, and that is all.
  const title = normalizeText(textOf(item.rawTitle?.[0]));
  const linkValue = item.rawLink?.[0];
  // Some feeds write an Atom-style <link href="…"/> inside RSS items.
  let url = resolveHttpUrl(attributesOf(linkValue).href ?? textOf(linkValue), feedUrl);
  const guid = item.rawGuid?.[0];
  if (!url && guid !== undefined && attributesOf(guid).isPermaLink !== 'false') {
    url = resolveHttpUrl(textOf(guid), feedUrl);
  }
  if (!title || !url) return null;
  return {
    title,
    url,
    publishedAt: dateOf([item.rawPubDate, item.rawDcDate, item.rawPublished, item.rawUpdated], now),
    // Descriptions are HTML (often in CDATA): their plain text is the summary.
    summary: orNull(htmlToText(textOf(item.rawDescription?.[0]))),
  };
}

/**
 * The `xhtml` parts of an Atom feed. xml2js drops the order of mixed text
 * and elements, so those rare fields are read from a cheerio XML parse, made
 * once per feed and only when an entry needs it.
 */
class XhtmlReader {
  private entries: Cheerio<Element> | null = null;
  constructor(private readonly xml: string) {}

  text(entryIndex: number, field: 'title' | 'summary'): string {
    this.entries ??= load(this.xml, { xml: true })('entry');
    return nodesToText(this.entries.eq(entryIndex).children(field).toArray());
  }
}

/** Atom text constructs: `type="text"` (default), `"html"` (escaped HTML) or `"xhtml"` (inline XHTML). */
function atomText(value: XmlValue | undefined, field: 'title' | 'summary', index: number, xhtml: XhtmlReader): string {
  if (value === undefined) return '';
  const attributes = attributesOf(value);
  const type = (attributes.type ?? 'text').toLowerCase();
  if (type === 'xhtml' || type.includes('xhtml+xml')) return xhtml.text(index, field);
  // Atom 0.3 said type="text/html" mode="escaped" for the same thing.
  if (type === 'html' || type === 'text/html' || attributes.mode === 'escaped') return htmlToText(textOf(value));
  return normalizeText(textOf(value));
}

/** The entry's `rel="alternate"` link, or a link without `rel` (which means alternate). */
function atomLink(links: XmlValue[] | undefined, feedUrl: string): string | null {
  for (const link of links ?? []) {
    const { rel, href } = attributesOf(link);
    if ((rel === undefined || rel.trim().toLowerCase() === 'alternate') && href) {
      const url = resolveHttpUrl(href, feedUrl);
      if (url) return url;
    }
  }
  return null;
}

function atomItem(item: RawItem, index: number, feedUrl: string, now: Date, xhtml: XhtmlReader): ExtractedItem | null {
  const title = atomText(item.rawTitle?.[0], 'title', index, xhtml);
  const url = atomLink(item.rawLink, feedUrl);
  if (!title || !url) return null;
  return {
    title,
    url,
    // <published> is when the story appeared; <updated> changes with every edit.
    publishedAt: dateOf([item.rawPublished, item.rawUpdated], now),
    summary: orNull(atomText(item.rawSummary?.[0], 'summary', index, xhtml)),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/**
 * Items of a feed already repaired by {@link repairFeed}, in feed order.
 * Entries without a title or a usable link are skipped.
 * @throws ExtractError `unreadable` when the XML still does not parse.
 */
export async function parseFeedXml(
  xml: string,
  format: FeedFormat,
  feedUrl: string,
  now: Date,
): Promise<ExtractedItem[]> {
  let items: RawItem[];
  try {
    items = (await newParser().parseString(xml)).items;
  } catch (error) {
    throw new ExtractError(`the feed is not well-formed XML: ${firstLine((error as Error).message)}`, 'unreadable', {
      cause: error,
    });
  }
  const xhtml = new XhtmlReader(xml);
  const extracted: ExtractedItem[] = [];
  items.forEach((item, index) => {
    const result = format === 'atom' ? atomItem(item, index, feedUrl, now, xhtml) : rssItem(item, feedUrl, now);
    if (result) extracted.push(result);
  });
  return extracted;
}

/**
 * Reads a feed body as fetched: decodes it, rejects a truncated body or an
 * HTML page, repairs what is merely not well-formed, and returns its items.
 * RSS and Atom are told apart by the root element, whatever the source's
 * declared kind says.
 * @throws ExtractError `empty`, `truncated`, `wrong-kind`, `unreadable`.
 */
export async function readFeed(
  body: Uint8Array,
  feedUrl: string,
  contentType: string | null | undefined,
  encoding: string | null | undefined,
  now: Date,
): Promise<ExtractedItem[]> {
  const decoded = decodeBody(body, contentType, encoding);
  if (decoded.text.trim() === '') throw new ExtractError('the feed body holds only whitespace', 'empty');
  const { xml, format } = repairFeed(decoded.text, { body, charset: decoded.charset });
  return parseFeedXml(xml, format, feedUrl, now);
}
