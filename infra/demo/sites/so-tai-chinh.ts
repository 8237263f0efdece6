/**
 * Sở Tài chính — Atom 1.0: `<published>` and `<updated>` (some entries only
 * `<updated>`), `Z` and `+07:00` timestamps with fractional seconds, an
 * enclosure link before the `rel="alternate"` one, one rel-less
 * root-relative link, `type="html"` summaries. Its robots.txt disallows
 * `/tim-kiem/`, a path the news never uses.
 */
import { isoUtc, isoVietnam, weekdayDmyHm } from '../render/dates';
import { escapeHtml, escapeXml, newestDate, otherItems, utf8ArticlePage } from '../render/html';
import type { DemoItem, DemoSite } from '../types';

const NAME = 'Sở Tài chính tỉnh Bình Định';
const HOUR = 3_600_000;

/** `updated` is a little after `published`, never after now. */
const updatedOf = (item: DemoItem, now: Date) => new Date(Math.min(item.publishedAt.getTime() + 2 * HOUR, now.getTime()));

export const soTaiChinh: DemoSite = {
  id: 'so-tai-chinh-tin-tuc',
  agencyId: 'so-tai-chinh',
  port: 4103,
  name: NAME,
  voice: { agency: 'Sở Tài chính', units: 'các phòng, đơn vị thuộc Sở', place: 'trên địa bàn tỉnh' },
  source: { kind: 'atom', path: '/atom/tin-tuc.xml' },
  quirks: [
    'Atom: published over updated, updated alone',
    'Z and +07:00 timestamps, fractional seconds',
    'enclosure link before rel="alternate"; a rel-less root-relative link',
    'type="html" summaries',
    'robots.txt disallows /tim-kiem/ (not a news path)',
  ],
  robots: 'User-agent: *\nDisallow: /tim-kiem/\nDisallow: /quan-tri/\n',
  items: [
    { story: 'tc-tu-chu' },
    { story: 'tc-dkdn-truc-tuyen' },
    { story: 'tc-hop-nhat' },
    { story: 'tc-cpi' },
    { story: 'tc-cong-khai' },
    { story: 'tc-tai-san-cong' },
    { story: 'tc-ddci' },
    { story: 'tc-thien-nguyen' },
    { story: 'tc-tiet-kiem' },
    { story: 'tc-doi-thoai' },
    { story: 'tpl-van-hoa-cong-so' },
  ],
  articlePath: ({ slug, number }) => `/tin-tuc/${number}/${slug}`,
  renderList(ctx) {
    const entries = ctx.items.map((item, i) => {
      const updated = updatedOf(item, ctx.now);
      // Every third entry has no <published>: its <updated> is the publication time.
      const dates =
        i % 3 === 2
          ? `<updated>${isoVietnam(item.publishedAt)}</updated>`
          : `<published>${isoUtc(item.publishedAt)}</published>\n    <updated>${isoUtc(updated)}</updated>`;
      const links =
        i === 4
          ? `<link href="${escapeXml(item.path)}"/>`
          : `<link rel="enclosure" type="image/jpeg" href="${ctx.origin}/anh/tin/${item.number}.jpg"/>\n    <link rel="alternate" type="text/html" href="${escapeXml(ctx.origin + item.path)}"/>`;
      const summary = `<p>${escapeHtml(item.summary)}</p>`;
      return `  <entry>
    <id>urn:stc-binhdinh:tin:${item.number}</id>
    <title type="text">${escapeXml(item.title)}</title>
    ${links}
    ${dates}
    <author><name>Văn phòng Sở</name></author>
    <summary type="html">${escapeXml(summary)}</summary>
  </entry>`;
    });
    const newest = newestDate(ctx);
    const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <title>${escapeXml(NAME)} - Tin tức</title>
  <id>urn:stc-binhdinh:tin-tuc</id>
  <link rel="self" href="${ctx.origin}${ctx.site.source.path}"/>
  <link rel="alternate" type="text/html" href="${ctx.origin}/tin-tuc"/>
  <updated>${isoUtc(newest ?? ctx.now)}</updated>
${entries.join('\n')}
</feed>
`;
    return { contentType: 'application/atom+xml; charset=utf-8', body, lastModified: newest };
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: weekdayDmyHm(item.publishedAt),
      publishedTimeMeta: true,
      jsonLd: true,
      classes: { container: 'news-detail', title: 'news-detail__title', date: 'news-detail__time', body: 'news-detail__content' },
      related: otherItems(ctx, item, 4).map((other) => ({ item: other, href: other.path })),
    });
  },
};
