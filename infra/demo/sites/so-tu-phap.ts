/**
 * Sở Tư pháp — an HTML list whose header and `<meta>` both say
 * `iso-8859-1` while the bytes are UTF-8: the source needs
 * `"encoding": "utf-8"`. Dates `08:30 - 23/11/2026`; a look-alike
 * "Tin xem nhiều" sidebar outside the item selector.
 */
import { hmDashDmy } from '../render/dates';
import { escapeHtml, newestDate, otherItems, renderArticleHtml } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Sở Tư pháp tỉnh Bình Định';
const LYING_TYPE = 'text/html; charset=iso-8859-1';
const LIST = '/tin-tuc/pho-bien-giao-duc-phap-luat';

export const soTuPhap: DemoSite = {
  id: 'so-tu-phap-pbgdpl',
  agencyId: 'so-tu-phap',
  port: 4105,
  name: NAME,
  voice: { agency: 'Sở Tư pháp', units: 'các phòng, đơn vị thuộc Sở', place: 'trên địa bàn tỉnh' },
  source: {
    kind: 'html',
    path: LIST,
    html: {
      item: 'div.box-news div.news-item',
      title: 'h3.news-title a',
      link: 'h3.news-title a',
      date: 'div.news-date',
      summary: 'div.news-sapo',
    },
    encoding: 'utf-8',
  },
  quirks: [
    'header and <meta> say iso-8859-1, bytes are UTF-8 (source encoding override)',
    'dates "08:30 - 23/11/2026"',
    'look-alike sidebar outside the item selector',
  ],
  robots: 'User-agent: *\nDisallow: /admin/\n',
  items: [
    { story: 'tp-theo-doi' },
    { story: 'tp-lltp-vneid' },
    { story: 'tp-cuoc-thi' },
    { story: 'tp-ra-soat' },
    { story: 'tp-cau-long' },
    { story: 'tp-ngay-phap-luat' },
    { story: 'tp-hoa-giai' },
    { story: 'tp-tham-dinh' },
    { story: 'tp-dau-gia' },
    { story: 'tp-lien-thong' },
  ],
  articlePath: ({ slug, number }) => `${LIST}/${slug}-${number}.html`,
  renderList(ctx) {
    const items = ctx.items
      .map(
        (item) => `    <div class="news-item">
      <a class="thumb" href="${escapeHtml(item.path)}"><img src="/Uploads/images/tin/${item.number}.jpg" alt=""></a>
      <h3 class="news-title"><a href="${escapeHtml(item.path)}">${escapeHtml(item.title)}</a></h3>
      <div class="news-date">${hmDashDmy(item.publishedAt)}</div>
      <div class="news-sapo">${escapeHtml(item.summary)}</div>
    </div>`,
      )
      .join('\n');
    const popular = ctx.items
      .slice(0, 3)
      .map((item) => `    <div class="news-item"><a href="${escapeHtml(item.path)}">${escapeHtml(item.title)}</a></div>`)
      .join('\n');
    const body = `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="${LYING_TYPE}">
<title>Phổ biến, giáo dục pháp luật - ${escapeHtml(NAME)}</title>
</head>
<body>
<div id="header"><h1>${escapeHtml(NAME.toUpperCase())}</h1></div>
<div id="main">
  <h2 class="cat-title">Phổ biến, giáo dục pháp luật</h2>
  <div class="box-news">
${items}
  </div>
  <div class="paging"><a href="${LIST}?page=2">Trang sau</a></div>
</div>
<aside class="sidebar">
  <h4>Tin xem nhiều</h4>
${popular}
</aside>
</body>
</html>
`;
    return { contentType: LYING_TYPE, body, lastModified: newestDate(ctx) };
  },
  renderArticle(ctx, item) {
    return {
      contentType: LYING_TYPE,
      lastModified: item.publishedAt,
      body: renderArticleHtml(ctx, item, {
        charsetTag: `<meta http-equiv="Content-Type" content="${LYING_TYPE}">`,
        siteName: NAME,
        dateLine: hmDashDmy(item.publishedAt),
        publishedTimeMeta: true,
        related: otherItems(ctx, item).map((other) => ({ item: other, href: other.path })),
      }),
    };
  },
};
