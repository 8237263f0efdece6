/**
 * An agency's quarter in a nutshell: what its counted stories add up to.
 * The store keeps one tally item per agency, quarter and source beside the
 * credits, updated in the same transaction as every credit, so the quarter
 * view reads a few small items per agency instead of every credit of the
 * quarter.
 *
 * Pure: how a credit contributes, and how contributions add up. The counting
 * precedence is {@link creditCounts}'s (Sở Nội vụ's mark > a human's label >
 * the classifier's), so a tally and the credits it summarises never disagree.
 */
import { AREA_IDS, type AreaId } from '../config/areas';
import { creditCounts, type QuarterCredit } from './types';

/** One story's part in its agency's quarter tally. */
export interface TallyContribution {
  /** The story's counting instant (Vietnam ISO). */
  at: string;
  /** Whether it counts (mark, else effective relevance). */
  counts: boolean;
  /** The reform areas it counts for. */
  areas: AreaId[];
}

/** What an agency's counted stories in one quarter add up to. */
export interface QuarterTally {
  /** Counted stories, each story once. */
  items: number;
  /** Counted stories per reform area (areas with none are absent). */
  areas: Partial<Record<AreaId, number>>;
  /** The first and last counted story's instant. */
  firstAt: string | null;
  lastAt: string | null;
}

/** An agency with nothing counted. */
export const EMPTY_TALLY: QuarterTally = Object.freeze({ items: 0, areas: Object.freeze({}), firstAt: null, lastAt: null }) as QuarterTally;

/** How one credit contributes to its agency's tally. */
export function contributionOf(credit: Pick<QuarterCredit, 'sortAt' | 'relevant' | 'areas' | 'mark'>): TallyContribution {
  return { at: credit.sortAt, counts: creditCounts(credit), areas: [...credit.areas] };
}

const instant = (iso: string) => new Date(iso).getTime();

/** Adds up contributions (one per story: the caller keys them by story id). */
export function tallyOf(contributions: Iterable<TallyContribution>): QuarterTally {
  let items = 0;
  let first: string | null = null;
  let last: string | null = null;
  const perArea = new Map<AreaId, number>();
  for (const contribution of contributions) {
    if (!contribution.counts) continue;
    items += 1;
    for (const area of new Set(contribution.areas)) perArea.set(area, (perArea.get(area) ?? 0) + 1);
    if (first === null || instant(contribution.at) < instant(first)) first = contribution.at;
    if (last === null || instant(contribution.at) > instant(last)) last = contribution.at;
  }
  const areas: Partial<Record<AreaId, number>> = {};
  for (const area of AREA_IDS) if (perArea.get(area)) areas[area] = perArea.get(area)!;
  return { items, areas, firstAt: first, lastAt: last };
}

/**
 * Every agency's tally from a quarter's credits: the reference the stored
 * tallies must equal (tests compare them), and the path for callers that
 * hold credits anyway.
 */
export function talliesOfCredits(credits: readonly QuarterCredit[], quarter: string): Map<string, QuarterTally> {
  const byAgency = new Map<string, Map<string, TallyContribution>>();
  for (const credit of credits) {
    if (credit.quarter !== quarter) continue;
    let stories = byAgency.get(credit.agencyId);
    if (!stories) byAgency.set(credit.agencyId, (stories = new Map()));
    // Each story once: the first credit of a story wins, as countedCredits does.
    if (!stories.has(credit.storyId)) stories.set(credit.storyId, contributionOf(credit));
  }
  return new Map([...byAgency].map(([agencyId, stories]) => [agencyId, tallyOf(stories.values())]));
}
