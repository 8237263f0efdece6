/**
 * HTML to plain text, for feed descriptions, Atom `type="html"` fields and
 * the text of list-page elements. Parsing goes through cheerio (parse5, the
 * HTML5 algorithm), never regexes: entities, comments and broken nesting
 * come out the way a browser would show them.
 */
import type { Cheerio } from 'cheerio';
import { load } from './cheerio';
import type { AnyNode, Element, ParentNode, Text } from 'domhandler';
import { normalizeText } from './normalize';

// Elements whose boundaries separate words visually; without a space there
// "…năm.</p><p>Chỉ số…" would glue two sentences into one word.
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul',
]);

// Elements whose content is never visible text (code, styles, fallbacks).
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'head']);

function collectText(nodes: readonly AnyNode[], out: string[]): void {
  for (const node of nodes) {
    // domhandler types nodes with a string enum; compare as plain strings.
    const kind: string = node.type;
    if (kind === 'text') {
      out.push((node as Text).data);
    } else if (kind === 'tag' || kind === 'script' || kind === 'style') {
      const element = node as Element;
      const name = element.name.toLowerCase();
      if (SKIPPED_ELEMENTS.has(name)) continue;
      const block = BLOCK_ELEMENTS.has(name);
      if (block) out.push(' ');
      collectText(element.children, out);
      if (block) out.push(' ');
    } else if (kind === 'root' || kind === 'cdata') {
      collectText((node as ParentNode).children, out);
    }
    // Comments, directives and processing instructions carry no visible text.
  }
}

/**
 * The visible text of already-parsed nodes (cheerio/domhandler), normalised:
 * script/style content dropped, block elements and `<br>` become spaces,
 * comments ignored. Lets callers that hold a parsed page avoid re-parsing.
 */
export function nodesToText(nodes: readonly AnyNode[]): string {
  const out: string[] = [];
  collectText(nodes, out);
  return normalizeText(out.join(''));
}

/**
 * Plain text of an HTML fragment: tags removed, entities decoded once, block
 * elements and `<br>` turned into spaces, script/style contents dropped, then
 * {@link normalizeText}. Text with neither `<` nor `&` cannot hold markup and
 * skips the parser.
 * @example htmlToText('<p>Cải cách&nbsp;<b>hành chính</b></p><p>2024</p>') // 'Cải cách hành chính 2024'
 */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return normalizeText(html);
  scratch ??= load('<div></div>', null, false)('div');
  // Setting the content parses it as a fragment inside the scratch <div>
  // (parse5, as in a browser); far cheaper than a fresh load() per text.
  // The call is synchronous, so reusing one element is safe.
  scratch.html(html);
  return nodesToText(scratch.toArray()[0]!.children);
}

/** A detached element whose content is replaced by each htmlToText call. */
let scratch: Cheerio<Element> | undefined;
