/**
 * The reminder e-mails, in Vietnamese: plain text (what every reader gets)
 * and a simple HTML version with inline styles (mail programs drop
 * stylesheets). Every dynamic value in the HTML is escaped.
 */
import { AREA_NAMES } from '../config/areas';
import type { OutgoingMail } from '../mail/mailer';
import { escapeHtml } from '../web/html';
import { KIND_NAMES, mailStrings } from '../web/strings-mail';
import { sourcesTroubled, type AgencyReminder, type ReminderPlan } from './plan';

/** Headers every automatic message carries (RFC 3834: no auto-replies to it). */
const AUTOMATIC_HEADERS = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } as const;

/** `2026-12-31` → `31/12/2026`. */
export function formatDay(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}/${month}/${year}`;
}

/** The tag of a reminder: also its file name in the outbox. */
export function reminderTag(quarter: string, threshold: number, target: string): string {
  return `reminder:${quarter}:${threshold}:${target}`;
}

/** The compliance page of the quarter, under the product's base URL. */
export function complianceLink(appUrl: string, quarter: string): string {
  return `${appUrl.replace(/\/+$/, '')}/compliance/${quarter}`;
}

const PARAGRAPH = 'margin:0 0 12px 0;font:15px/1.5 Arial,Helvetica,sans-serif;color:#1d2733';
const WRAPPER = 'max-width:640px;padding:16px;border-top:4px solid #a4161a;background:#ffffff';

function htmlDocument(body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body style="margin:0;background:#f6f7f9"><div style="${WRAPPER}">${body}</div></body></html>`;
}

const p = (text: string) => `<p style="${PARAGRAPH}">${escapeHtml(text)}</p>`;
const areaList = (areas: readonly string[]) => areas.map((area) => AREA_NAMES[area as keyof typeof AREA_NAMES] ?? area);

/** One agency's reminder: what is missing and by when. */
export function agencyReminderMail(plan: ReminderPlan & { threshold: number }, reminder: AgencyReminder, appUrl: string): OutgoingMail {
  const s = mailStrings.agency;
  const quarterName = mailStrings.quarterName(plan.quarter);
  const deadline = formatDay(plan.lastDay);
  const link = complianceLink(appUrl, plan.quarter);
  const missingAreas = areaList(reminder.row.leadAreasMissing);
  const what = reminder.row.status === 'missing' ? [s.missing] : [s.leadMissing(reminder.row.items)];
  const text = [
    s.greeting(reminder.agencyName),
    '',
    s.intro(quarterName, plan.daysLeft),
    '',
    ...what,
    ...(reminder.row.status === 'lead_missing' ? missingAreas.map((name) => `  - ${name}`) : []),
    '',
    ...(sourcesTroubled(reminder.row) ? [s.sourceTrouble, ''] : []),
    s.deadline(deadline),
    '',
    `${s.link} ${link}`,
    '',
    s.closing,
    '',
    s.signature,
  ].join('\n');
  const html = htmlDocument(
    [
      p(s.greeting(reminder.agencyName)),
      p(s.intro(quarterName, plan.daysLeft)),
      p(what[0]!),
      reminder.row.status === 'lead_missing'
        ? `<ul style="${PARAGRAPH}">${missingAreas.map((name) => `<li><strong>${escapeHtml(name)}</strong></li>`).join('')}</ul>`
        : '',
      sourcesTroubled(reminder.row) ? p(s.sourceTrouble) : '',
      `<p style="${PARAGRAPH}"><strong>${escapeHtml(s.deadline(deadline))}</strong></p>`,
      `<p style="${PARAGRAPH}">${escapeHtml(s.link)} <a href="${escapeHtml(link)}" style="color:#0b5394">${escapeHtml(link)}</a></p>`,
      `<p style="${PARAGRAPH};color:#5b6775;font-size:13px">${escapeHtml(s.closing)}<br>${escapeHtml(s.signature)}</p>`,
    ].join(''),
  );
  return {
    to: reminder.to,
    subject: s.subject(quarterName, deadline),
    text,
    html,
    headers: { ...AUTOMATIC_HEADERS },
    tag: reminderTag(plan.quarter, plan.threshold, reminder.agencyId),
  };
}

/** Sở Nội vụ's roll-up: the laggards by kind, with their status. */
export function rollupMail(plan: ReminderPlan & { threshold: number }, appUrl: string): OutgoingMail {
  const rollup = plan.rollup;
  if (!rollup) throw new Error('the plan has no roll-up (no Sở Nội vụ address configured)');
  const s = mailStrings.rollup;
  const quarterName = mailStrings.quarterName(plan.quarter);
  const deadline = formatDay(plan.lastDay);
  const link = complianceLink(appUrl, plan.quarter);
  const statusOf = (row: (typeof rollup.groups)[number]['rows'][number]) =>
    [row.status === 'missing' ? s.statusMissing : s.statusLeadMissing(areaList(row.leadAreasMissing).join('; ')), ...(sourcesTroubled(row) ? [s.sourceTrouble] : []), ...(row.reminded ? [] : [s.noContact])].join(' — ');

  const lines = [s.intro(quarterName, deadline), ''];
  if (rollup.groups.length === 0) lines.push(s.none);
  for (const group of rollup.groups) {
    lines.push(`${KIND_NAMES[group.kind]} (${group.rows.length}):`);
    for (const row of group.rows) lines.push(`  - ${row.agencyName}: ${statusOf(row)}`);
    lines.push('');
  }
  if (rollup.laggards > 0) lines.push(s.reminded(rollup.reminded), '');
  lines.push(`${s.link} ${link}`);

  const sections = rollup.groups.map(
    (group) =>
      `<h3 style="margin:16px 0 6px 0;font:bold 15px Arial,Helvetica,sans-serif;color:#a4161a">${escapeHtml(KIND_NAMES[group.kind])} (${group.rows.length})</h3>` +
      `<table style="border-collapse:collapse;width:100%;font:14px/1.4 Arial,Helvetica,sans-serif">${group.rows
        .map(
          (row) =>
            `<tr><td style="padding:4px 8px;border-bottom:1px solid #d9dee4">${escapeHtml(row.agencyName)}</td><td style="padding:4px 8px;border-bottom:1px solid #d9dee4;color:${row.status === 'missing' ? '#b00020' : '#b35c00'}">${escapeHtml(statusOf(row))}</td></tr>`,
        )
        .join('')}</table>`,
  );
  const html = htmlDocument(
    [
      p(s.intro(quarterName, deadline)),
      rollup.groups.length === 0 ? p(s.none) : sections.join(''),
      rollup.laggards > 0 ? p(s.reminded(rollup.reminded)) : '',
      `<p style="${PARAGRAPH}">${escapeHtml(s.link)} <a href="${escapeHtml(link)}" style="color:#0b5394">${escapeHtml(link)}</a></p>`,
    ].join(''),
  );
  return {
    to: rollup.to,
    subject: s.subject(quarterName, plan.daysLeft, rollup.laggards),
    text: lines.join('\n'),
    html,
    headers: { ...AUTOMATIC_HEADERS },
    tag: reminderTag(plan.quarter, plan.threshold, 'rollup'),
  };
}
