/**
 * The quarter view and an agency's history, read from keys and indexes
 * only: one query of the agencies' tallies per quarter (one small item per
 * agency and source with counted stories there, so the cost grows with the
 * quarter's sources, not with the table or even its credits), the agencies and the sources
 * (with their health) from gsi1. No Scan.
 */
import type { Agency } from '../config/schema';
import { isFailing } from '../collect/health';
import type { SourceRecord, SourcesRepository } from '../store/sources-repo';
import type { StoriesRepository } from '../store/stories-repo';
import { DEFAULT_COMPLIANCE_CONFIG, type ComplianceConfig } from './config';
import { daysLeft, quarterState, quartersOfYear, type QuarterState } from './periods';
import { compareAgencies, countedCredits, isJudged, judgeQuarter, rowOf, statusTotals } from './rules';
import type { QuarterTally } from './tally';
import type { ComplianceRow, ComplianceStatus, QuarterCredit, RunningComplianceRow } from './types';

/** What the view reads. */
export interface ComplianceDeps {
  stories: Pick<StoriesRepository, 'quarterTallies' | 'agencyCredits'>;
  sources: Pick<SourcesRepository, 'listAgencies' | 'listAll'>;
}

/**
 * The health of an agency's sources, so "the agency was silent" is never
 * confused with "our scraper broke": `needs_repair` when a source's page
 * changed, `failing` when one keeps failing, `no_sources` when we collect
 * nothing for it (only direct submissions), `ok` otherwise. Paused sources
 * are left out.
 */
export interface SourcesHealth {
  state: 'ok' | 'failing' | 'needs_repair' | 'no_sources';
  total: number;
  failing: number;
  needsRepair: number;
  /** The newest successful poll of any of its sources. */
  lastSuccessAt: string | null;
  /** The last error of a failing or broken source. */
  lastError: string | null;
}

/** Summarises the sources of one agency. */
export function sourcesHealth(records: readonly SourceRecord[]): SourcesHealth {
  const active = records.filter((record) => !record.source.paused);
  const failing = active.filter((record) => isFailing(record.health));
  const broken = active.filter((record) => record.health.needsRepair);
  const successes = active.map((record) => record.health.lastSuccessAt).filter((at): at is string => Boolean(at)).sort();
  const troubled = [...broken, ...failing][0];
  return {
    state: active.length === 0 ? 'no_sources' : broken.length ? 'needs_repair' : failing.length ? 'failing' : 'ok',
    total: active.length,
    failing: failing.length,
    needsRepair: broken.length,
    lastSuccessAt: successes.at(-1) ?? null,
    lastError: troubled?.health.lastError ?? null,
  };
}

/** One row of the quarter view: the contract's row, the health of the agency's sources and its year so far. */
export interface QuarterViewRow extends RunningComplianceRow {
  health: SourcesHealth;
  /** Counted items in the quarter's calendar year (ended and running quarters). */
  yearItems: number;
  yearlyTarget: number;
}

/** The quarter view: rows, totals and where the quarter stands. */
export interface QuarterView {
  quarter: string;
  state: QuarterState;
  daysLeft: number | null;
  rows: QuarterViewRow[];
  totals: ReturnType<typeof statusTotals> & { byKind: Partial<Record<Agency['kind'], ReturnType<typeof statusTotals>>> };
  yearlyTarget: number;
}

function groupSources(records: readonly SourceRecord[]): Map<string, SourceRecord[]> {
  const byAgency = new Map<string, SourceRecord[]>();
  for (const record of records) {
    const list = byAgency.get(record.source.agencyId);
    if (list) list.push(record);
    else byAgency.set(record.source.agencyId, [record]);
  }
  return byAgency;
}

/** Counted items per agency over the given quarters' tallies. */
function countedPerAgency(talliesByQuarter: ReadonlyMap<string, ReadonlyMap<string, QuarterTally>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tallies of talliesByQuarter.values()) {
    for (const [agencyId, tally] of tallies) counts.set(agencyId, (counts.get(agencyId) ?? 0) + tally.items);
  }
  return counts;
}

/**
 * The quarter view at `now`: every judged agency (or only `agencyId`'s row),
 * its sources' health, its year so far against the target, and totals.
 */
