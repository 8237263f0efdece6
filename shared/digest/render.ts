/**
 * The digest rendered: an HTML e-mail (inline CSS only, one column at most
 * 600 px wide so it reads on a phone, Vietnamese, every value escaped) and
 * its plain-text part, both from the same {@link DigestContent}. Pure and
 * deterministic: the same content renders to the same bytes, so the
 * archived HTML is what the first recipients got.
 *
 * The archived HTML has no unsubscribe link (it is shared); each message
 * adds its recipient's own.
 */
import { html, type RawHtml } from '../web/html';
import { displayInstant, type DigestContent } from './content';

/** What a message adds to the archived rendering. */
export interface RenderOptions {
  /** The recipient's own unsubscribe link (messages only). */
  unsubscribeUrl?: string;
  /** The digest's page in the app, `/digests/<week>` under the app's URL. */
  archiveUrl?: string;
}

const C = {
  ink: '#1d2733',
  muted: '#5b6775',
  line: '#d9dee4',
  accent: '#a4161a',
  link: '#0b5394',
  bg: '#f6f7f9',
};
const FONT = 'font-family:Arial,Helvetica,sans-serif;';

/** "Bản tin CCHC tuần 14/2025 (31/03/2025 – 06/04/2025)". */
export function digestSubject(content: DigestContent): string {
  return `Bản tin CCHC ${content.weekLabel} (${content.period.firstDay} – ${content.period.lastDay})`;
}

function daysLeftText(daysLeft: number | null): string {
  if (daysLeft === null) return 'quý đã kết thúc';
  return daysLeft > 1 ? `còn ${daysLeft} ngày` : 'hôm nay là ngày cuối của quý';
}

function heading(text: string): RawHtml {
  return html`<h2 style="${FONT}font-size:18px;line-height:24px;color:${C.accent};margin:24px 0 8px;padding:0 0 4px;border-bottom:2px solid ${C.line}">${text}</h2>`;
}

function storiesHtml(content: DigestContent): RawHtml {
  if (content.empty) {
    return html`<p data-section="empty" style="${FONT}font-size:16px;line-height:24px;color:${C.ink};margin:16px 0">Tuần này không có tin cải cách hành chính nào được ghi nhận.</p>`;
  }
  return html`<div data-section="areas">${content.areas.map(
    (group) => html`<div data-area="${group.area}">${heading(`${group.name} (${group.count})`)}${group.stories.map(
      (story) => html`<div data-story="${story.id}" style="margin:0 0 14px">
<a href="${story.url}" style="${FONT}font-size:16px;line-height:22px;color:${C.link};font-weight:bold;text-decoration:underline">${story.title}</a>
<div style="${FONT}font-size:13px;line-height:18px;color:${C.muted}"><span data-field="agency">${story.agencyName}</span> · <span data-field="date">${story.date}</span></div>
${story.summary ? html`<div data-field="summary" style="${FONT}font-size:14px;line-height:20px;color:${C.ink}">${story.summary}</div>` : ''}
</div>`,
    )}</div>`,
  )}</div>`;
}

function countsHtml(content: DigestContent): RawHtml {
  if (content.empty) return html``;
  const row = (label: string, count: number, attr: string) =>
    html`<tr data-count="${attr}"><td style="${FONT}font-size:14px;line-height:20px;color:${C.ink};padding:4px 8px 4px 0;border-bottom:1px solid ${C.line}">${label}</td><td style="${FONT}font-size:14px;line-height:20px;color:${C.ink};padding:4px 0;border-bottom:1px solid ${C.line};text-align:right;white-space:nowrap">${count}</td></tr>`;
  const table = (title: string, rows: RawHtml[], section: string) =>
    html`<table data-section="${section}" role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px"><tr><th style="${FONT}font-size:13px;color:${C.muted};text-align:left;padding:4px 0">${title}</th><th style="${FONT}font-size:13px;color:${C.muted};text-align:right;padding:4px 0">Số tin</th></tr>${rows}</table>`;
  return html`${heading('Thống kê trong tuần')}
${table('Theo lĩnh vực', content.areas.map((g) => row(g.name, g.count, g.area)), 'counts-areas')}
${table('Theo cơ quan', content.agencies.map((a) => row(a.agencyName, a.count, a.agencyId)), 'counts-agencies')}`;
}

function scheduleHtml(content: DigestContent): RawHtml {
  return html`<div data-section="schedule">${heading('Lịch đăng, phát sóng sắp tới')}${
    content.schedule.length === 0
      ? html`<p style="${FONT}font-size:14px;color:${C.muted}">Chưa cấu hình ban biên tập nào.</p>`
      : content.schedule.map(
          (slot) => html`<div data-desk="${slot.deskId}" data-slot="${slot.slotId}" style="margin:0 0 12px">
<div style="${FONT}font-size:15px;line-height:22px;color:${C.ink};font-weight:bold">${slot.deskName}: ${slot.slotLabel}</div>
${
  slot.stories.length === 0
    ? html`<div style="${FONT}font-size:14px;line-height:20px;color:${C.muted}">Chưa có tin nào được xếp lịch.</div>`
    : html`<ol style="${FONT}font-size:14px;line-height:20px;color:${C.ink};margin:4px 0;padding-left:20px">${slot.stories.map(
        (story) => html`<li data-scheduled="${story.storyId}">${story.title} <span style="color:${C.muted}">(${story.agencyName})</span></li>`,
      )}</ol>`
}
</div>`,
        )
  }</div>`;
}

