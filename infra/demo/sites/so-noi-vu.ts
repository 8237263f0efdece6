/**
 * Sở Nội vụ — RSS 2.0 with entity-escaped HTML descriptions (the HTML is
 * text inside the XML, `&lt;p&gt;…`), RFC 822 dates in `+0700`, an
 * xml-stylesheet PI, a channel `atom:link`, and one item link carrying
 * tracking parameters. Carries a story syndicated to Báo Bình Định.
 */
import { dmyHm, rfc822 } from '../render/dates';
import { escapeHtml, escapeXml, newestDate, otherItems, utf8ArticlePage } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Sở Nội vụ tỉnh Bình Định';

export const soNoiVu: DemoSite = {
  id: 'so-noi-vu-cchc',
  agencyId: 'so-noi-vu',
  port: 4101,
  name: NAME,
  voice: { agency: 'Sở Nội vụ', units: 'các phòng, đơn vị thuộc Sở', place: 'trên địa bàn tỉnh' },
  source: { kind: 'rss', path: '/rss/cai-cach-hanh-chinh.rss' },
  quirks: [
    'RSS 2.0, RFC 822 +0700',
    'entity-escaped HTML descriptions',
    'tracking parameters (utm_*) on one item link',
    'syndicated story shared with bao-binh-dinh-cchc',
  ],
  robots: 'User-agent: *\nDisallow: /quan-tri/\n',
  items: [
    { story: 'nv-par-index' },
    { story: 'nv-thi-tuyen' },
    { story: 'syn-mot-cua-cap-xa', when: { daysAgo: 3, time: '08:15' } },
    { story: 'nv-sipas' },
    { story: 'nv-sap-xep-bo-may' },
    { story: 'nv-tinh-gian' },
    { story: 'nv-vi-tri-viec-lam' },
    { story: 'nv-hoi-thao' },
    { story: 'nv-tro-ly-ao' },
    { story: 'nv-kiem-tra-cong-vu' },
    { story: 'nv-phan-cap' },
    { story: 'nv-khen-thuong-thien-tai' },
  ],
  articlePath: ({ slug, number }) => `/tin-tuc/${slug}-${number}.html`,
  renderList(ctx) {
    const items = ctx.items.map((item, i) => {
      const link = `${ctx.origin}${item.path}${i === 2 ? '?utm_source=rss&utm_medium=feed&utm_campaign=cchc' : ''}`;
      const description = `<p><img src="${ctx.origin}/uploads/tin/${item.number}.jpg" width="180" alt=""/></p><p>${escapeHtml(item.summary)}</p>`;
      return `    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(link)}</link>
      <guid isPermaLink="false">sonoivu-${item.number}</guid>
      <category>${item.label.relevant ? 'Cải cách hành chính' : 'Tin hoạt động'}</category>
      <description>${escapeXml(description)}</description>
      <pubDate>${rfc822(item.publishedAt, '+0700')}</pubDate>
    </item>`;
    });
    const newest = newestDate(ctx);
    const body = `<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet type="text/xsl" href="/rss/rss.xsl"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(NAME)} - Cải cách hành chính</title>
    <link>${ctx.origin}/tin-tuc/cai-cach-hanh-chinh</link>
    <description>Tin tức cải cách hành chính của ${escapeXml(NAME)}</description>
    <language>vi-VN</language>
    <atom:link href="${ctx.origin}${ctx.site.source.path}" rel="self" type="application/rss+xml"/>
    ${newest ? `<lastBuildDate>${rfc822(newest, '+0700')}</lastBuildDate>` : ''}
${items.join('\n')}
  </channel>
</rss>
`;
    return { contentType: 'application/rss+xml; charset=utf-8', body, lastModified: newest };
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: `Ngày đăng: ${dmyHm(item.publishedAt)}`,
      publishedTimeMeta: true,
      breadcrumb: [
        { label: 'Trang chủ', href: '/' },
        { label: 'Cải cách hành chính', href: '/tin-tuc/cai-cach-hanh-chinh' },
      ],
      related: otherItems(ctx, item).map((other) => ({ item: other, href: other.path })),
    });
  },
};
