import type { CheerioAPI } from 'cheerio';
import { load } from '../text/cheerio';
import { normalizeText } from '../text/normalize';
import { parseVietnameseDate } from '../text/dates';
import { countWords } from '../text/words';

/** What an article page adds to a story. */
export interface ArticlePage {
  /** Main text as sanitised plain text, paragraphs separated by blank lines. */
  text: string;
  wordCount: number;
  /** meta description / Open Graph / JSON-LD description, plain text. */
  description: string | null;
  /** Publication instant from meta, JSON-LD or a `<time>` element. */
  publishedAt: Date | null;
}

/** Where the main text usually is on government CMSs; the first with enough text wins. */
const MAIN_TEXT_SELECTORS = [
  '[itemprop="articleBody"]',
  'article .content',
  'article',
  '.article-content',
  '.news-content',
  '.detail-content',
  '.entry-content',
  '.noidung',
  '.content-detail',
  '#content',
  'main',
];

/** Elements that are never part of the article's text. */
const NOISE = 'script, style, noscript, template, nav, aside, footer, header, form, iframe, svg, button, .share, .related, .breadcrumb, .tags, .comments';

/** A cap on the text kept from one article (a runaway page cannot bloat a story). */
const MAX_TEXT_CHARS = 60_000;

function metaContent($: CheerioAPI, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = $(selector).first().attr('content');
    if (value && normalizeText(value)) return normalizeText(value);
  }
  return null;
}

/** JSON-LD objects of the page (NewsArticle and friends), ignoring broken blocks. */
function jsonLdObjects($: CheerioAPI): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  $('script[type="application/ld+json"]').each((_, element) => {
    try {
      const parsed: unknown = JSON.parse($(element).text());
      const queue = Array.isArray(parsed) ? parsed : [parsed];
      for (const entry of queue) {
        if (entry && typeof entry === 'object') {
          objects.push(entry as Record<string, unknown>);
          const graph = (entry as { '@graph'?: unknown })['@graph'];
          if (Array.isArray(graph)) objects.push(...graph.filter((g) => g && typeof g === 'object'));
        }
      }
    } catch {
      /* a broken JSON-LD block is just ignored */
    }
  });
  return objects;
}

function paragraphsOf($: CheerioAPI, root: ReturnType<CheerioAPI>): string[] {
  const blocks = root.find('p, li, h2, h3, h4, blockquote, td');
  const texts: string[] = [];
  if (blocks.length > 0) {
    blocks.each((_, element) => {
      // Nested blocks (a <p> in an <li>) would repeat text: keep the innermost.
      if ($(element).find('p, li').length > 0) return;
      const text = normalizeText($(element).text());
      if (text) texts.push(text);
    });
  }
  if (texts.length === 0) {
    const text = normalizeText(root.text());
    if (text) texts.push(text);
  }
  return texts;
}

function mainText($: CheerioAPI): string[] {
  for (const selector of MAIN_TEXT_SELECTORS) {
    const root = $(selector).first();
    if (root.length === 0) continue;
    const paragraphs = paragraphsOf($, root);
    if (paragraphs.join(' ').length >= 200) return paragraphs;
  }
  // No known container: the element with the most paragraph text is the article.
  let best: { score: number; paragraphs: string[] } = { score: 0, paragraphs: [] };
  $('div, section, td').each((_, element) => {
    const direct = $(element).children('p');
    const score = direct.toArray().reduce((sum, p) => sum + normalizeText($(p).text()).length, 0);
    if (score > best.score) best = { score, paragraphs: direct.toArray().map((p) => normalizeText($(p).text())).filter(Boolean) };
  });
  return best.paragraphs;
}

function firstDate(candidates: (string | null)[], now: Date): Date | null {
  for (const candidate of candidates) {
    const date = candidate ? parseVietnameseDate(candidate, now) : null;
    if (date) return date;
  }
  return null;
}

export { countWords } from '../text/words';

/**
 * Reads an article page (already decoded to text) into its main text,
 * description and date. Pure: no fetching, no clock but `now` for relative dates.
 */
export function readArticlePage(html: string, now: Date): ArticlePage {
  const $ = load(html);
  const ld = jsonLdObjects($);
  // Dates first: a <time> in the article's <header> goes with the noise below.
  const publishedAt = firstDate(
    [
      metaContent($, ['meta[property="article:published_time"]', 'meta[itemprop="datePublished"]', 'meta[name="pubdate"]']),
      ...ld.map((o) => (typeof o.datePublished === 'string' ? o.datePublished : null)),
      $('time[datetime]').first().attr('datetime') ?? null,
      normalizeText($('[itemprop="datePublished"], .date, .time, .post-date, .ngay-dang').first().text()) || null,
    ],
    now,
  );
  const ldDescription = ld.map((o) => o.description).find((d): d is string => typeof d === 'string' && d.trim() !== '');
  const description =
    metaContent($, ['meta[name="description"]', 'meta[property="og:description"]', 'meta[name="twitter:description"]']) ??
    (ldDescription ? normalizeText(ldDescription) : null);

  $(NOISE).remove();
  let text = mainText($).join('\n\n');
  if (text.length > MAX_TEXT_CHARS) text = text.slice(0, MAX_TEXT_CHARS);
  return { text, wordCount: countWords(text), description, publishedAt };
}
