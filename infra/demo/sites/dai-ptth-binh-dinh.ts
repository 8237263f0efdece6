/**
 * Đài Phát thanh và Truyền hình Bình Định — RSS 2.0 with a UTF-8 byte-order
 * mark, served as `text/xml` without a charset; `pubDate` in Vietnamese
 * form `23/11/2026 08:30` (day first, Vietnam time, once with seconds);
 * `&amp;` in link query strings; one empty description. Republishes a
 * Văn phòng UBND tỉnh story with the same title and text.
 */
import { dmy, dmyHm, hm } from '../render/dates';
import { utf8WithBom } from '../render/encoding';
import { escapeXml, newestDate, utf8ArticlePage } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Đài Phát thanh và Truyền hình Bình Định';

export const daiPtthBinhDinh: DemoSite = {
  id: 'dai-ptth-binh-dinh-tin-tuc',
  agencyId: 'dai-ptth-binh-dinh',
  port: 4112,
  name: NAME,
  voice: { agency: 'Đài Phát thanh và Truyền hình Bình Định', units: 'các phòng chuyên môn', place: 'trên địa bàn tỉnh' },
  source: { kind: 'rss', path: '/rss/tin-tuc.rss' },
  quirks: [
    'UTF-8 BOM, text/xml without charset',
    'pubDate "23/11/2026 08:30" (Vietnam time, once with seconds)',
    '&amp; in link query strings; an empty description',
    'syndicated copy of a van-phong-ubnd-tinh-cchc story',
  ],
  robots: 'User-agent: *\nDisallow: /video/live/\n',
  items: [
    { story: 'ptth-khong-khi-lanh' },
    { story: 'ptth-sipas' },
    { story: 'syn-thanh-toan-truc-tuyen', when: { daysAgo: 6, time: '18:30' } },
    { story: 'ptth-ky-co' },
    { story: 'ptth-phan-cap' },
    { story: 'ptth-dat-lich-kham' },
    { story: 'ptth-ca-phe-doanh-nhan' },
    { story: 'ptth-bong-chuyen' },
    { story: 'ptth-nq57' },
    { story: 'ptth-sot-xuat-huyet' },
  ],
  articlePath: ({ number }) => `/tin-tuc/chi-tiet.aspx?id=${number}&cat=thoi-su`,
  encode: utf8WithBom,
  renderList(ctx) {
    const items = ctx.items.map((item) => {
      // One item carries seconds: the stated instant is 15 s after publishedAt (never the newest item).
      const date = item.index === 3 ? `${dmyHm(item.publishedAt)}:15` : dmyHm(item.publishedAt);
      const description = item.index === 5 ? '<description></description>' : `<description>${escapeXml(item.summary)}</description>`;
      return `  <item>
    <title>${escapeXml(item.title)}</title>
    <link>${escapeXml(ctx.origin + item.path)}</link>
    ${description}
    <pubDate>${date}</pubDate>
  </item>`;
    });
    const newest = newestDate(ctx);
    const body = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeXml(NAME)} - Tin tức</title>
    <link>${ctx.origin}/</link>
    <description>Tin tức thời sự trong tỉnh</description>
${items.join('\n')}
  </channel>
</rss>
`;
    return { contentType: 'text/xml', body, lastModified: newest };
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: `Cập nhật lúc ${hm(item.publishedAt)} ngày ${dmy(item.publishedAt)}`,
      jsonLd: true,
      classes: { container: 'news-content', title: 'news-title', date: 'news-time', body: 'news-body' },
    });
  },
};
