/**
 * Ban Quản lý Khu kinh tế tỉnh — INTENTIONALLY BROKEN ("redesigned"): the
 * list page answers 200, but the site moved to a card layout
 * (`section.tin-moi article.the-tin`) while its configured selectors still
 * describe the old `div.list-news ul li` markup, so they match nothing and
 * the source needs repair. Articles still answer 200.
 */
import { dmy, isoVietnam } from '../render/dates';
import { escapeHtml, newestDate, utf8ArticlePage } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Ban Quản lý Khu kinh tế tỉnh Bình Định';

export const banQuanLyKhuKinhTe: DemoSite = {
  id: 'ban-quan-ly-khu-kinh-te-tin-tuc',
  agencyId: 'ban-quan-ly-khu-kinh-te',
  port: 4115,
  name: NAME,
  voice: { agency: 'Ban Quản lý Khu kinh tế tỉnh', units: 'các phòng, đơn vị trực thuộc Ban', place: 'trong các khu kinh tế, khu công nghiệp' },
  source: {
    kind: 'html',
    path: '/tin-tuc',
    // The selectors of the old layout, kept in the configuration on purpose.
    html: { item: 'div.list-news ul li', title: 'a.title', link: 'a.title', date: 'span.date', summary: 'p.sapo' },
  },
  quirks: ['redesigned: the configured selectors match nothing on the new card layout'],
  broken: {
    mode: 'redesigned',
    note: 'The list page was redesigned to section.tin-moi article.the-tin; the configured selectors (div.list-news ul li) match nothing, so the source needs repair.',
  },
  robots: 'User-agent: *\nDisallow: /quan-tri/\n',
  items: [
    { story: 'kkt-mot-cua' },
    { story: 'kkt-nha-may' },
    { story: 'kkt-thu-hut' },
    { story: 'kkt-xuc-tien' },
    { story: 'tpl-kiem-tra-cchc' },
    { story: 'kkt-doi-thoai' },
    { story: 'kkt-an-toan-lao-dong' },
    { story: 'kkt-sau-cap-phep' },
  ],
  articlePath: ({ slug, number }) => `/tin-tuc/${slug}-${number}`,
  renderList(ctx) {
    const cards = ctx.items
      .map(
        (item) => `      <article class="the-tin">
        <h3 class="the-tin__tieu-de"><a href="${escapeHtml(item.path)}">${escapeHtml(item.title)}</a></h3>
        <time datetime="${isoVietnam(item.publishedAt)}">${dmy(item.publishedAt)}</time>
        <p class="the-tin__mo-ta">${escapeHtml(item.summary)}</p>
      </article>`,
      )
      .join('\n');
    const body = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Tin tức - ${escapeHtml(NAME)}</title>
<link rel="stylesheet" href="/assets/v2/main.css">
</head>
<body class="giao-dien-moi">
<header class="dau-trang"><a href="/">${escapeHtml(NAME)}</a></header>
<main>
  <section class="tin-moi">
    <h1>Tin tức – Sự kiện</h1>
    <div class="luoi">
${cards}
    </div>
  </section>
</main>
</body>
</html>
`;
    return { contentType: 'text/html; charset=utf-8', body, lastModified: newestDate(ctx) };
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: dmy(item.publishedAt),
      publishedTimeMeta: true,
    });
  },
};
