/**
 * Văn phòng UBND tỉnh (Cổng Thông tin điện tử tỉnh) — an RSS feed that is
 * not well-formed XML and needs repair: raw `&` in titles, descriptions and
 * a link query, the HTML entity `&nbsp;` (undefined in XML), dates in RFC 822
 * `GMT`. Carries a story syndicated to Đài PT-TH.
 */
import { hmDashDmy, rfc822 } from '../render/dates';
import { newestDate, renderArticleHtml } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Cổng Thông tin điện tử tỉnh Bình Định';

/** Escapes `<` and `>` only: this CMS forgets `&`, which is the quirk. */
const sloppy = (text: string) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const vanPhongUbndTinh: DemoSite = {
  id: 'van-phong-ubnd-tinh-cchc',
  agencyId: 'van-phong-ubnd-tinh',
  port: 4102,
  name: NAME,
  voice: { agency: 'Văn phòng UBND tỉnh', units: 'các phòng, đơn vị thuộc Văn phòng', place: 'trên địa bàn tỉnh' },
  source: { kind: 'rss', path: '/Rss/RssFeed.aspx?ChuyenMuc=cai-cach-hanh-chinh' },
  quirks: [
    'RSS that needs repair: raw & and &nbsp; in the XML',
    'RFC 822 in GMT',
    'raw & in a link query string',
    'syndicated story shared with dai-ptth-binh-dinh-tin-tuc',
  ],
  robots: 'User-agent: *\nDisallow: /DesktopModules/\nDisallow: /Admin/\n',
  items: [
    { story: 'vp-igate' },
    { story: 'vp-quy-tac' },
    { story: 'vp-uu-tien' },
    { story: 'syn-thanh-toan-truc-tuyen', when: { daysAgo: 6, time: '09:40' } },
    { story: 'vp-hoi-dap' },
    { story: 'vp-so-hoa' },
    { story: 'vp-ap-thap' },
    { story: 'vp-zalo' },
    { story: 'vp-doan-vien' },
    { story: 'vp-dai-hoi-the-thao' },
    { story: 'vp-tthc-noi-bo' },
    { story: 'tpl-danh-gia-quy' },
  ],
  articlePath: ({ slug, number }) => `/tin-tuc/cai-cach-hanh-chinh/${slug}-${number}.aspx`,
  renderList(ctx) {
    const items = ctx.items.map((item, i) => {
      const link = `${ctx.origin}${item.path}${i % 4 === 1 ? '?ChuyenMuc=cai-cach-hanh-chinh&Trang=1' : ''}`;
      // "Sáng nay, …" → "Sáng&nbsp;nay" style: the CMS pastes editor HTML entities.
      const description = sloppy(item.summary).replace(/, /, ',&nbsp;');
      return `<item>
<title>${sloppy(item.title)}</title>
<link>${link}</link>
<guid>${link}</guid>
<description>${description}</description>
<pubDate>${rfc822(item.publishedAt, 'GMT')}</pubDate>
</item>`;
    });
    const newest = newestDate(ctx);
    const body = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Cổng TTĐT tỉnh - Cải cách hành chính & thủ tục hành chính</title>
<link>${ctx.origin}/tin-tuc/cai-cach-hanh-chinh</link>
<description>Cổng Thông tin điện tử tỉnh Bình Định</description>
<language>vi</language>
${newest ? `<pubDate>${rfc822(newest, 'GMT')}</pubDate>` : ''}
${items.join('\n')}
</channel>
</rss>
`;
    return { contentType: 'text/xml; charset=utf-8', body, lastModified: newest };
  },
  renderArticle(ctx, item) {
    return {
      contentType: 'text/html; charset=utf-8',
      lastModified: item.publishedAt,
      body: renderArticleHtml(ctx, item, {
        charsetTag: '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        siteName: NAME,
        dateLine: hmDashDmy(item.publishedAt),
        jsonLd: true,
        classes: { container: 'ArticleDetail', title: 'Title', date: 'PostDate', body: 'Content' },
        breadcrumb: [{ label: 'Trang chủ', href: '/' }, { label: 'Cải cách hành chính', href: '/tin-tuc/cai-cach-hanh-chinh' }],
      }),
    };
  },
};
