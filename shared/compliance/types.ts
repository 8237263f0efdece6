/**
 * The shapes of the quarterly compliance view (contract: "Compliance
 * rules" and `cchc compliance`).
 */
import type { AreaId } from '../config/areas';
import type { Agency } from '../config/schema';

/** Sở Nội vụ's decision on one story, which beats any label. */
export interface CountMark {
  counted: boolean;
  reason: string;
  by: string;
  at: string;
}

/**
 * One agency's credit for one story in one quarter, as the quarter index
 * holds it: enough to count without reading the story.
 */
export interface QuarterCredit {
  agencyId: string;
  storyId: string;
  quarter: string;
  /** The story's counting instant (Vietnam ISO). */
  sortAt: string;
  title: string;
  sourceId: string;
  url: string;
  /** The story's effective relevance: a human's label over the machine's. */
  relevant: boolean;
  areas: AreaId[];
  /** Sở Nội vụ's mark, if any: it decides over `relevant`. */
  mark: CountMark | null;
}

/** Whether a credit counts: Sở Nội vụ's mark, else the effective label. */
export function creditCounts(credit: Pick<QuarterCredit, 'relevant' | 'mark'>): boolean {
  return credit.mark ? credit.mark.counted : credit.relevant;
}

/** An agency's standing in one quarter. */
export type ComplianceStatus = 'missing' | 'lead_missing' | 'met';

/** One row of the quarter view and of `cchc compliance --quarter` (JSON field names are the contract's). */
export interface ComplianceRow {
  agencyId: string;
  agencyName: string;
  kind: Agency['kind'];
  items: number;
  areas: Partial<Record<AreaId, number>>;
  leadAreas: AreaId[];
  leadAreasMissing: AreaId[];
  status: ComplianceStatus;
  firstAt: string | null;
  lastAt: string | null;
}

/**
 * A row of the quarter view with the days left when the quarter is still
 * running (the status is then "as of now"); absent for an ended quarter.
 */
export interface RunningComplianceRow extends ComplianceRow {
  daysLeft?: number;
}

/**
 * One agency over a half-year or year (contract: `cchc compliance --half` /
 * `--year`): the totals at the top level and each judged quarter's row
 * under `quarters`. `items` and `areas` are sums; `leadAreasMissing` lists
 * the lead themes missing in at least one judged quarter; `status` is the
 * worst of the quarters' (missing > lead_missing > met); `firstAt`/`lastAt`
 * span the period.
 */
export interface PeriodComplianceRow extends ComplianceRow {
  quarters: Record<string, RunningComplianceRow>;
}
