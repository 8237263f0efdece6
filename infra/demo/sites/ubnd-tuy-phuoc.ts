/**
 * UBND huyện Tuy Phước — a bare HTML list of titles and links: no dates and
 * no summaries. Only the article pages carry them: `<meta name="description">`,
 * `og:description`, `article:published_time` and JSON-LD `datePublished`.
 */
import { dmy } from '../render/dates';
import { escapeHtml, newestDate, renderArticleHtml } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Trang thông tin điện tử huyện Tuy Phước';

export const ubndTuyPhuoc: DemoSite = {
  id: 'ubnd-tuy-phuoc-tin-tuc',
  agencyId: 'ubnd-tuy-phuoc',
  port: 4113,
  name: NAME,
  voice: { agency: 'UBND huyện Tuy Phước', units: 'các xã, thị trấn', place: 'trên địa bàn huyện' },
  source: { kind: 'html', path: '/tin-tuc', html: { item: 'ul.news-list > li', title: 'a', link: 'a' } },
  quirks: ['list has neither dates nor summaries', 'article pages carry article:published_time, JSON-LD datePublished and meta descriptions'],
  robots: 'User-agent: *\nDisallow: /wp-admin/\n',
  items: [
    { story: 'tph-mot-cua-hien-dai' },
    { story: 'tph-lua' },
    { story: 'tph-xin-loi' },
    { story: 'tpl-vi-tri-viec-lam' },
    { story: 'tph-cho-4-0' },
    { story: 'tph-tinh-gian' },
    { story: 'tph-cau' },
    { story: 'tpl-kiem-tra-cchc' },
    { story: 'tph-phu-nu' },
  ],
  articlePath: ({ slug }) => `/tin-tuc/${slug}/`,
  renderList(ctx) {
    const body = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Tin tức – ${escapeHtml(NAME)}</title>
</head>
<body class="archive category">
<h1 class="archive-title">Tin tức</h1>
<ul class="news-list">
${ctx.items.map((item) => `  <li><a href="${escapeHtml(item.path)}">${escapeHtml(item.title)}</a></li>`).join('\n')}
</ul>
</body>
</html>
`;
    return { contentType: 'text/html; charset=UTF-8', body, lastModified: newestDate(ctx) };
  },
  renderArticle(ctx, item) {
    return {
      contentType: 'text/html; charset=UTF-8',
      lastModified: item.publishedAt,
      body: renderArticleHtml(ctx, item, {
        charsetTag: '<meta charset="utf-8">',
        siteName: NAME,
        dateLine: `Đăng ngày ${dmy(item.publishedAt)}`,
        publishedTimeMeta: true,
        jsonLd: true,
        classes: { container: 'entry', title: 'entry-title', date: 'entry-date', body: 'entry-content' },
      }),
    };
  },
};
