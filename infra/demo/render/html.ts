/**
 * HTML building blocks shared by the demo sites. Each site still writes its
 * own list markup; the article page is one template with per-site options.
 */
import { toVietnamIso } from '../../../shared/time/vietnam';
import type { DemoItem, Page, SiteContext } from '../types';

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escapes text for XML (feeds). */
export const escapeXml = escapeHtml;

/** Wraps text in CDATA, splitting any `]]>` inside it. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** An HTML response with the given Content-Type. */
export function htmlPage(body: string, contentType = 'text/html; charset=utf-8', lastModified?: Date): Page {
  return { contentType, body, ...(lastModified ? { lastModified } : {}) };
}

/** The newest item's date, for Last-Modified of a list or feed. */
export function newestDate(ctx: SiteContext): Date | undefined {
  return ctx.items[0]?.publishedAt;
}

/** Options of the shared article template. */
export interface ArticleOptions {
  /** The charset declaration in `<head>` (may lie, on purpose). */
  charsetTag: string;
  /** Extra lines in `<head>`. */
  headExtra?: string;
  siteName: string;
  /** The visible date line, already formatted in the site's style. */
  dateLine: string;
  /** `<meta property="article:published_time">`. */
  publishedTimeMeta?: boolean;
  /** JSON-LD NewsArticle with `datePublished`. */
  jsonLd?: boolean;
  /** CSS classes of the parts, so sites look different. */
  classes?: { container?: string; title?: string; date?: string; body?: string };
  /** Breadcrumb labels and hrefs, as the site writes them. */
  breadcrumb?: { label: string; href: string }[];
  /** A "Tin khác" box linking other items (hrefs as the site writes them). */
  related?: { item: DemoItem; href: string }[];
}

/**
 * An article page: title, visible date, the body paragraphs, and the meta
 * tags collectors read (`description`, `og:*`, optionally
 * `article:published_time` and JSON-LD `datePublished`).
 */
export function renderArticleHtml(ctx: SiteContext, item: DemoItem, options: ArticleOptions): string {
  const url = `${ctx.origin}${item.path}`;
  const iso = toVietnamIso(item.publishedAt);
  const c = { container: 'article-detail', title: 'article-title', date: 'article-date', body: 'article-body', ...options.classes };
  const head = [
    options.charsetTag,
    `<title>${escapeHtml(item.title)} - ${escapeHtml(options.siteName)}</title>`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="description" content="${escapeHtml(item.summary)}">`,
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeHtml(item.title)}">`,
    `<meta property="og:description" content="${escapeHtml(item.summary)}">`,
    `<meta property="og:url" content="${escapeHtml(url)}">`,
    `<meta property="og:site_name" content="${escapeHtml(options.siteName)}">`,
    options.publishedTimeMeta ? `<meta property="article:published_time" content="${iso}">` : '',
    options.jsonLd
      ? `<script type="application/ld+json">${JSON.stringify({
          '@context': 'https://schema.org',
          '@type': 'NewsArticle',
          headline: item.title,
          description: item.summary,
          datePublished: iso,
          dateModified: iso,
          mainEntityOfPage: url,
          publisher: { '@type': 'GovernmentOrganization', name: options.siteName },
        }).replace(/</g, '\\u003c')}</script>`
      : '',
    options.headExtra ?? '',
  ].filter(Boolean);
  const crumbs = options.breadcrumb?.length
    ? `<nav class="breadcrumb">${options.breadcrumb.map((b) => `<a href="${escapeHtml(b.href)}">${escapeHtml(b.label)}</a>`).join(' › ')}</nav>\n`
    : '';
  const related = options.related?.length
    ? `<aside class="tin-khac"><h4>Tin khác</h4><ul>\n${options.related
        .map(({ item: other, href }) => `<li><a href="${escapeHtml(href)}">${escapeHtml(other.title)}</a></li>`)
        .join('\n')}\n</ul></aside>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
${head.join('\n')}
</head>
<body>
<header class="site-header"><a href="/">${escapeHtml(options.siteName)}</a></header>
<main>
${crumbs}<article class="${c.container}">
<h1 class="${c.title}">${escapeHtml(item.title)}</h1>
<div class="${c.date}">${escapeHtml(options.dateLine)}</div>
<div class="${c.body}">
${item.paragraphs.map((text, i) => (i === 0 ? `<p><strong>${escapeHtml(text)}</strong></p>` : `<p>${escapeHtml(text)}</p>`)).join('\n')}
</div>
</article>
${related}</main>
<footer>© ${escapeHtml(options.siteName)}. Trang thông tin minh họa, nội dung không có giá trị pháp lý.</footer>
</body>
</html>
`;
}

/** Up to `count` other items, for a related-news box. */
export function otherItems(ctx: SiteContext, item: DemoItem, count = 3): DemoItem[] {
  return ctx.items.filter((other) => other.key !== item.key).slice(0, count);
}

/** An article page served as UTF-8 HTML, dated by its story (what most demo sites serve). */
export function utf8ArticlePage(ctx: SiteContext, item: DemoItem, options: Omit<ArticleOptions, 'charsetTag'>): Page {
  return {
    contentType: 'text/html; charset=utf-8',
    lastModified: item.publishedAt,
    body: renderArticleHtml(ctx, item, { charsetTag: '<meta charset="utf-8">', ...options }),
  };
}
