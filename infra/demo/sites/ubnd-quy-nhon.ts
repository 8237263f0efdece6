/**
 * UBND thành phố Quy Nhơn — an HTML list at a URL without a trailing slash
 * and with a query, whose links take every relative form: `./`, `../`,
 * root-relative, bare relative with tracking parameters (`&amp;`),
 * absolute padded with spaces and carrying a fragment, protocol-relative.
 * Dates `23/11/2026 08:30`; one item without a date; no summary selector.
 */
import { dmyHm } from '../render/dates';
import { escapeHtml, newestDate, otherItems, renderArticleHtml } from '../render/html';
import type { DemoItem, DemoSite, SiteContext } from '../types';

const NAME = 'Cổng thông tin điện tử thành phố Quy Nhơn';

/** The href of an item as this CMS writes it; all resolve to `item.path` from the list URL. */
function hrefOf(ctx: SiteContext, item: DemoItem): string {
  const file = item.path.slice('/vi/tin-tuc/'.length); // "chi-tiet/<slug>-<n>.html"
  switch (item.index % 6) {
    case 0:
      return `./${file}`;
    case 1:
      return `../tin-tuc/${file}`;
    case 2:
      return item.path;
    case 3:
      return `${file}?utm_source=zalo&amp;utm_medium=social`;
    case 4:
      return `  ${ctx.origin}${item.path}#noi-dung  `;
    default:
      return `//${new URL(ctx.origin).host}${item.path}`;
  }
}

export const ubndQuyNhon: DemoSite = {
  id: 'ubnd-quy-nhon-cchc',
  agencyId: 'ubnd-quy-nhon',
  port: 4108,
  name: NAME,
  voice: { agency: 'UBND thành phố Quy Nhơn', units: 'các phường, xã', place: 'trên địa bàn thành phố' },
  source: {
    kind: 'html',
    path: '/vi/tin-tuc/cai-cach-hanh-chinh?page=1',
    html: { item: 'div.danh-sach > div.tin', title: 'a.tieu-de', link: 'a.tieu-de', date: 'span.ngay' },
  },
  quirks: [
    'list URL without trailing slash, with a query',
    'links ./, ../, root-relative, bare relative, protocol-relative, absolute padded',
    'tracking parameters and a fragment on links',
    'dates "23/11/2026 08:30"; one item without a date',
  ],
  robots: 'User-agent: *\nDisallow: /vi/tim-kiem\n',
  items: [
    { story: 'qn-phi-dia-gioi' },
    { story: 'qn-marathon' },
    { story: 'qn-ddci' },
    { story: 'tpl-ke-hoach-cchc' },
    { story: 'qn-ioc' },
    { story: 'qn-le-hoi-duong-pho' },
    { story: 'qn-sap-xep-khu-pho' },
    { story: 'qn-tra-ket-qua' },
    { story: 'qn-ngay-hoi-viec-lam' },
    { story: 'qn-ca-phe-doanh-nhan' },
    { story: 'qn-lam-sach-bien' },
  ],
  articlePath: ({ slug, number }) => `/vi/tin-tuc/chi-tiet/${slug}-${number}.html`,
  renderList(ctx) {
    const items = ctx.items
      .map((item) => {
        const date = item.index === 7 ? '' : `\n      <span class="ngay">${dmyHm(item.publishedAt)}</span>`;
        return `    <div class="tin">
      <a class="tieu-de" href="${hrefOf(ctx, item)}">${escapeHtml(item.title)}</a>${date}
    </div>`;
      })
      .join('\n');
    const body = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Cải cách hành chính - ${escapeHtml(NAME)}</title>
</head>
<body>
<div class="top-bar"><a href="/vi/">Trang chủ</a> › <a href="/vi/tin-tuc/">Tin tức</a> › Cải cách hành chính</div>
<div class="noi-dung-chinh">
  <h2>CẢI CÁCH HÀNH CHÍNH</h2>
  <div class="danh-sach">
${items}
  </div>
  <div class="phan-trang"><a href="?page=2&amp;size=20">2</a> <a href="?page=3&amp;size=20">3</a></div>
</div>
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
        dateLine: dmyHm(item.publishedAt),
        jsonLd: true,
        classes: { container: 'chi-tiet-tin', title: 'tieu-de', date: 'ngay-dang', body: 'noi-dung' },
        related: otherItems(ctx, item).map((other) => ({ item: other, href: `../chi-tiet/${other.path.split('/').pop()}` })),
      }),
    };
  },
};
