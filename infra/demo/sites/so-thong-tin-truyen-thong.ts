/**
 * Sở Thông tin và Truyền thông — an `auto` source: the HTML news page shows
 * a short, truncated list and links its RSS feed with
 * `<link rel="alternate" type="application/rss+xml">` (root-relative, after
 * a non-feed alternate). The feed has every item, RFC 822 in `+0000`, and is
 * served as `application/rss+xml` without a charset.
 */
import { dmy, rfc822 } from '../render/dates';
import { escapeHtml, escapeXml, newestDate, utf8ArticlePage } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Sở Thông tin và Truyền thông tỉnh Bình Định';
const FEED_PATH = '/rss/tin-tuc.xml';

const truncate = (text: string, max = 60) => (text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max))}...`);

export const soThongTinTruyenThong: DemoSite = {
  id: 'so-thong-tin-truyen-thong-tin-tuc',
  agencyId: 'so-thong-tin-truyen-thong',
  port: 4104,
  name: NAME,
  voice: { agency: 'Sở Thông tin và Truyền thông', units: 'các phòng, đơn vị thuộc Sở', place: 'trên địa bàn tỉnh' },
  source: { kind: 'auto', path: '/tin-tuc' },
  quirks: [
    'auto: feed discovered from <link rel="alternate" type="application/rss+xml">',
    'the page list is short and truncated; the feed has every item',
    'feed served without a charset, RFC 822 +0000',
  ],
  robots: 'User-agent: *\nAllow: /\n',
  items: [
    { story: 'tt-ke-hoach-cds' },
    { story: 'tt-binh-dan-hoc-vu-so' },
    { story: 'tt-dn-go' },
    { story: 'tt-kho-du-lieu' },
    { story: 'tt-to-cnsct' },
    { story: 'tt-app-tthc' },
    { story: 'tt-5g' },
    { story: 'tt-dti' },
    { story: 'tt-an-toan' },
    { story: 'tt-giai-bao-chi' },
    { story: 'tt-ky-so' },
  ],
  articlePath: ({ slug, number }) => `/tin-tuc/${slug}-${number}.html`,
  renderList(ctx) {
    const cards = ctx.items
      .slice(0, 6)
      .map(
        (item) => `      <div class="card">
        <a href="${escapeHtml(item.path)}" class="card-title">${escapeHtml(truncate(item.title))}</a>
        <span class="card-date">${dmy(item.publishedAt)}</span>
      </div>`,
      )
      .join('\n');
    const body = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Tin tức - ${escapeHtml(NAME)}</title>
<link rel="canonical" href="${ctx.origin}/tin-tuc">
<link rel="alternate" hreflang="en" href="/en/news">
<link rel="stylesheet" href="/assets/css/app.css">
<link rel="alternate" type="application/rss+xml" title="Tin tức - ${escapeHtml(NAME)}" href="${FEED_PATH}">
<link rel="icon" href="/favicon.ico">
</head>
<body>
<nav class="navbar"><a href="/">${escapeHtml(NAME)}</a> <a href="/tin-tuc">Tin tức</a> <a href="${FEED_PATH}">RSS</a></nav>
<main>
  <h1>Tin tức</h1>
  <div class="cards">
${cards}
  </div>
  <a class="more" href="/tin-tuc?trang=2">Xem thêm</a>
</main>
</body>
</html>
`;
    return { contentType: 'text/html; charset=utf-8', body, lastModified: newestDate(ctx) };
  },
  extraPages: {
    [FEED_PATH]: (ctx) => {
      const items = ctx.items.map(
        (item) => `<item>
  <title>${escapeXml(item.title)}</title>
  <link>${ctx.origin}${item.path}</link>
  <guid isPermaLink="true">${ctx.origin}${item.path}</guid>
  <description>${escapeXml(item.summary)}</description>
  <pubDate>${rfc822(item.publishedAt, '+0000')}</pubDate>
</item>`,
      );
      const newest = newestDate(ctx);
      const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Tin tức - ${escapeXml(NAME)}</title>
<link>${ctx.origin}/tin-tuc</link>
<description>Tin tức, sự kiện</description>
${items.join('\n')}
</channel>
</rss>
`;
      return { contentType: 'application/rss+xml', body, lastModified: newest };
    },
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: `Cập nhật: ${dmy(item.publishedAt)}`,
      publishedTimeMeta: true,
      classes: { container: 'post', title: 'post-title', date: 'post-meta', body: 'post-content' },
    });
  },
};
