/**
 * Sở Khoa học và Công nghệ — Atom 1.0 with `<updated>` only (no
 * `<published>`), UTC timestamps with milliseconds, `type="xhtml"`
 * summaries, `rel="alternate"` links; served as `application/atom+xml`
 * without a charset.
 */
import { dmy, isoUtc } from '../render/dates';
import { escapeHtml, escapeXml, newestDate, utf8ArticlePage } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Sở Khoa học và Công nghệ tỉnh Bình Định';

export const soKhoaHocCongNghe: DemoSite = {
  id: 'so-khoa-hoc-cong-nghe-tin-tuc',
  agencyId: 'so-khoa-hoc-cong-nghe',
  port: 4114,
  name: NAME,
  voice: { agency: 'Sở Khoa học và Công nghệ', units: 'các phòng, đơn vị thuộc Sở', place: 'trên địa bàn tỉnh' },
  source: { kind: 'atom', path: '/feeds/tin-tuc.atom' },
  quirks: ['Atom with <updated> only', 'UTC timestamps with milliseconds', 'type="xhtml" summaries', 'no charset in Content-Type'],
  robots: 'User-agent: *\nDisallow: /private/\n',
  items: [
    { story: 'kh-nq57' },
    { story: 'kh-stem' },
    { story: 'kh-pii' },
    { story: 'kh-tthc' },
    { story: 'kh-icise' },
    { story: 'kh-khoi-nghiep' },
    { story: 'tpl-van-hoa-cong-so' },
    { story: 'kh-do-luong' },
    { story: 'kh-nghiem-thu-ai' },
  ],
  articlePath: ({ slug, number }) => `/tin-tuc/${number}-${slug}`,
  renderList(ctx) {
    const entries = ctx.items.map(
      (item) => `<entry>
  <title>${escapeXml(item.title)}</title>
  <link rel="alternate" href="${escapeXml(ctx.origin + item.path)}"/>
  <id>${escapeXml(ctx.origin + item.path)}</id>
  <updated>${isoUtc(item.publishedAt)}</updated>
  <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeHtml(item.summary)}</p></div></summary>
</entry>`,
    );
    const newest = newestDate(ctx);
    const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${escapeXml(NAME)}</title>
<link rel="alternate" href="${ctx.origin}/tin-tuc"/>
<id>${ctx.origin}/</id>
<updated>${isoUtc(newest ?? ctx.now)}</updated>
${entries.join('\n')}
</feed>
`;
    return { contentType: 'application/atom+xml', body, lastModified: newest };
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: `Ngày ${dmy(item.publishedAt)}`,
      publishedTimeMeta: true,
    });
  },
};
