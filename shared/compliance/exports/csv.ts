/**
 * CSV for Excel: UTF-8 with a BOM (so Excel reads the diacritics), CRLF
 * line ends, RFC 4180 quoting, and text that would start a formula
 * (= + - @, tab, CR) prefixed with an apostrophe so a hostile title cannot
 * run in the reader's spreadsheet.
 */
import type { ComplianceReport } from '../report';
import { reportTable, type Cell } from './table';

const BOM = '\uFEFF';

/** One cell, guarded and quoted. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Rows to CSV text (BOM first, CRLF). */
export function toCsv(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The report as CSV. */
export function complianceCsv(report: ComplianceReport): string {
  const table = reportTable(report);
  return toCsv(table.headers, table.rows);
}
