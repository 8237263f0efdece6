/**
 * News-list pages to items, with the source's CSS selectors. The page is
 * parsed once by cheerio's default `load` (parse5, the HTML5 algorithm):
 * old CMS markup with unclosed `<li>`/`<p>` and mis-nested tags must nest the
 * way a browser shows it, which htmlparser2 does not do.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import { load } from '../text/cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { HtmlSelectors } from '../config/schema';
import { parseVietnameseDate } from '../text/dates';
import { nodesToText } from '../text/html-to-text';
import { toVietnamIso } from '../time/vietnam';
import { ExtractError, type ExtractedItem } from './types';

/**
 * The base for relative links: the page URL, or the page's `<base href>`
 * when it has one (browsers resolve every link against it).
 */
export function documentBase($: CheerioAPI, pageUrl: string): string {
  const href = $('base[href]').first().attr('href')?.trim();
  if (!href) return pageUrl;
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

/** An absolute http(s) URL, or null for an empty, malformed, `javascript:` or `mailto:` link. */
export function resolveHttpUrl(href: string | undefined, base: string): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function select($: CheerioAPI, selector: string, within?: Cheerio<AnyNode>): Cheerio<AnyNode> {
  try {
    return within ? within.find(selector) : $(selector);
  } catch (error) {
    // css-select throws on a malformed selector; for the source it is a selector that finds nothing.
    throw new ExtractError(`invalid CSS selector "${selector}": ${(error as Error).message}`, 'selector-no-match', {
      cause: error,
    });
  }
}

// Items are queried this many at a time. One query per item recompiles the
// selector every time (css-select has no cache), which dominated the run time
// on 50-item pages; one query over all items is quadratic in their number
// (each candidate is checked against the whole context list), which made a
// 5 MB page of 15,000 items take most of a minute.
const ITEMS_PER_QUERY = 64;

/**
 * For each item, its descendants that match a selector, in document order:
 * what `item.find(selector)` gives, for all items in a few queries.
 */
function matchesPerItem($: CheerioAPI, items: Cheerio<AnyNode>, selector: string): Map<AnyNode, Element[]> {
  const perItem = new Map<AnyNode, Element[]>();
  for (let start = 0; start < items.length; start += ITEMS_PER_QUERY) {
    const chunk = items.slice(start, start + ITEMS_PER_QUERY);
    const inChunk = new Set(chunk.toArray());
    for (const match of select($, selector, chunk).toArray()) {
      if (match.type !== 'tag' && match.type !== 'script' && match.type !== 'style') continue;
      // Credit the match to every item of this chunk it lies in (items may nest).
      for (let node: AnyNode | null = match.parent; node; node = node.parent) {
        if (!inChunk.has(node)) continue;
        const list = perItem.get(node);
        if (list) list.push(match as Element);
        else perItem.set(node, [match as Element]);
      }
    }
  }
  return perItem;
}

/** The href of the first link match that has one (itself or a descendant `<a href>`). */
export function linkHref($: CheerioAPI, matches: readonly Element[] | undefined): string | undefined {
  for (const match of matches ?? []) {
    const href = match.attribs.href ?? $(match).find('a[href]').first().attr('href');
    if (href !== undefined && href.trim() !== '') return href;
  }
  return undefined;
}

/** A `datetime` attribute (on the element or a descendant `<time>`) wins over the visible text. */
export function dateOf($: CheerioAPI, element: Element | undefined, now: Date): string | null {
  if (!element) return null;
  const machine = element.attribs.datetime ?? $(element).find('time[datetime]').first().attr('datetime');
  const instant =
    (machine ? parseVietnameseDate(machine, now) : null) ?? parseVietnameseDate(nodesToText([element]), now);
  return instant ? toVietnamIso(instant) : null;
}

const textOf = (element: Element | undefined) => (element ? nodesToText([element]) : '');

/**
 * Items of a list page in page order. `selectors.item` selects one element
 * per item; the others are relative to it, and the first match counts.
 * Items whose title or link comes out empty (a "Xem thêm" entry, an
 * image-only teaser) are skipped.
 * @throws ExtractError `selector-no-match` when the item selector finds nothing.
 */
export function extractHtmlItems(
  pageText: string,
  pageUrl: string,
  selectors: HtmlSelectors,
  now: Date,
): ExtractedItem[] {
  const $ = load(pageText);
  const itemElements = select($, selectors.item);
  if (itemElements.length === 0) {
    throw new ExtractError(`the item selector "${selectors.item}" matched nothing on the page`, 'selector-no-match');
  }
  const base = documentBase($, pageUrl);
  const perItem = (selector: string | undefined) =>
    selector ? matchesPerItem($, itemElements, selector) : new Map<AnyNode, Element[]>();
  const titles = perItem(selectors.title);
  const links = selectors.link === selectors.title ? titles : perItem(selectors.link);
  const dates = perItem(selectors.date);
  const summaries = perItem(selectors.summary);

  const items: ExtractedItem[] = [];
  for (const element of itemElements.toArray()) {
    const title = textOf(titles.get(element)?.[0]);
    const url = resolveHttpUrl(linkHref($, links.get(element)), base);
    if (!title || !url) continue;
    const summary = textOf(summaries.get(element)?.[0]);
    items.push({
      title,
      url,
      publishedAt: dateOf($, dates.get(element)?.[0], now),
      summary: summary === '' ? null : summary,
    });
  }
  return items;
}
