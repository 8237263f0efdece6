/**
 * A scheduled TV segment's rundown — order, titles, agencies, airtime each
 * and in total — for print and for CSV. Pure: the caller loads the entries
 * in running order and the agencies' names.
 */
import type { SlotDefinition } from './config';
import type { DeskEntry } from './workflow';
import { formatSeconds, requireSlotId, slotLabel } from './slots';
import { desksVi } from './strings';
import { html, layout, raw } from '../web/html';

/** What a rundown needs of each scheduled story. */
export type RundownEntry = Pick<DeskEntry, 'storyId' | 'title' | 'agencyId' | 'seconds'>;

/** One line of the rundown. */
export interface RundownRow {
  /** 1-based running order. */
  order: number;
  storyId: string;
  title: string;
  agencyName: string;
  seconds: number;
}

/** A segment's rundown with its budget, so a printout shows whether it is within 10–15 minutes. */
export interface Rundown {
  slotId: string;
  /** "Chương trình CCHC phát sóng thứ Bảy, 05/12/2026" */
  label: string;
  rows: RundownRow[];
  totalSeconds: number;
  minSeconds: number;
  maxSeconds: number;
}

/**
 * The rundown of one air date, rows in the order given.
 * @throws SlotIdError when the slot is not a segment or the id is not one of its air dates.
 */
export function buildRundown(
  slot: SlotDefinition,
  slotId: string,
  entries: readonly RundownEntry[],
  agencyNames: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): Rundown {
  if (slot.kind !== 'recurring-segment') throw new TypeError(desksVi.errors.notSegment);
  requireSlotId(slot, slotId);
  const nameOf = (id: string) =>
    (agencyNames instanceof Map ? agencyNames.get(id) : (agencyNames as Readonly<Record<string, string>>)[id]) ?? id;
  const rows = entries.map((entry, index) => ({
    order: index + 1,
    storyId: entry.storyId,
    title: entry.title,
    agencyName: nameOf(entry.agencyId),
    // Airtime is whole seconds on air; an unknown figure counts as none.
    seconds: Number.isFinite(entry.seconds) && entry.seconds > 0 ? Math.round(entry.seconds) : 0,
  }));
  return {
    slotId,
    label: slotLabel(slot, slotId),
    rows,
    totalSeconds: rows.reduce((sum, row) => sum + row.seconds, 0),
    minSeconds: slot.minSeconds,
    maxSeconds: slot.maxSeconds,
  };
}

/**
 * A text cell: a leading = + - @ (or tab / carriage return) would make a
 * spreadsheet run it as a formula, so it gets an apostrophe; quoted when it
 * holds a comma, a quote or a line break.
 */
function csvText(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) || guarded !== guarded.trim() ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/**
 * The rundown as CSV for Excel and LibreOffice: UTF-8 with a BOM (so
 * Vietnamese opens correctly), CRLF line ends, Vietnamese headers, one row
 * per story and a total row.
 */
export function rundownCsv(rundown: Rundown): string {
  const lines = [desksVi.rundown.csvHeaders.map(csvText).join(',')];
  for (const row of rundown.rows) {
    lines.push([String(row.order), csvText(row.title), csvText(row.agencyName), String(row.seconds), formatSeconds(row.seconds)].join(','));
  }
  lines.push(['', csvText(desksVi.rundown.total), '', String(rundown.totalSeconds), formatSeconds(rundown.totalSeconds)].join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// On paper: no site header, black on white, rows never split across pages.
const PRINT_STYLE = `
.rundown td.num,.rundown th.num{text-align:right;white-space:nowrap}.rundown tfoot td{font-weight:700;border-top:2px solid var(--ink)}
.rundown .warn-line{color:var(--bad);font-weight:600}
@media print{header.top,.no-print{display:none!important}body{background:#fff;color:#000;font-size:12pt}main{max-width:none;padding:0}
table,thead,tbody,tfoot,tr,td,th{display:revert!important}thead{display:table-header-group!important}tr{break-inside:avoid}
th,td{border-bottom:1px solid #999}a{color:#000;text-decoration:none}@page{size:A4;margin:15mm}}
`;

/** Options of the printable page. */
export interface RundownPrintOptions {
  /** A link to the CSV export, shown on screen only. */
  csvHref?: string;
  /** When the page was produced, already formatted for display (e.g. formatVietnamDateTime). */
  generatedAt?: string;
}

/** The rundown as a printable Vietnamese HTML page (every value escaped; works without JavaScript). */
export function renderRundownPrint(rundown: Rundown, options: RundownPrintOptions = {}): string {
  const t = desksVi.rundown;
  const over = rundown.totalSeconds - rundown.maxSeconds;
  const short = rundown.minSeconds - rundown.totalSeconds;
  const body = html`<style>${raw(PRINT_STYLE)}</style>
<section class="rundown">
<h1>${t.heading(rundown.label)}</h1>
<p class="muted">${t.budget(formatSeconds(rundown.minSeconds), formatSeconds(rundown.maxSeconds))} · ${t.stories(rundown.rows.length)}${options.generatedAt ? ` · ${t.generatedAt(options.generatedAt)}` : ''}</p>
${over > 0 ? html`<p class="warn-line">${t.overMax(formatSeconds(over))}</p>` : short > 0 && rundown.rows.length > 0 ? html`<p class="warn-line">${t.underMin(formatSeconds(short))}</p>` : ''}
${rundown.rows.length === 0
    ? html`<p>${t.empty}</p>`
    : html`<table>
<thead><tr><th class="num" scope="col">${t.columns.order}</th><th scope="col">${t.columns.title}</th><th scope="col">${t.columns.agency}</th><th class="num" scope="col">${t.columns.airtime}</th></tr></thead>
<tbody>${rundown.rows.map((row) => html`<tr><td class="num">${row.order}</td><td>${row.title}</td><td>${row.agencyName}</td><td class="num">${formatSeconds(row.seconds)}</td></tr>`)}</tbody>
<tfoot><tr><td></td><td>${t.total}</td><td></td><td class="num">${formatSeconds(rundown.totalSeconds)}</td></tr></tfoot>
</table>`}
<p class="muted no-print">${t.printHint}${options.csvHref ? html` · <a href="${options.csvHref}">${t.csvLink}</a>` : ''}</p>
</section>`;
  return layout(`${t.title} ${rundown.slotId}`, body);
}
