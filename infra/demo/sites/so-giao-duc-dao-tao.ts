/**
 * Sở Giáo dục và Đào tạo — a Joomla-era list with broken markup: unclosed
 * `<li>` and `<p>`, unquoted attributes, raw `&` in text and URLs,
 * upper-case and mis-nested tags, stray end tags, a comment in a title, an
 * empty date element. Dates `23-11-2026`. List and articles share the path
 * `/index.php` and differ by query.
 */
import { dmyDashed } from '../render/dates';
import { escapeHtml, newestDate, renderArticleHtml } from '../render/html';
import type { DemoItem, DemoSite } from '../types';

const NAME = 'Sở Giáo dục và Đào tạo tỉnh Bình Định';
const LIST = '/index.php?option=com_content&view=category&id=45&Itemid=45';

/** Text with `&` left raw, as this template prints it (`<` and `>` still escaped). */
const raw = (text: string) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');

function entry(item: DemoItem): string {
  const href = `index.php?option=com_content&view=article&id=${item.number}&Itemid=45`;
  const date = item.index === 5 ? '<span class=ngay></span>' : `<span class=ngay>${dmyDashed(item.publishedAt)}</span>`;
  switch (item.index % 4) {
    case 0: // unclosed <li> and <p>, unquoted attributes
      return `<li><a class=tieude href=${href}>${raw(item.title)}</a>\n${date}\n<p class=tomtat>${raw(item.summary)}`;
    case 1: // mis-nested <b>, entity-escaped href, stray end tags
      return `<li><a class=tieude href="${href.replace(/&/g, '&amp;')}"><b>${raw(item.title)}</a></b>\n${date}</span></font>\n<p class=tomtat>${raw(item.summary)}</p></li>`;
    case 2: // upper-case tags, a comment inside the title
      return `<LI><A CLASS=tieude HREF="${href}">${raw(item.title)}<!-- tin moi --></A>\n<SPAN CLASS=ngay>${dmyDashed(item.publishedAt)}</SPAN>\n<P CLASS=tomtat>${raw(item.summary)}</P>`;
    default: // missing closing tags everywhere
      return `<li><a class="tieude" href='${href}'>${raw(item.title)}</a>\n${date}\n<p class="tomtat">${raw(item.summary)}\n</li>`;
  }
}

export const soGiaoDucDaoTao: DemoSite = {
  id: 'so-giao-duc-dao-tao-cchc',
  agencyId: 'so-giao-duc-dao-tao',
  port: 4110,
  name: NAME,
  voice: { agency: 'Sở Giáo dục và Đào tạo', units: 'các phòng, đơn vị trực thuộc Sở', place: 'trong toàn ngành' },
  source: {
    kind: 'html',
    path: LIST,
    html: { item: 'ul.dstin > li', title: 'a.tieude', link: 'a.tieude', date: 'span.ngay', summary: 'p.tomtat' },
  },
  quirks: [
    'broken markup: unclosed li/p, unquoted attributes, raw &, upper-case and mis-nested tags, stray end tags',
    'a comment inside a title; an empty date element',
    'dates "23-11-2026"; list and articles differ only by query string',
  ],
  robots: 'User-agent: *\nDisallow: /administrator/\nDisallow: /index.php?option=com_search\n',
  items: [
    { story: 'gd-van-bang' },
    { story: 'gd-tuyen-sinh' },
    { story: 'gd-tu-chu' },
    { story: 'gd-hsg' },
    { story: 'tpl-ke-hoach-cchc' },
    { story: 'gd-niem-yet' },
    { story: 'gd-tuyen-dung' },
    { story: 'gd-chuong-trinh' },
    { story: 'gd-sap-xep-truong' },
    { story: 'gd-phu-dong' },
  ],
  articlePath: ({ number }) => `/index.php?option=com_content&view=article&id=${number}&Itemid=45`,
  renderList(ctx) {
    const body = `<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Cải cách hành chính - ${escapeHtml(NAME)}</title>
<link rel="stylesheet" href="templates/sgd/css/template.css" type="text/css">
</head>
<body>
<table width=100% cellpadding=0 cellspacing=0><tr><td><img src=images/banner.jpg alt="${escapeHtml(NAME)}"></td></tr></table>
<div id=menu><a href=index.php>Trang chủ</a> | <a href=${LIST.slice(1)}>Cải cách hành chính</a> | <a href=index.php?option=com_content&view=category&id=52&Itemid=52>Văn bản</a></div>
<div id=content>
<h2 class=tieude-chuyenmuc>Cải cách hành chính & thủ tục hành chính</h2>
<ul class=dstin>
${ctx.items.map(entry).join('\n')}
</ul>
<div class=phantrang>Trang 1 / 3</div>
</div>
</body>
</html>
`;
    return { contentType: 'text/html; charset=utf-8', body, lastModified: newestDate(ctx) };
  },
  renderArticle(ctx, item) {
    return {
      contentType: 'text/html; charset=utf-8',
      lastModified: item.publishedAt,
      body: renderArticleHtml(ctx, item, {
        charsetTag: '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        siteName: NAME,
        dateLine: `Ngày đăng: ${dmyDashed(item.publishedAt)}`,
        classes: { container: 'item-page', title: 'contentheading', date: 'createdate', body: 'article-content' },
      }),
    };
  },
};
