/**
 * "Thử nguồn này": what a source's configuration would extract from a body
 * already fetched — pure and offline. Beside each item it keeps the page's
 * own markup of that item as text (the page is hostile: callers show it
 * escaped, never as markup), and it points out what needs a look: selectors
 * that match nothing, dates that do not parse, links that do not resolve to
 * an http(s) address, and an empty result. The item count is the
 * extractor's own (shared/extract), so "would collect N" is what collection
 * will collect.
 */
import type { CheerioAPI } from 'cheerio';
// Not cheerio's index, which would bring undici and iconv-lite along (see ../text/cheerio.ts).
import { load } from '../text/cheerio';
import type { Element } from 'domhandler';
import type { Source } from '../config/schema';
import { decodeBody } from '../extract/decode';
import { extractAuto, extractItems, ExtractError, type ExtractedItem, type FetchedBody } from '../extract/extract';
import { dateOf, documentBase, linkHref, resolveHttpUrl } from '../extract/html';
import { nodesToText } from '../text/html-to-text';
import { sourcesVi } from './strings';

/** One item as the preview shows it. */
export interface PreviewRow {
  title: string;
  /** The link as written on the page (relative or not), or null. */
  href: string | null;
  /** The absolute http(s) URL it resolves to, or null when it does not. */
  url: string | null;
  /** The date as written, or null when the date selector found nothing. */
  dateText: string | null;
  /** The parsed date (ISO with +07:00), or null. */
  publishedAt: string | null;
  summary: string | null;
  /** The item's own markup, as text, whitespace collapsed and cut to {@link SNIPPET_CHARS}. */
  snippet: string;
  /** Whether collection keeps it (an item without title or link is skipped). */
  collected: boolean;
}

/** Something the admin should look at before saving. */
export interface PreviewProblem {
  code: 'invalid-selector' | 'item-no-match' | 'field-no-match' | 'field-partial' | 'dates-unparsed' | 'no-dates' | 'links-unresolved' | 'empty-result' | 'extract-failed';
  message: string;
}

/** How often one selector matched, over the items looked at. */
export interface SelectorHits {
  field: 'title' | 'link' | 'date' | 'summary';
  selector: string;
  hits: number;
}

/** The preview of a source over one body. */
export interface SourcePreview {
  /** Items the item selector matched (html), or items the feed holds. */
  total: number;
  /** Items collection would keep (the extractor's own count). */
  collected: number;
  rows: PreviewRow[];
  /** html only: the item selector, what it matched, and how often each field selector matched in the items inspected. */
  itemSelector: string | null;
  itemMatches: number | null;
  inspected: number;
  selectorHits: SelectorHits[];
  problems: PreviewProblem[];
}

/** Rows shown; the counts cover every item all the same. */
export const MAX_PREVIEW_ROWS = 20;
/** Items looked at one by one for the selector counts (a preview is not the hot path, but a page may hold thousands). */
const MAX_INSPECTED_ITEMS = 200;
/** Characters of an item's markup kept as its snippet. */
export const SNIPPET_CHARS = 600;

const FIELD_NAMES: Record<SelectorHits['field'], string> = { title: 'tiêu đề', link: 'liên kết', date: 'ngày đăng', summary: 'tóm tắt' };

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const snippetOf = (markup: string) => {
  const text = collapse(markup);
  return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
};

/** What the preview needs: the source as it would be saved, the bodies, the clock. */
export interface PreviewInput {
  source: Source;
  /** The body of `source.url`. */
  page: FetchedBody;
  /** For `auto`: the body of the feed the page links to (null when the page is itself a feed or names none). */
  feed?: FetchedBody | null;
  now: Date;
}

/** Previews a source over the bodies given. Never throws for a bad page: every failure is a problem. */
export async function previewSource(input: PreviewInput): Promise<SourcePreview> {
  if (input.source.kind === 'html') return previewHtml(input);
  return previewFeed(input);
}