function complianceHtml(content: DigestContent): RawHtml {
  const c = content.compliance;
  return html`<div data-section="compliance">${heading(`Tình hình gửi tin ${c.quarterLabel}`)}
<p data-field="submitted" style="${FONT}font-size:15px;line-height:22px;color:${C.ink};margin:0 0 8px">Đã có tin: <strong>${c.submitted}/${c.total}</strong> cơ quan, đơn vị (${daysLeftText(c.daysLeft)}).</p>
${
  c.missing.length === 0
    ? html`<p style="${FONT}font-size:14px;color:${C.ink}">Mọi cơ quan, đơn vị đều đã có tin trong quý.</p>`
    : html`<div style="${FONT}font-size:14px;line-height:20px;color:${C.ink}">Chưa có tin (${c.missing.length}):</div><ul style="${FONT}font-size:14px;line-height:20px;color:${C.ink};margin:4px 0;padding-left:20px">${c.missing.map(
        (m) => html`<li data-missing="${m.agencyId}">${m.agencyName} — ${daysLeftText(m.daysLeft)}</li>`,
      )}</ul>`
}
</div>`;
}

/** The HTML e-mail (and, without options, the archived page). */
export function renderDigestHtml(content: DigestContent, options: RenderOptions = {}): string {
  const intro = content.empty
    ? `Bản tin ${content.weekLabel}, từ ${content.period.firstDay} đến ${content.period.lastDay}.`
    : `Bản tin ${content.weekLabel}, từ ${content.period.firstDay} đến ${content.period.lastDay}: ${content.totals.stories} tin của ${content.totals.agencies} cơ quan, đơn vị thuộc ${content.totals.areas} lĩnh vực.`;
  const footer = html`<div data-section="footer" style="${FONT}font-size:12px;line-height:18px;color:${C.muted};margin:24px 0 0;padding:12px 0 0;border-top:1px solid ${C.line}">
Bản tin tự động của Hệ thống tin CCHC tỉnh Bình Định, gửi lúc ${displayInstant(content.sendAt)}.
${options.archiveUrl ? html`<br><a href="${options.archiveUrl}" style="color:${C.link}">Xem bản tin trên hệ thống</a>` : ''}
${options.unsubscribeUrl ? html`<br><a data-link="unsubscribe" href="${options.unsubscribeUrl}" style="color:${C.link}">Hủy đăng ký nhận bản tin</a>` : ''}
</div>`;
  const body = html`<body style="margin:0;padding:0;background:${C.bg}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;background:${C.bg}"><tr><td align="center" style="padding:12px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;max-width:600px;background:#ffffff;border:1px solid ${C.line}"><tr><td style="padding:16px">
<h1 style="${FONT}font-size:22px;line-height:28px;color:${C.accent};margin:0 0 8px">Bản tin CCHC ${content.weekLabel}</h1>
<p data-field="intro" style="${FONT}font-size:15px;line-height:22px;color:${C.ink};margin:0 0 8px">${intro}</p>
${storiesHtml(content)}
${countsHtml(content)}
${scheduleHtml(content)}
${complianceHtml(content)}
${footer}
</td></tr></table>
</td></tr></table>
</body>`;
  return `<!doctype html>\n${html`<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${digestSubject(content)}</title></head>`}${body}</html>\n`;
}

/** The plain-text part. */
export function renderDigestText(content: DigestContent, options: RenderOptions = {}): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(digestSubject(content).toUpperCase(), '');
  if (content.empty) {
    push('Tuần này không có tin cải cách hành chính nào được ghi nhận.', '');
  } else {
    push(`${content.totals.stories} tin của ${content.totals.agencies} cơ quan, đơn vị thuộc ${content.totals.areas} lĩnh vực.`, '');
    for (const group of content.areas) {
      push(`== ${group.name} (${group.count}) ==`, '');
      for (const story of group.stories) {
        push(`* ${story.title}`, `  ${story.agencyName} · ${story.date}`);
        if (story.summary) push(`  ${story.summary}`);
        push(`  ${story.url}`, '');
      }
    }
    push('== Thống kê theo cơ quan ==');
    for (const agency of content.agencies) push(`- ${agency.agencyName}: ${agency.count}`);
    push('');
  }
  push('== Lịch đăng, phát sóng sắp tới ==');
  if (content.schedule.length === 0) push('Chưa cấu hình ban biên tập nào.');
  for (const slot of content.schedule) {
    push(`${slot.deskName}: ${slot.slotLabel}`);
    if (slot.stories.length === 0) push('  Chưa có tin nào được xếp lịch.');
    slot.stories.forEach((story, index) => push(`  ${index + 1}. ${story.title} (${story.agencyName})`));
  }
  push('');
  const c = content.compliance;
  push(`== Tình hình gửi tin ${c.quarterLabel} ==`, `Đã có tin: ${c.submitted}/${c.total} cơ quan, đơn vị (${daysLeftText(c.daysLeft)}).`);
  if (c.missing.length) {
    push(`Chưa có tin (${c.missing.length}):`);
    for (const m of c.missing) push(`- ${m.agencyName} — ${daysLeftText(m.daysLeft)}`);
  } else {
    push('Mọi cơ quan, đơn vị đều đã có tin trong quý.');
  }
  push('', '--', `Bản tin tự động của Hệ thống tin CCHC tỉnh Bình Định, gửi lúc ${displayInstant(content.sendAt)}.`);
  if (options.archiveUrl) push(`Xem trên hệ thống: ${options.archiveUrl}`);
  if (options.unsubscribeUrl) push(`Hủy đăng ký nhận bản tin: ${options.unsubscribeUrl}`);
  return `${lines.join('\n')}\n`;
}

/** The archived JSON: the content as data, stable key order, UTF-8. */
export function renderDigestJson(content: DigestContent): string {
  return `${JSON.stringify(content, null, 2)}\n`;
}

