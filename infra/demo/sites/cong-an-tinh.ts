/**
 * Công an tỉnh — an HTML list (Đề án 06 news) whose whole text is stored
 * decomposed (NFD), dates `Thứ Hai, 23/11/2026, 08:30 (GMT+7)`, titles
 * wrapped over lines with `&nbsp;`.
 */
import { weekdayDmyHm } from '../render/dates';
import { utf8Nfd } from '../render/encoding';
import { escapeHtml, newestDate, utf8ArticlePage } from '../render/html';
import type { DemoSite } from '../types';

const NAME = 'Công an tỉnh Bình Định';
const LIST = '/tin-tuc/de-an-06';

/** Breaks a long title after its fifth word with `&nbsp;` and a newline, as the CMS editor does. */
function wrapped(title: string): string {
  const words = escapeHtml(title).split(' ');
  if (words.length < 8) return words.join(' ');
  return `${words.slice(0, 5).join(' ')}&nbsp;\n          ${words.slice(5).join(' ')}`;
}

export const congAnTinh: DemoSite = {
  id: 'cong-an-tinh-de-an-06',
  agencyId: 'cong-an-tinh',
  port: 4107,
  name: NAME,
  voice: { agency: 'Công an tỉnh', units: 'Công an các huyện, thị xã, thành phố', place: 'trên địa bàn tỉnh' },
  source: {
    kind: 'html',
    path: LIST,
    html: {
      item: 'div.list-news article.news',
      title: 'h2.news__title a',
      link: 'h2.news__title a',
      date: 'span.news__date',
      summary: 'p.news__sapo',
    },
  },
  quirks: ['decomposed (NFD) text everywhere', 'dates "Thứ Hai, 23/11/2026, 08:30 (GMT+7)"', 'titles wrapped with &nbsp;'],
  robots: 'User-agent: *\nDisallow: /noi-bo/\n',
  items: [
    { story: 'ca-dinh-danh-muc-2' },
    { story: 'ca-lua-dao' },
    { story: 'ca-can-cuoc-tre-em' },
    { story: 'ca-dang-ky-xe' },
    { story: 'ca-nong-do-con' },
    { story: 'ca-lam-sach' },
    { story: 'ca-tai-khoan-to-chuc' },
    { story: 'ca-pccc' },
    { story: 'ca-so-suc-khoe' },
    { story: 'ca-mo-hinh-06' },
  ],
  articlePath: ({ slug, number }) => `${LIST}/${slug}-${number}`,
  encode: utf8Nfd,
  renderList(ctx) {
    const items = ctx.items
      .map(
        (item) => `      <article class="news">
        <h2 class="news__title">
          <a href="${escapeHtml(item.path)}">${wrapped(item.title)}</a>
        </h2>
        <p class="news__meta"><span class="news__date">${weekdayDmyHm(item.publishedAt)}</span> | <span class="news__views">${(item.number % 900) + 100} lượt xem</span></p>
        <p class="news__sapo">${escapeHtml(item.summary)}</p>
      </article>`,
      )
      .join('\n');
    const body = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Đề án 06 - ${escapeHtml(NAME)}</title>
</head>
<body>
<header><div class="logo">${escapeHtml(NAME.toUpperCase())}</div></header>
<main class="container">
  <h1 class="page-title">Đề án 06</h1>
  <div class="list-news">
${items}
  </div>
</main>
</body>
</html>
`;
    return { contentType: 'text/html; charset=utf-8', body, lastModified: newestDate(ctx) };
  },
  renderArticle(ctx, item) {
    return utf8ArticlePage(ctx, item, {
      siteName: NAME,
      dateLine: weekdayDmyHm(item.publishedAt),
      jsonLd: true,
      breadcrumb: [
        { label: 'Trang chủ', href: '/' },
        { label: 'Đề án 06', href: LIST },
      ],
    });
  },
};
