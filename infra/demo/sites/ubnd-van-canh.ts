/**
 * UBND huyện Vân Canh — an old table-layout ASP site in windows-1258,
 * declared only in `<meta http-equiv>` (the header has no charset); tone
 * marks are combining characters in this code page. Dates
 * `ngày 23 tháng 11 năm 2026` (plain, zero-padded and capitalised variants),
 * date only. The list has no summaries; links are page-relative
 * (`chitiet.asp?id=…`); one title starts with numeric character references.
 */
import { longVietnamese } from '../render/dates';
import { toWindows1258 } from '../render/encoding';
import { escapeHtml, newestDate, renderArticleHtml } from '../render/html';
import type { DemoItem, DemoSite } from '../types';

const NAME = 'Cổng thông tin điện tử huyện Vân Canh';
const META = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">';
const VARIANTS = ['plain', 'padded', 'capital'] as const;

/** The first word written as numeric character references, as some editors save it. */
function withReferences(title: string): string {
  const space = title.indexOf(' ');
  const head = [...title.slice(0, space)].map((char) => `&#${char.codePointAt(0)};`).join('');
  return head + escapeHtml(title.slice(space));
}

const dateOf = (item: DemoItem) => longVietnamese(item.publishedAt, VARIANTS[item.index % 3]);

export const ubndVanCanh: DemoSite = {
  id: 'ubnd-van-canh-cchc',
  agencyId: 'ubnd-van-canh',
  port: 4106,
  name: NAME,
  voice: { agency: 'UBND huyện Vân Canh', units: 'các xã, thị trấn', place: 'trên địa bàn huyện' },
  source: {
    kind: 'html',
    path: '/tintuc/cchc.asp',
    html: { item: 'table.tin-tuc tr.dong-tin', title: 'a.tieu-de', link: 'a.tieu-de', date: 'span.ngay-dang' },
  },
  quirks: [
    'windows-1258 declared only in <meta http-equiv>, combining tone marks',
    'dates "ngày 23 tháng 11 năm 2026" (variants), date only',
    'no summaries in the list: the article page has them',
    'page-relative links, numeric character references in a title',
  ],
  robots: 'User-agent: *\nDisallow: /admin/\nDisallow: /tintuc/in.asp\n',
  items: [
    { story: 'vc-mot-cua' },
    { story: 'vc-le-hoi' },
    { story: 'vc-dinh-danh' },
    { story: 'tpl-dvc-truc-tuyen' },
    { story: 'vc-sap-xep-thon' },
    { story: 'vc-mi' },
    { story: 'vc-to-cnsct' },
    { story: 'tpl-danh-gia-quy' },
    { story: 'vc-mua-lu' },
  ],
  articlePath: ({ number }) => `/tintuc/chitiet.asp?id=${number}`,
  encode: toWindows1258,
  renderList(ctx) {
    const rows = ctx.items
      .map(
        (item) => `<tr class="dong-tin">
<td width="110" valign="top"><img src="../images/tin/${item.number}.jpg" width="100" height="75" border="0"></td>
<td valign="top"><a class="tieu-de" href="chitiet.asp?id=${item.number}"><font face="Arial" size="2"><b>${item.index === 0 ? withReferences(item.title) : escapeHtml(item.title)}</b></font></a><br>
<span class="ngay-dang">${dateOf(item)}</span></td>
</tr>
<tr><td colspan="2"><hr size="1" color="#cccccc"></td></tr>`,
      )
      .join('\n');
    const body = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
${META}
<title>UBND huyện Vân Canh - Cải cách hành chính</title>
<link href="../css/style.css" rel="stylesheet" type="text/css">
</head>
<body topmargin="0" leftmargin="0">
<table width="980" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="../images/banner.jpg" width="980" height="120" alt="${escapeHtml(NAME)}"></td></tr>
<tr><td width="200" valign="top" class="menu-trai">
<a href="../index.asp">Trang chủ</a><br>
<a href="cchc.asp">Cải cách hành chính</a><br>
<a href="vanban.asp">Văn bản chỉ đạo</a><br>
<a href="lienhe.asp">Liên hệ</a>
</td>
<td valign="top">
<div class="tieu-de-muc">CẢI CÁCH HÀNH CHÍNH</div>
<table class="tin-tuc" width="100%" cellpadding="4" cellspacing="0">
${rows}
</table>
</td></tr>
</table>
</body>
</html>
`;
    return { contentType: 'text/html', body, lastModified: newestDate(ctx) };
  },
  renderArticle(ctx, item) {
    return {
      contentType: 'text/html',
      lastModified: item.publishedAt,
      body: renderArticleHtml(ctx, item, {
        charsetTag: META,
        siteName: NAME,
        dateLine: `Cập nhật: ${dateOf(item)}`,
        classes: { container: 'chi-tiet', title: 'tieu-de-tin', date: 'ngay-dang', body: 'noi-dung' },
        related: ctx.items
          .filter((other) => other.key !== item.key)
          .slice(0, 3)
          .map((other) => ({ item: other, href: `chitiet.asp?id=${other.number}` })),
      }),
    };
  },
};
