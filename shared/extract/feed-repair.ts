/**
 * Feeds as CMSs really write them are often not well-formed XML: a PHP
 * notice or blank lines before `<?xml`, a raw `&` in a title, HTML entities
 * such as `&nbsp;` that XML does not define, a raw `<` in text. A strict XML
 * parser rejects all of these, so they are repaired here first.
 *
 * What is never repaired is a body cut short: a truncated download must not
 * yield half a feed, so an unclosed root element or a broken byte sequence
 * at the end is rejected.
 */
import { load } from '../text/cheerio';
import { endsWithBrokenUtf8, isUtf8 } from './decode';
import { ExtractError } from './types';
import { normalizeText } from '../text/normalize';

/** The root element names of RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom. */
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'rdf']);

/** What the prolog scan found: where the root element starts and its name. */
interface Root {
  name: string;
  start: number;
  selfClosing: boolean;
}

/** Skips the XML declaration, PIs, comments and a doctype; returns the first element. */
function firstElement(text: string, from: number): Root | null {
  let at = from;
  for (;;) {
    at = text.indexOf('<', at);
    if (at < 0) return null;
    if (text.startsWith('<?', at)) {
      at = endOf(text, '?>', at);
    } else if (text.startsWith('<!--', at)) {
      at = endOf(text, '-->', at);
    } else if (/^<!doctype/i.test(text.slice(at, at + 9))) {
      // A doctype may carry an internal subset in brackets, which can contain '>'.
      const bracket = text.indexOf('[', at);
      const close = text.indexOf('>', at);
      at = bracket >= 0 && bracket < close ? endOf(text, ']>', bracket) : close + 1;
      if (at <= 0) return null;
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/.exec(text.slice(at, at + 4096));
      if (!match) return null;
      return { name: match[1]!, start: at, selfClosing: match[2] === '/' };
    }
    if (at <= 0) return null;
  }
}

// The XML declaration proper, not an `<?xml-stylesheet …?>` PI.
const XML_DECLARATION = /<\?xml\s/;
const FEED_START_TAG = /<(rss|feed|rdf:RDF)[\s>/]/i;

/**
 * The root element, looking past junk a CMS printed first: a PHP notice such
 * as `<b>Warning</b>: …` before `<?xml` or before `<rss>`.
 */
function findRoot(text: string): Root | null {
  const declaration = XML_DECLARATION.exec(text);
  const first = firstElement(text, declaration?.index ?? 0);
  if (!first || FEED_ROOTS.has(first.name.toLowerCase()) || first.name.toLowerCase() === 'html') return first;
  const feedTag = FEED_START_TAG.exec(text.slice(first.start));
  return feedTag ? firstElement(text, first.start + feedTag.index) : first;
}

function endOf(text: string, terminator: string, from: number): number {
  const index = text.indexOf(terminator, from);
  return index < 0 ? -1 : index + terminator.length;
}

/** The page title of an HTML body, for a helpful "wrong kind" message. */
function htmlTitle(text: string): string {
  const match = /<title[^>]*>([\s\S]{0,300}?)<\/title>/i.exec(text);
  return match ? normalizeText(load(match[1]!, null, false).text()) : '';
}

/**
 * Throws unless the text is a feed: an HTML page where a feed was expected is
 * `wrong-kind`, as is XML with another root element.
 */
function assertFeedRoot(text: string, root: Root | null): asserts root is Root {
  if (!root) throw new ExtractError('not a feed: no XML element found in the body', 'unreadable');
  const name = root.name.toLowerCase();
  if (name === 'html') {
    const title = htmlTitle(text);
    throw new ExtractError(`expected a feed but got an HTML page${title ? ` ("${title}")` : ''}`, 'wrong-kind');
  }
  if (!FEED_ROOTS.has(name)) {
    throw new ExtractError(`expected a feed but the root element is <${root.name}>, not RSS or Atom`, 'wrong-kind');
  }
}

