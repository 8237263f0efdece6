/**
 * The report of a period (quarter, half-year, year) as `cchc compliance`,
 * the exports function and the JSON API produce it: the agencies and one
 * query of the agencies' tallies per quarter that has begun.
 */
import type { ComplianceDeps } from './view';
import { quarterState, type Period } from './periods';
import { judgePeriod, judgeQuarter } from './rules';
import type { PeriodComplianceRow, RunningComplianceRow } from './types';

/** A period's rows: quarter rows for a quarter, period rows (with `quarters`) otherwise. */
export type ComplianceReport =
  | { kind: 'quarter'; period: Period; generatedAt: string; rows: RunningComplianceRow[] }
  | { kind: 'period'; period: Period; generatedAt: string; rows: PeriodComplianceRow[] };

/** Builds the report at `now`; `agencyId` narrows it to one agency's row (an agency user's export). */
export async function buildReport(
  deps: ComplianceDeps,
  period: Period,
  now: Date,
  options: { agencyId?: string | null } = {},
): Promise<ComplianceReport> {
  const begun = period.quarters.filter((quarter) => quarterState(quarter, now) !== 'future');
  const [all, ...lists] = await Promise.all([deps.sources.listAgencies(), ...begun.map((quarter) => deps.stories.quarterTallies(quarter))]);
  const agencies = options.agencyId ? all.filter((agency) => agency.id === options.agencyId) : all;
  const talliesByQuarter = new Map(begun.map((quarter, index) => [quarter, lists[index]!]));
  const generatedAt = now.toISOString();
  if (period.kind === 'quarter') {
    const quarter = period.quarters[0]!;
    return { kind: 'quarter', period, generatedAt, rows: judgeQuarter({ quarter, agencies, tallies: talliesByQuarter.get(quarter) ?? new Map(), now }) };
  }
  return {
    kind: 'period',
    period,
    generatedAt,
    rows: judgePeriod({ quarters: period.quarters, agencies, talliesByQuarter, now }),
  };
}

/** The contract's JSON: the array of rows. */
export function reportJson(report: ComplianceReport): string {
  return `${JSON.stringify(report.rows, null, 2)}\n`;
}
