/**
 * Sở Công Thương — INTENTIONALLY BROKEN ("maintenance"): every page except
 * robots.txt answers `503 Service Unavailable` with `Retry-After` and a
 * Vietnamese HTML maintenance page, also for the RSS URL. The source is
 * failing; nothing is ever published.
 */
import { escapeHtml } from '../render/html';
import type { DemoSite, Page } from '../types';

const NAME = 'Sở Công Thương tỉnh Bình Định';

/** The maintenance page served for every URL. */
export function maintenancePage(name: string): Page {
  return {
    status: 503,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Retry-After': '3600' },
    body: `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Hệ thống đang bảo trì</title>
</head>
<body>
<div class="bao-tri">
  <h1>Hệ thống đang bảo trì</h1>
  <p>Trang thông tin điện tử ${escapeHtml(name)} đang được nâng cấp. Quý độc giả vui lòng quay lại sau.</p>
  <p>Xin lỗi vì sự bất tiện này.</p>
</div>
</body>
</html>
`,
  };
}

export const soCongThuong: DemoSite = {
  id: 'so-cong-thuong-tin-tuc',
  agencyId: 'so-cong-thuong',
  port: 4116,
  name: NAME,
  voice: { agency: 'Sở Công Thương', units: 'các phòng, đơn vị thuộc Sở', place: 'trên địa bàn tỉnh' },
  source: { kind: 'rss', path: '/rss/tin-tuc-su-kien.rss' },
  quirks: ['maintenance: 503 with an HTML "đang bảo trì" page for every URL, the feed included'],
  broken: {
    mode: 'maintenance',
    note: 'Every page but robots.txt answers 503 (Retry-After: 3600) with an HTML maintenance page, the RSS URL included, so the source is failing.',
  },
  robots: 'User-agent: *\nDisallow: /admin/\n',
  items: [],
  articlePath: ({ slug, number }) => `/tin-tuc/${slug}-${number}.html`,
  renderList: () => maintenancePage(NAME),
  renderArticle: () => maintenancePage(NAME),
};
