/**
 * Báo Bình Định — RSS 2.0 with CDATA titles padded with newlines, CDATA
 * HTML descriptions (`<img>`, `</br>`, `&nbsp;`, `<strong>`), links padded
 * with newlines, a channel `<image>`, RFC 822 `+0700`. Republishes a Sở Nội
 * vụ story with the same title and text (syndication).
 */
import { rfc822, weekdayDmyHm } from '../render/dates';
import { cdata, escapeHtml, escapeXml, newestDate, otherItems, utf8ArticlePage } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Báo Bình Định điện tử';

export const baoBinhDinh: DemoSite = {
  id: 'bao-binh-dinh-cchc',
  agencyId: 'bao-binh-dinh',
  port: 4111,
  name: NAME,
  voice: { agency: 'Báo Bình Định', units: 'các phòng nghiệp vụ', place: 'trên địa bàn tỉnh' },
  source: { kind: 'rss', path: '/rss/cai-cach-hanh-chinh.rss' },
  quirks: [
    'CDATA titles padded with newlines; CDATA HTML descriptions with </br> and &nbsp;',
    'links padded with newlines; channel <image> that is not an item',
    'syndicated copy of a so-noi-vu-cchc story (same title and text, other URL)',
  ],
  robots: 'User-agent: *\nDisallow: /tim-kiem\nCrawl-delay: 2\n',
  items: [
    { story: 'bd-ky-nhanh' },
    { story: 'bd-mua-lon' },
    { story: 'syn-mot-cua-cap-xa', when: { daysAgo: 3, time: '16:40' } },
    { story: 'bd-pci' },
    { story: 'bd-vung-cao-dvc' },
    { story: 'bd-le-hoi-dong-da' },
    { story: 'bd-papi' },
    { story: 'bd-det-may' },
    { story: 'bd-guong-cong-chuc' },
    { story: 'bd-dong-xuan' },
    { story: 'bd-vo-co-truyen' },
  ],
  articlePath: ({ slug, number }) => `/cai-cach-hanh-chinh/${slug}-c${number}.html`,
  renderList(ctx) {
    const items = ctx.items.map((item) => {
      const url = `${ctx.origin}${item.path}`;
      const [first, ...rest] = item.summary.split(' ');
      const html = `<a href="${escapeHtml(url)}"><img width=130 height=100 src="${ctx.origin}/uploads/${item.number}_180x108.jpg" ></a></br>${escapeHtml(first ?? '')}&nbsp;${escapeHtml(rest.join(' ')).replace('cải cách hành chính', '<strong>cải cách hành chính</strong>')}`;
      return `<item>
<title>
${cdata(`\n   ${item.title}\n`)}
</title>
<description>
${cdata(`\n${html}\n`)}
</description>
<pubDate>${rfc822(item.publishedAt, '+0700')}</pubDate>
<link>
${escapeXml(url)}
</link>
<guid>
${escapeXml(url)}
</guid>
</item>`;
    });
    const newest = newestDate(ctx);
    const body = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Báo Bình Định - Cải cách hành chính</title>
<description>Chuyên trang cải cách hành chính của Báo Bình Định</description>
<image>
<url>${ctx.origin}/images/logo-rss.png</url>
<title>Báo Bình Định</title>
<link>${ctx.origin}/</link>
</image>
${newest ? `<pubDate>${rfc822(newest, '+0700')}</pubDate>` : ''}
<generator>Báo Bình Định điện tử</generator>
<link>${ctx.origin}/cai-cach-hanh-chinh</link>
${items.join('\n')}
</channel>
</rss>
`;
    return { contentType: 'application/rss+xml; charset=utf-8', body, lastModified: newest };
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: weekdayDmyHm(item.publishedAt),
      publishedTimeMeta: true,
      jsonLd: true,
      classes: { container: 'detail', title: 'detail-title', date: 'detail-time', body: 'detail-content' },
      related: otherItems(ctx, item).map((other) => ({ item: other, href: other.path })),
    });
  },
};