/** Cuts what precedes the feed (junk, blank lines) and what follows its closing tag. */
function trimToRoot(text: string, root: Root): string {
  // Keep the XML declaration when there is one: it must come first, so
  // anything before it is junk; PIs such as xml-stylesheet may stay.
  const declaration = XML_DECLARATION.exec(text)?.index ?? -1;
  const start = declaration >= 0 && declaration < root.start ? declaration : root.start;
  if (root.selfClosing) return text.slice(start, text.indexOf('>', root.start) + 1);
  const closing = new RegExp(`</${root.name.replace(/[.]/g, '\\.')}\\s*>`, 'g');
  let end = -1;
  for (const match of text.slice(root.start).matchAll(closing)) end = root.start + match.index + match[0].length;
  if (end < 0) {
    throw new ExtractError(`the feed ends before its closing </${root.name}> tag (download cut short?)`, 'truncated');
  }
  return text.slice(start, end);
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const htmlEntityCache = new Map<string, string | null>();
// HTML defines about 2,200 entity names; a feed inventing names must not grow the cache without bound.
const MAX_CACHED_ENTITIES = 4096;

/** The text an HTML named entity stands for, or null when HTML does not define it. */
function decodeHtmlEntity(name: string): string | null {
  let value = htmlEntityCache.get(name);
  if (value === undefined) {
    // parse5 knows every HTML entity; the result is cached per name, so the
    // parser runs once per distinct entity, not per occurrence.
    const decoded = load(`&${name};`, null, false).text();
    value = decoded !== `&${name};` && [...decoded].length <= 2 && !decoded.includes(';') ? decoded : null;
    if (htmlEntityCache.size < MAX_CACHED_ENTITIES) htmlEntityCache.set(name, value);
  }
  return value;
}

function toNumericRefs(text: string): string {
  let out = '';
  for (const char of text) out += `&#${char.codePointAt(0)};`;
  return out;
}

// `&` and what may follow it, and `<` not followed by anything that can start markup.
const AMPERSAND_OR_STRAY_LT = /&(?:(#\d{1,7}|#x[0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));|&|<(?![A-Za-z_:/!?])/g;

function repairMarkup(segment: string): string {
  return segment.replace(AMPERSAND_OR_STRAY_LT, (match, numeric?: string, named?: string) => {
    if (match === '<') return '&lt;';
    if (numeric) return match;
    if (named) {
      if (XML_ENTITIES.has(named)) return match;
      const decoded = decodeHtmlEntity(named);
      // An entity nobody defines is shown as typed rather than failing the feed.
      return decoded === null ? `&amp;${named};` : toNumericRefs(decoded);
    }
    return '&amp;';
  });
}

// CDATA sections and comments are copied as they are: their '&' and '<' are not markup.
const VERBATIM = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;

function repairOutsideVerbatim(text: string): string {
  if (!/[&<]/.test(text)) return text;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(VERBATIM)) {
    out += repairMarkup(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + repairMarkup(text.slice(last));
}

/** The bytes a decoded text came from, to check the end of the download. */
export interface RawBody {
  body: Uint8Array;
  charset: string;
}

/** A feed made parseable, and which family its root element says it is. */
export interface RepairedFeed {
  xml: string;
  format: FeedFormat;
}

/** RSS 0.9x/2.0 (`<rss>`), RSS 1.0 (`<rdf:RDF>`) or Atom (`<feed>`). */
export type FeedFormat = 'rss' | 'rdf' | 'atom';

function formatOf(root: Root): FeedFormat {
  const name = root.name.toLowerCase();
  return name === 'feed' ? 'atom' : name === 'rss' ? 'rss' : 'rdf';
}

/** Whether decoded text is a feed (its root element is RSS, RDF or Atom), without repairing it. */
export function looksLikeFeed(text: string): boolean {
  const root = findRoot(text);
  return root !== null && FEED_ROOTS.has(root.name.toLowerCase());
}

/**
 * Makes a decoded feed parseable by a strict XML parser: drops junk before
 * `<?xml` or the root element and after the root's closing tag; escapes raw
 * `&`; turns HTML named entities (`&nbsp;`, `&eacute;` …) into numeric
 * references; escapes a raw `<` that cannot start a tag. CDATA sections and
 * comments are left untouched.
 *
 * @param raw the bytes the text was decoded from; when given, a UTF-8 body
 *   ending in a broken multi-byte sequence is rejected.
 * @throws ExtractError `truncated` (unclosed root element, broken byte
 *   sequence at the end), `wrong-kind` (an HTML page or another XML root),
 *   `unreadable` (no element at all).
 */
export function repairFeed(text: string, raw?: RawBody): RepairedFeed {
  if (raw && isUtf8(raw.charset) && endsWithBrokenUtf8(raw.body)) {
    throw new ExtractError('the feed ends in the middle of a character (download cut short)', 'truncated');
  }
  const root = findRoot(text);
  assertFeedRoot(text, root);
  return { xml: repairOutsideVerbatim(trimToRoot(text, root)), format: formatOf(root) };
}
