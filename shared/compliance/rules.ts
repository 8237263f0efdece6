/**
 * The counting rules of the contract ("Compliance rules"), pure: which
 * agencies a quarter judges, what counts for each, and the status. The
 * store hands in the quarter's credits (each carrying its story's effective
 * label and Sở Nội vụ's mark); nothing here reads a clock or a table.
 */
import { AREA_IDS, type AreaId } from '../config/areas';
import type { Agency } from '../config/schema';
import { daysLeft, quarterRange } from './periods';
import { EMPTY_TALLY, contributionOf, tallyOf, talliesOfCredits, type QuarterTally } from './tally';
import {
  creditCounts,
  type ComplianceRow,
  type ComplianceStatus,
  type PeriodComplianceRow,
  type QuarterCredit,
  type RunningComplianceRow,
} from './types';
import { compareVietnamese } from '../text/collate';

/** The order agency kinds are listed in (the registry's enum order). */
export const KIND_ORDER: readonly Agency['kind'][] = ['department', 'district', 'commune', 'central', 'association', 'press', 'office'];

const STATUS_RANK: Record<ComplianceStatus, number> = { met: 0, lead_missing: 1, missing: 2 };

/**
 * Whether the agency is judged in the quarter: its validity (validFrom ..
 * validTo, inclusive Vietnam dates) overlaps the quarter's days.
 */
export function isJudged(agency: Pick<Agency, 'validFrom' | 'validTo'>, quarter: string): boolean {
  const { firstDay, lastDay } = quarterRange(quarter);
  return agency.validFrom <= lastDay && (agency.validTo === null || agency.validTo >= firstDay);
}

/** Rows in report order: by kind, then by Vietnamese name. */
export function compareAgencies(a: Pick<Agency, 'kind' | 'name' | 'id'>, b: Pick<Agency, 'kind' | 'name' | 'id'>): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareVietnamese(a.name, b.name) || a.id.localeCompare(b.id);
}

const instant = (iso: string) => new Date(iso).getTime();

/**
 * The credits that count for one agency in one quarter: its own, in that
 * quarter, counted by precedence (mark > label), each story once, oldest
 * first.
 */
export function countedCredits(credits: readonly QuarterCredit[], agencyId: string, quarter: string): QuarterCredit[] {
  const byStory = new Map<string, QuarterCredit>();
  for (const credit of credits) {
    if (credit.agencyId !== agencyId || credit.quarter !== quarter || !creditCounts(credit)) continue;
    if (!byStory.has(credit.storyId)) byStory.set(credit.storyId, credit);
  }
  return [...byStory.values()].sort((a, b) => instant(a.sortAt) - instant(b.sortAt) || a.storyId.localeCompare(b.storyId));
}

/** One agency's row from its counted credits. */
export function rowOf(agency: Agency, counted: readonly QuarterCredit[]): ComplianceRow {
  return rowFromTally(agency, tallyOf(counted.map(contributionOf)));
}

/** One agency's row from what its counted stories add up to. */
export function rowFromTally(agency: Agency, tally: QuarterTally): ComplianceRow {
  const leadAreas = [...agency.leadAreas];
  const leadAreasMissing = leadAreas.filter((area) => !tally.areas[area]);
  const status: ComplianceStatus = tally.items === 0 ? 'missing' : leadAreasMissing.length ? 'lead_missing' : 'met';
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    kind: agency.kind,
    items: tally.items,
    areas: { ...tally.areas },
    leadAreas,
    leadAreasMissing,
    status,
    firstAt: tally.firstAt,
    lastAt: tally.lastAt,
  };
}

/**
 * Every agency judged in the quarter, with its standing. A quarter still
 * running at `now` shows its status as of now, with `daysLeft`.
 */
export function judgeQuarter(input: {
  quarter: string;
  agencies: readonly Agency[];
  /** The quarter's credits, or (faster) the agencies' stored tallies. */
  credits?: readonly QuarterCredit[];
  tallies?: ReadonlyMap<string, QuarterTally>;
  now: Date;
}): RunningComplianceRow[] {
  const left = daysLeft(input.quarter, input.now);
  const tallies = input.tallies ?? talliesOfCredits(input.credits ?? [], input.quarter);
  return input.agencies
    .filter((agency) => isJudged(agency, input.quarter))
    .sort(compareAgencies)
    .map((agency) => {
      const row: RunningComplianceRow = rowFromTally(agency, tallies.get(agency.id) ?? EMPTY_TALLY);
      if (left !== null) row.daysLeft = left;
      return row;
    });
}

/**
 * A half-year or year: one row per agency judged in at least one of the
 * quarters, with each judged quarter's row and the totals (see
 * {@link PeriodComplianceRow}). Quarters not begun at `now` judge nobody.
 */
export function judgePeriod(input: {
  quarters: readonly string[];
  agencies: readonly Agency[];
  /** Each begun quarter's credits, or (faster) its stored tallies by agency. */
  creditsByQuarter?: ReadonlyMap<string, readonly QuarterCredit[]>;
  talliesByQuarter?: ReadonlyMap<string, ReadonlyMap<string, QuarterTally>>;
  now: Date;
}): PeriodComplianceRow[] {
  const perQuarter = input.quarters
    .filter((quarter) => quarterRange(quarter).start.getTime() <= input.now.getTime())
    .map((quarter) => ({ quarter, rows: judgeQuarter({ quarter, agencies: input.agencies, credits: input.creditsByQuarter?.get(quarter), tallies: input.talliesByQuarter?.get(quarter), now: input.now }) }));
  const result: PeriodComplianceRow[] = [];
  for (const agency of [...input.agencies].sort(compareAgencies)) {
    const quarters: Record<string, RunningComplianceRow> = {};
    for (const { quarter, rows } of perQuarter) {
      const row = rows.find((candidate) => candidate.agencyId === agency.id);
      if (row) quarters[quarter] = row;
    }
    const judged = Object.values(quarters);
    if (!judged.length) continue;
    const areas: Partial<Record<AreaId, number>> = {};
    for (const area of AREA_IDS) {
      const sum = judged.reduce((total, row) => total + (row.areas[area] ?? 0), 0);
      if (sum) areas[area] = sum;
    }
    const missing = new Set(judged.flatMap((row) => row.leadAreasMissing));
    const firsts = judged.map((row) => row.firstAt).filter((at): at is string => at !== null);
    const lasts = judged.map((row) => row.lastAt).filter((at): at is string => at !== null);
    result.push({
      agencyId: agency.id,
      agencyName: agency.name,
      kind: agency.kind,
      items: judged.reduce((total, row) => total + row.items, 0),
      areas,
      leadAreas: [...agency.leadAreas],
      leadAreasMissing: agency.leadAreas.filter((area) => missing.has(area)),
      status: judged.reduce<ComplianceStatus>((worst, row) => (STATUS_RANK[row.status] > STATUS_RANK[worst] ? row.status : worst), 'met'),
      firstAt: firsts.sort((a, b) => instant(a) - instant(b))[0] ?? null,
      lastAt: lasts.sort((a, b) => instant(b) - instant(a))[0] ?? null,
      quarters,
    });
  }
  return result;
}

/** Counts per status, for totals. */
export function statusTotals(rows: readonly Pick<ComplianceRow, 'status' | 'items'>[]): { agencies: number; items: number } & Record<ComplianceStatus, number> {
  const totals = { agencies: rows.length, items: 0, met: 0, lead_missing: 0, missing: 0 };
  for (const row of rows) {
    totals.items += row.items;
    totals[row.status] += 1;
  }
  return totals;
}