export async function loadQuarterView(
  deps: ComplianceDeps,
  quarter: string,
  now: Date,
  options: { agencyId?: string | null; config?: ComplianceConfig } = {},
): Promise<QuarterView> {
  const config = options.config ?? DEFAULT_COMPLIANCE_CONFIG;
  const year = Number(quarter.slice(0, 4));
  // The year's other quarters that have begun: one indexed query each.
  const yearQuarters = quartersOfYear(year).filter((q) => quarterState(q, now) !== 'future' || q === quarter);
  const [agencies, sources, ...tallyLists] = await Promise.all([
    deps.sources.listAgencies(),
    deps.sources.listAll(),
    ...yearQuarters.map((q) => deps.stories.quarterTallies(q)),
  ]);
  const talliesByQuarter = new Map(yearQuarters.map((q, index) => [q, tallyLists[index]!]));
  const scoped = options.agencyId ? agencies.filter((agency) => agency.id === options.agencyId) : agencies;
  const rows = judgeQuarter({ quarter, agencies: scoped, tallies: talliesByQuarter.get(quarter) ?? new Map(), now });
  const bySource = groupSources(sources);
  const yearCounts = countedPerAgency(talliesByQuarter);
  const viewRows: QuarterViewRow[] = rows.map((row) => ({
    ...row,
    health: sourcesHealth(bySource.get(row.agencyId) ?? []),
    yearItems: yearCounts.get(row.agencyId) ?? 0,
    yearlyTarget: config.yearlyTarget,
  }));
  const byKind: QuarterView['totals']['byKind'] = {};
  for (const kind of new Set(viewRows.map((row) => row.kind))) byKind[kind] = statusTotals(viewRows.filter((row) => row.kind === kind));
  return {
    quarter,
    state: quarterState(quarter, now),
    daysLeft: daysLeft(quarter, now),
    rows: viewRows,
    totals: { ...statusTotals(viewRows), byKind },
    yearlyTarget: config.yearlyTarget,
  };
}

/** One quarter of an agency's history. */
export interface HistoryQuarter {
  quarter: string;
  state: QuarterState;
  /** Whether the agency was judged in that quarter (its validity overlaps it). */
  judged: boolean;
  row: RunningComplianceRow | null;
  /** Its counted items, oldest first. */
  counted: QuarterCredit[];
  /** Credits that do not count (not relevant, or marked not counted), for Sở Nội vụ's review. */
  notCounted: QuarterCredit[];
}

/** One agency across quarters, with its predecessors (merged into it) and successor. */
export interface AgencyHistory {
  agency: Agency;
  successor: Agency | null;
  predecessors: Agency[];
  quarters: HistoryQuarter[];
  /** Counted items per calendar year among the quarters read, against the target. */
  years: { year: number; items: number; target: number }[];
  health: SourcesHealth;
}

/**
 * One agency's history across `quarters` (one key query per quarter); null
 * when there is no such agency. A merged agency's record stays readable
 * under its own name.
 */
export async function loadAgencyHistory(
  deps: ComplianceDeps,
  agencyId: string,
  quarters: readonly string[],
  now: Date,
  options: { config?: ComplianceConfig } = {},
): Promise<AgencyHistory | null> {
  const config = options.config ?? DEFAULT_COMPLIANCE_CONFIG;
  const [agencies, sources] = await Promise.all([deps.sources.listAgencies(), deps.sources.listAll()]);
  const agency = agencies.find((candidate) => candidate.id === agencyId);
  if (!agency) return null;
  const wanted = quarters.filter((quarter) => quarterState(quarter, now) !== 'future');
  const lists = await Promise.all(wanted.map((quarter) => deps.stories.agencyCredits(agencyId, quarter)));
  const history: HistoryQuarter[] = wanted.map((quarter, index) => {
    const credits = lists[index]!;
    const judged = isJudged(agency, quarter);
    const counted = countedCredits(credits, agencyId, quarter);
    const countedIds = new Set(counted.map((credit) => credit.storyId));
    const row: RunningComplianceRow | null = judged ? rowOf(agency, counted) : null;
    const left = daysLeft(quarter, now);
    if (row && left !== null) row.daysLeft = left;
    return {
      quarter,
      state: quarterState(quarter, now),
      judged,
      row,
      counted,
      notCounted: credits.filter((credit) => !countedIds.has(credit.storyId) && credit.quarter === quarter),
    };
  });
  const years = new Map<number, number>();
  for (const entry of history) if (entry.judged) years.set(Number(entry.quarter.slice(0, 4)), (years.get(Number(entry.quarter.slice(0, 4))) ?? 0) + entry.counted.length);
  return {
    agency,
    successor: agency.successorId ? (agencies.find((candidate) => candidate.id === agency.successorId) ?? null) : null,
    predecessors: agencies.filter((candidate) => candidate.successorId === agency.id).sort(compareAgencies),
    quarters: history,
    years: [...years].sort(([a], [b]) => a - b).map(([year, items]) => ({ year, items, target: config.yearlyTarget })),
    health: sourcesHealth(sources.filter((record) => record.source.agencyId === agencyId)),
  };
}

/** Re-exported for pages that filter by status. */
export type { ComplianceRow, ComplianceStatus };
