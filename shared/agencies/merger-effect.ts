/**
 * What a change to an agency does to the quarterly judgement, before it is
 * saved: for each affected quarter, the agency's (and its successor's)
 * standing before and after — whether it is expected to submit (judged),
 * how many stories are credited to it, and its status. Pure: the quarter
 * rules of shared/compliance/rules.ts decide, over the credits the caller
 * read; nothing here re-states them.
 *
 * Under those rules a merged agency keeps its own credits (they are never
 * moved to the successor) and is judged only in quarters its validity
 * overlaps; the successor is judged from its own validFrom. So ending an
 * agency earlier can drop stories that counted, and a successor that starts
 * late leaves quarters in which nobody is expected to submit.
 */
import type { Agency } from '../config/schema';
import { countedCredits, judgeQuarter } from '../compliance/rules';
import { currentQuarter, nextQuarter, previousQuarter, quarterState, type QuarterState } from '../compliance/periods';
import type { ComplianceStatus, QuarterCredit } from '../compliance/types';
import { vietnamDate } from '../time/vietnam';

/** One agency's standing in one quarter under one version of the registry. */
export interface AgencyStanding {
  /** Judged in the quarter: its validity overlaps it, so it is expected to submit. */
  expected: boolean;
  /** Lead themes it is expected to cover when judged. */
  leadThemes: number;
  /** Stories credited to it (counted), 0 when not judged. */
  credited: number;
  /** Stories that would count but are credited to nobody because the agency is not judged. */
  uncredited: number;
  /** `null` when not judged. */
  status: ComplianceStatus | null;
  kind: Agency['kind'];
}

/** Before and after for one agency. */
export interface StandingChange {
  agencyId: string;
  name: string;
  /** `null` for an agency that did not exist before (being added). */
  before: AgencyStanding | null;
  after: AgencyStanding;
}

/** One affected quarter. */
export interface QuarterEffect {
  quarter: string;
  state: QuarterState;
  agency: StandingChange;
  /** The successor named after the change (or before, when the change removes it); `null` without one. */
  successor: StandingChange | null;
  /** Whether anything in this quarter differs between before and after. */
  changed: boolean;
}

/** Something the person saving should know beyond the numbers. */
export type EffectWarning =
  | { code: 'credits-dropped'; quarter: string; count: number }
  | { code: 'gap'; from: string; to: string }
  | { code: 'overlap'; from: string; to: string };

/** The preview of a change. */
export interface AgencyChangeEffect {
  agencyId: string;
  quarters: QuarterEffect[];
  warnings: EffectWarning[];
}

const DAY_MS = 86_400_000;

/** The quarter id of a Vietnam calendar date `YYYY-MM-DD`. */
export function quarterOfDay(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** A Vietnam calendar date shifted by whole days. */
function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The quarters a change can affect, oldest first, at most `limit` (the most
 * recent ones): from the quarter of the earliest validity date that changes
 * (or, for a change of kind, name or lead themes, the last four quarters the
 * agency is judged in) up to the running quarter — or, for a change in the
 * future, from the running quarter to the first quarter after the new end.
 */
export function affectedQuarters(before: Agency | null, after: Agency, now: Date, limit = 12): string[] {
  const today = vietnamDate(now);
  const current = currentQuarter(now);
  const dates: string[] = [];
  // The first quarter an agency is no longer judged in follows the quarter of its end.
  const ends: string[] = [];
  if (!before) dates.push(after.validFrom);
  else {
    if (before.validFrom !== after.validFrom) dates.push(before.validFrom, after.validFrom);
    if (before.validTo !== after.validTo) for (const day of [before.validTo, after.validTo]) if (day) ends.push(day);
  }
  let first: string;
  let last = current;
  if (dates.length || ends.length) {
    const all = [...dates, ...ends].sort();
    first = quarterOfDay(all[0]!);
    if (first > current) first = current;
    const latest = [...dates.map(quarterOfDay), ...ends.map((day) => nextQuarter(quarterOfDay(day)))].sort().at(-1)!;
    if (latest > last) last = latest;
  } else {
    const end = after.validTo && after.validTo < today ? quarterOfDay(after.validTo) : current;
    last = end;
    first = end;
    for (let i = 0; i < 3 && first > quarterOfDay(after.validFrom); i++) first = previousQuarter(first);
  }
  if (first > last) [first, last] = [last, first];
  const out: string[] = [];
  for (let quarter = first; quarter <= last; quarter = nextQuarter(quarter)) out.push(quarter);
  return out.slice(-limit);
}

/** One agency's standing, by the quarter rules. */
function standing(agency: Agency, quarter: string, credits: readonly QuarterCredit[], now: Date): AgencyStanding {
  const [row] = judgeQuarter({ quarter, agencies: [agency], credits, now });
  const available = countedCredits(credits, agency.id, quarter).length;
  return {
    expected: Boolean(row),
    leadThemes: agency.leadAreas.length,
    credited: row?.items ?? 0,
    uncredited: row ? 0 : available,
    status: row?.status ?? null,
    kind: agency.kind,
  };
}

const same = (a: AgencyStanding | null, b: AgencyStanding) =>
  a !== null && a.expected === b.expected && a.credited === b.credited && a.status === b.status && a.kind === b.kind && a.leadThemes === b.leadThemes;

/**
 * The effect of replacing `before` (null: adding) by `after`, quarter by
 * quarter. `agencies` is the registry as stored (for the successor);
 * `credits` maps each quarter of `quarters` to the credits of the agency
 * and of its successor(s) in it (others are ignored).
 */
export function agencyChangeEffect(input: {
  before: Agency | null;
  after: Agency;
  agencies: readonly Agency[];
  quarters: readonly string[];
  credits: ReadonlyMap<string, readonly QuarterCredit[]>;
  now: Date;
}): AgencyChangeEffect {
  const { before, after, now } = input;
  const byId = new Map(input.agencies.map((agency) => [agency.id, agency]));
  const successorId = after.successorId ?? before?.successorId ?? null;
  const successor = successorId ? (byId.get(successorId) ?? null) : null;
  const warnings: EffectWarning[] = [];
  const quarters = input.quarters.map((quarter): QuarterEffect => {
    const credits = input.credits.get(quarter) ?? [];
    const agencyBefore = before ? standing(before, quarter, credits, now) : null;
    const agencyAfter = standing(after, quarter, credits, now);
    // The successor's record is not edited here, so its standing is the same on both sides:
    // shown so the reader sees who is expected to submit once the merged agency ends.
    const successorChange: StandingChange | null = successor
      ? { agencyId: successor.id, name: successor.name, before: standing(successor, quarter, credits, now), after: standing(successor, quarter, credits, now) }
      : null;
    if (agencyBefore && agencyBefore.credited > agencyAfter.credited) {
      warnings.push({ code: 'credits-dropped', quarter, count: agencyBefore.credited - agencyAfter.credited });
    }
    return {
      quarter,
      state: quarterState(quarter, now),
      agency: { agencyId: after.id, name: after.name, before: agencyBefore, after: agencyAfter },
      successor: successorChange,
      changed: !same(agencyBefore, agencyAfter),
    };
  });
  if (after.validTo && after.successorId && successor) {
    const dayAfter = shiftDay(after.validTo, 1);
    if (successor.validFrom > dayAfter) warnings.push({ code: 'gap', from: dayAfter, to: shiftDay(successor.validFrom, -1) });
    if (successor.validFrom <= after.validTo) warnings.push({ code: 'overlap', from: successor.validFrom, to: after.validTo });
  }
  return { agencyId: after.id, quarters, warnings };
}
