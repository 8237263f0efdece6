/**
 * UBND thị xã Hoài Nhơn — an HTML list with sponsored entries and a
 * "Xem thêm" entry that the item selector excludes, per-item "Xem thêm »"
 * links, and relative dates: the newest item says only `N giờ trước`
 * (no machine date), the others carry `<time datetime>` with `Hôm qua` or
 * `dd/MM/yyyy` as text.
 */
import { dmy, isoUtc, relativeVietnamese } from '../render/dates';
import { escapeHtml, newestDate, utf8ArticlePage } from '../render/html';
import type { DemoItem, DemoSite, SiteContext } from '../types';

const NAME = 'Cổng thông tin điện tử thị xã Hoài Nhơn';
const LIST = '/tin-tuc/cai-cach-hanh-chinh/';

function dateHtml(ctx: SiteContext, item: DemoItem): string {
  const text = relativeVietnamese(item.publishedAt, ctx.now);
  return item.index === 0
    ? `<span class="date">${text}</span>`
    : `<time class="date" datetime="${isoUtc(item.publishedAt).replace('.000Z', 'Z')}">${text}</time>`;
}

const AD = `      <li class="item-ads">
        <a href="https://quangcao.example.com/click?id=77" rel="sponsored"><img src="https://quangcao.example.com/banner-300x90.jpg" alt="Quảng cáo"></a>
        <h3><a href="https://quangcao.example.com/click?id=77" rel="sponsored">Ưu đãi vay mua nhà lãi suất 0% trong 12 tháng đầu</a></h3>
      </li>`;

export const ubndHoaiNhon: DemoSite = {
  id: 'ubnd-hoai-nhon-cchc',
  agencyId: 'ubnd-hoai-nhon',
  port: 4109,
  name: NAME,
  voice: { agency: 'UBND thị xã Hoài Nhơn', units: 'các phường, xã', place: 'trên địa bàn thị xã' },
  source: {
    kind: 'html',
    path: LIST,
    html: { item: 'ul.list-news > li.item', title: 'h3 a', link: 'h3 a', date: '.date', summary: 'p.desc' },
  },
  quirks: [
    'relative dates "N giờ trước" (no machine date) and "Hôm qua" with <time datetime>',
    'sponsored entries and "Xem thêm" excluded by the item selector',
    'per-item "Xem thêm »" links',
  ],
  robots: 'User-agent: *\nDisallow: /tim-kiem/\nDisallow: /quang-cao/\n',
  items: [
    { story: 'hn-thanh-nien-dvc' },
    { story: 'hn-ca-ngu', when: { daysAgo: 1, time: '15:20' } },
    { story: 'hn-do-thi' },
    { story: 'hn-kiem-tra-cong-vu' },
    { story: 'hn-qr-cho' },
    { story: 'hn-hoai-hai' },
    { story: 'hn-chu-ky-so' },
    { story: 'hn-dua' },
    { story: 'tpl-danh-gia-quy' },
    { story: 'hn-bong-da' },
  ],
  articlePath: ({ slug, number }) => `${LIST}${slug}-${number}.html`,
  renderList(ctx) {
    const entries: string[] = [];
    ctx.items.forEach((item, i) => {
      entries.push(`      <li class="item">
        <a class="img" href="${escapeHtml(item.path)}"><img src="/media/news/${item.number}.jpg" alt="${escapeHtml(item.title)}"></a>
        <h3><a href="${escapeHtml(item.path)}">${escapeHtml(item.title)}</a></h3>
        ${dateHtml(ctx, item)}
        <p class="desc">${escapeHtml(item.summary)}</p>
        <a class="readmore" href="${escapeHtml(item.path)}">Xem thêm »</a>
      </li>`);
      if (i === 2) entries.push(AD);
    });
    entries.push(`      <li class="more"><h3><a href="${LIST}?trang=2">Xem thêm</a></h3></li>`);
    const body = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Cải cách hành chính - UBND thị xã Hoài Nhơn</title>
<script async src="https://quangcao.example.com/loader.js"></script>
</head>
<body>
<header><div class="brand">ỦY BAN NHÂN DÂN THỊ XÃ HOÀI NHƠN</div></header>
<div class="wrap">
  <div class="content">
    <h1 class="title-cat">Cải cách hành chính</h1>
    <ul class="list-news">
${entries.join('\n')}
    </ul>
  </div>
</div>
</body>
</html>
`;
    return { contentType: 'text/html; charset=utf-8', body, lastModified: newestDate(ctx) };
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: `${dmy(item.publishedAt)} | ${relativeVietnamese(item.publishedAt, ctx.now)}`,
      publishedTimeMeta: true,
    });
  },
};
