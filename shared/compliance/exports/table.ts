/**
 * The report as a table with Vietnamese headers, shared by the CSV and XLSX
 * writers so both carry the same columns: one column per reform area (its
 * Vietnamese name), and for a half-year or year the totals followed by each
 * quarter's items and status.
 */
import { AREA_IDS, AREA_NAMES, type AreaId } from '../../config/areas';
import { formatVietnamDateTime } from '../../web/html';
import { complianceVi, quarterLabel } from '../../web/strings-compliance';
import type { ComplianceReport } from '../report';
import type { RunningComplianceRow } from '../types';

/** A cell: text, a number, or empty. */
export type Cell = string | number | null;

/** The report as rows of cells. */
export interface ReportTable {
  title: string;
  headers: string[];
  rows: Cell[][];
}

const areaList = (areas: readonly AreaId[]): string | null => areas.map((area) => AREA_NAMES[area] ?? area).join('; ') || null;

/** The table of a report. */
export function reportTable(report: ComplianceReport): ReportTable {
  const v = complianceVi.columns;
  const running = report.kind === 'quarter' && report.rows.some((row) => row.daysLeft !== undefined);
  const base = [v.agencyId, v.agency, v.kind, v.items, ...AREA_IDS.map((area) => AREA_NAMES[area]), v.leadAreas, v.leadAreasMissing, v.status, v.firstAt, v.lastAt];
  const quarters = report.kind === 'quarter' ? [] : report.period.quarters;
  const headers = [
    ...base,
    ...(running ? [v.daysLeft] : []),
    ...quarters.flatMap((quarter) => [`${v.items} quý ${quarterLabel(quarter)}`, `${v.status} quý ${quarterLabel(quarter)}`]),
  ];
  const cells = (row: RunningComplianceRow): Cell[] => [
    row.agencyId,
    row.agencyName,
    complianceVi.kinds[row.kind] ?? row.kind,
    row.items,
    ...AREA_IDS.map((area) => row.areas[area] ?? 0),
    areaList(row.leadAreas),
    areaList(row.leadAreasMissing),
    complianceVi.statuses[row.status],
    formatVietnamDateTime(row.firstAt) || null,
    formatVietnamDateTime(row.lastAt) || null,
  ];
  const rows: Cell[][] =
    report.kind === 'quarter'
      ? report.rows.map((row) => [...cells(row), ...(running ? [row.daysLeft ?? null] : [])])
      : report.rows.map((row) => [
          ...cells(row),
          ...quarters.flatMap((quarter) => {
            const entry = row.quarters[quarter];
            return entry ? [entry.items, complianceVi.statuses[entry.status]] : [null, complianceVi.history.notJudged];
          }),
        ]);
  return { title: complianceVi.periodTitle(report.period.id), headers, rows };
}