/** The extractor's items, or the reason it gave none. */
async function collect(input: PreviewInput): Promise<{ items: ExtractedItem[]; error: ExtractError | null }> {
  try {
    const items =
      input.source.kind === 'auto'
        ? await extractAuto(input.page, input.feed ?? null, input.source, input.now)
        : await extractItems({ source: input.source, body: input.page.body, url: input.page.url, contentType: input.page.contentType ?? null, now: input.now });
    return { items, error: null };
  } catch (error) {
    if (error instanceof ExtractError) return { items: [], error };
    throw error;
  }
}

function firstMatch($: CheerioAPI, item: Element, selector: string | undefined): Element[] {
  if (!selector) return [];
  return $(item)
    .find(selector)
    .toArray()
    .filter((node): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style');
}

async function previewHtml(input: PreviewInput): Promise<SourcePreview> {
  const selectors = input.source.html!;
  const problems: PreviewProblem[] = [];
  const { items: extracted, error } = await collect(input);
  const preview: SourcePreview = { total: 0, collected: extracted.length, rows: [], itemSelector: selectors.item, itemMatches: 0, inspected: 0, selectorHits: [], problems };
  if (input.page.body.byteLength === 0 || (error && error.code !== 'selector-no-match')) {
    problems.push({ code: 'extract-failed', message: sourcesVi.preview.problem.extractFailed(error?.message ?? 'empty body') });
    problems.push({ code: 'empty-result', message: sourcesVi.preview.problem.emptyResult });
    return preview;
  }
  const { text } = decodeBody(input.page.body, input.page.contentType ?? null, input.source.encoding ?? null);
  const $ = load(text);
  // Every selector is tried on its own first, so a malformed one is named rather than failing the preview.
  for (const selector of [selectors.item, selectors.title, selectors.link, selectors.date, selectors.summary]) {
    if (!selector) continue;
    try {
      $(selector);
    } catch (invalid) {
      problems.push({ code: 'invalid-selector', message: sourcesVi.preview.problem.invalidSelector(selector, (invalid as Error).message) });
    }
  }
  if (problems.length) {
    problems.push({ code: 'empty-result', message: sourcesVi.preview.problem.emptyResult });
    return preview;
  }
  const items = $(selectors.item).toArray().filter((node): node is Element => node.type === 'tag');
  preview.total = items.length;
  preview.itemMatches = items.length;
  if (items.length === 0) {
    problems.push({ code: 'item-no-match', message: sourcesVi.preview.problem.itemNoMatch(selectors.item) });
    problems.push({ code: 'empty-result', message: sourcesVi.preview.problem.emptyResult });
    return preview;
  }
  const base = documentBase($, input.page.url);
  const inspected = items.slice(0, MAX_INSPECTED_ITEMS);
  preview.inspected = inspected.length;
  const hits = { title: 0, link: 0, date: 0, summary: 0 };
  const unparsedDates: string[] = [];
  const unresolved: string[] = [];
  for (const item of inspected) {
    const titles = firstMatch($, item, selectors.title);
    const links = firstMatch($, item, selectors.link);
    const dates = firstMatch($, item, selectors.date);
    const summaries = firstMatch($, item, selectors.summary);
    if (titles.length) hits.title++;
    if (links.length) hits.link++;
    if (dates.length) hits.date++;
    if (summaries.length) hits.summary++;
    const title = titles[0] ? nodesToText([titles[0]]) : '';
    const href = linkHref($, links) ?? null;
    const url = resolveHttpUrl(href ?? undefined, base);
    if (href && !url) unresolved.push(href);
    const dateText = dates[0] ? nodesToText([dates[0]]) || (dates[0].attribs.datetime ?? '') : null;
    const publishedAt = dateOf($, dates[0], input.now);
    if (dates[0] && !publishedAt && dateText) unparsedDates.push(dateText);
    const summary = summaries[0] ? nodesToText([summaries[0]]) || null : null;
    if (preview.rows.length < MAX_PREVIEW_ROWS) {
      preview.rows.push({ title, href, url, dateText, publishedAt, summary, snippet: snippetOf($.html(item)), collected: Boolean(title && url) });
    }
  }
  const fields = [
    ['title', selectors.title],
    ['link', selectors.link],
    ['date', selectors.date],
    ['summary', selectors.summary],
  ] as const;
  for (const [field, selector] of fields) {
    if (!selector) continue;
    preview.selectorHits.push({ field, selector, hits: hits[field] });
    if (hits[field] === 0) problems.push({ code: 'field-no-match', message: sourcesVi.preview.problem.fieldNoMatch(FIELD_NAMES[field], selector) });
    else if (hits[field] < inspected.length && (field === 'title' || field === 'link')) {
      problems.push({ code: 'field-partial', message: sourcesVi.preview.problem.fieldPartial(FIELD_NAMES[field], selector, inspected.length - hits[field]) });
    }
  }
  if (unparsedDates.length) problems.push({ code: 'dates-unparsed', message: sourcesVi.preview.problem.datesUnparsed(unparsedDates.length, unparsedDates[0]!) });
  if (unresolved.length) problems.push({ code: 'links-unresolved', message: sourcesVi.preview.problem.linksUnresolved(unresolved.length, unresolved[0]!) });
  if (preview.collected === 0) problems.push({ code: 'empty-result', message: sourcesVi.preview.problem.emptyResult });
  return preview;
}

// A feed's items as written, for the snippets (RSS `<item>`, Atom `<entry>`).
const FEED_ITEM = /<(item|entry)\b[\s\S]*?<\/\1\s*>/gi;
const FEED_DATE = /<(pubDate|published|updated|dc:date)\b[^>]*>([\s\S]*?)<\/\1\s*>/i;

async function previewFeed(input: PreviewInput): Promise<SourcePreview> {
  const problems: PreviewProblem[] = [];
  const { items, error } = await collect(input);
  const preview: SourcePreview = { total: items.length, collected: items.length, rows: [], itemSelector: null, itemMatches: null, inspected: items.length, selectorHits: [], problems };
  if (error) {
    problems.push({ code: 'extract-failed', message: sourcesVi.preview.problem.extractFailed(error.message) });
    problems.push({ code: 'empty-result', message: sourcesVi.preview.problem.emptyResult });
    return preview;
  }
  // The body the items came from: the page itself, or the feed it links to.
  const body = input.source.kind === 'auto' && input.feed ? input.feed : input.page;
  const text = decodeBody(body.body, body.contentType ?? null, body === input.page ? (input.source.encoding ?? null) : null).text;
  const blocks = text.match(FEED_ITEM) ?? [];
  const unparsed: string[] = [];
  items.forEach((item, index) => {
    const block = blocks[index] ?? '';
    const written = FEED_DATE.exec(block)?.[2]?.replace(/<!\[CDATA\[|\]\]>/g, '').trim() ?? null;
    if (written && !item.publishedAt) unparsed.push(written);
    if (preview.rows.length < MAX_PREVIEW_ROWS) {
      preview.rows.push({ title: item.title, href: item.url, url: item.url, dateText: written, publishedAt: item.publishedAt, summary: item.summary, snippet: snippetOf(block), collected: true });
    }
  });
  if (unparsed.length) problems.push({ code: 'dates-unparsed', message: sourcesVi.preview.problem.datesUnparsed(unparsed.length, unparsed[0]!) });
  else if (items.length && items.every((item) => !item.publishedAt)) problems.push({ code: 'no-dates', message: sourcesVi.preview.problem.noDates });
  const nonHttp = items.filter((item) => !/^https?:\/\//i.test(item.url));
  if (nonHttp.length) problems.push({ code: 'links-unresolved', message: sourcesVi.preview.problem.linksUnresolved(nonHttp.length, nonHttp[0]!.url) });
  if (items.length === 0) problems.push({ code: 'empty-result', message: sourcesVi.preview.problem.emptyResult });
  return preview;
}
