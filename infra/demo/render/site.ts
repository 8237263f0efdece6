/**
 * Routing and rendering of one demo site, without any network: the server
 * and the tests both call {@link renderSitePage}.
 */
import { scheduleItems } from '../schedule';
import type { DemoSite, Page, SiteContext } from '../types';
import { escapeHtml } from './html';
import { maintenancePage } from '../sites/so-cong-thuong';

/** A rendered response, bytes encoded as the site serves them (before gzip). */
export interface RenderedPage {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body: Buffer;
  lastModified?: Date;
}

/** `/a/b?x=1` in the normalised form the WHATWG URL parser gives. */
function normalisePath(path: string): string {
  const url = new URL(path, 'http://demo.invalid');
  return url.pathname + url.search;
}

const pathnameOf = (path: string) => new URL(path, 'http://demo.invalid').pathname;

function notFound(site: DemoSite): Page {
  return {
    status: 404,
    contentType: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Không tìm thấy trang</title></head><body><h1>404 - Không tìm thấy trang</h1><p><a href="/">Về trang chủ ${escapeHtml(site.name)}</a></p></body></html>\n`,
  };
}

function homePage(ctx: SiteContext): Page {
  const { site } = ctx;
  const links = [`<li><a href="${escapeHtml(site.source.path)}">Tin tức (${site.source.kind})</a></li>`];
  for (const path of Object.keys(site.extraPages ?? {})) links.push(`<li><a href="${escapeHtml(path)}">${escapeHtml(path)}</a></li>`);
  return {
    contentType: 'text/html; charset=utf-8',
    lastModified: ctx.items[0]?.publishedAt,
    body: `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>${escapeHtml(site.name)}</title></head>
<body>
<h1>${escapeHtml(site.name)}</h1>
<p>Trang thông tin minh họa (dữ liệu demo, nội dung hư cấu).</p>
<ul>
${links.join('\n')}
</ul>
</body>
</html>
`,
  };
}

/** The route table of a site for one context: exact path+query keys, and pathname fallbacks. */
function routes(ctx: SiteContext): { exact: Map<string, () => Page>; byPathname: Map<string, () => Page> } {
  const { site } = ctx;
  const entries: [string, () => Page][] = [[site.source.path, () => site.renderList(ctx)]];
  for (const [path, render] of Object.entries(site.extraPages ?? {})) entries.push([path, () => render(ctx)]);
  for (const item of ctx.items) entries.push([item.path, () => site.renderArticle(ctx, item)]);

  const exact = new Map<string, () => Page>();
  const pathnameCount = new Map<string, number>();
  for (const [path, render] of entries) {
    const key = normalisePath(path);
    if (exact.has(key)) throw new Error(`demo site ${site.id}: two pages at ${key}`);
    exact.set(key, render);
    pathnameCount.set(pathnameOf(path), (pathnameCount.get(pathnameOf(path)) ?? 0) + 1);
  }
  // A request with other query parameters (tracking, paging) still finds a page
  // by its pathname, unless several pages share that pathname and differ by query.
  const byPathname = new Map<string, () => Page>();
  for (const [path, render] of entries) {
    if (pathnameCount.get(pathnameOf(path)) === 1) byPathname.set(pathnameOf(path), render);
  }
  return { exact, byPathname };
}

/**
 * Renders the page a site serves at `pathAndQuery` for a given clock and
 * origin: robots.txt, the list or feed, discovered feeds, articles, a home
 * page, or a 404. Same site, path, `now` and origin → same bytes.
 */
export function renderSitePage(site: DemoSite, pathAndQuery: string, options: { now: Date; origin: string }): RenderedPage {
  const ctx: SiteContext = { site, origin: options.origin, now: options.now, items: scheduleItems(site, options.now) };
  const url = new URL(pathAndQuery, options.origin);
  let page: Page;
  // Only the site's own pages use its encoding; robots.txt, the home and error pages are UTF-8.
  let own = false;
  if (url.pathname === '/robots.txt') {
    page = { contentType: 'text/plain; charset=utf-8', body: site.robots };
  } else if (site.broken?.mode === 'maintenance') {
    page = maintenancePage(site.name);
  } else {
    const table = routes(ctx);
    const render = table.exact.get(url.pathname + url.search) ?? table.byPathname.get(url.pathname);
    own = render !== undefined;
    page = render ? render() : url.pathname === '/' ? homePage(ctx) : notFound(site);
  }
  const encode = own && site.encode ? site.encode : (text: string) => Buffer.from(text, 'utf8');
  const body = Buffer.from(typeof page.body === 'string' ? encode(page.body) : page.body);
  return {
    status: page.status ?? 200,
    contentType: page.contentType,
    headers: page.headers ?? {},
    body,
    ...(page.lastModified ? { lastModified: page.lastModified } : {}),
  };
}
