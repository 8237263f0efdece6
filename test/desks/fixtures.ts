/** Slot definitions shared by the desk tests: the shapes of the bundled configuration. */
import type { MonthlyPage, RecurringSegment } from '../../shared/desks/config';
import type { PlanCandidate } from '../../shared/desks/planner';

/** Báo Bình Định's page: 6 stories, 3,000 words. */
export const PAGE: MonthlyPage = { kind: 'monthly-page', maxStories: 6, maxWords: 3000 };

/** The TV segment: Saturdays every 14 days from 2026-01-03, 10–15 minutes. */
export const SEGMENT: RecurringSegment = {
  kind: 'recurring-segment',
  anchorDate: '2026-01-03',
  everyDays: 14,
  minSeconds: 600,
  maxSeconds: 900,
  wordsPerMinute: 160,
  perStorySeconds: 15,
  minStorySeconds: 30,
};

/** The planner's clock in these tests. */
export const NOW = new Date('2026-12-01T03:00:00Z');

/** A candidate with plain defaults: proposed, fresh, confident, primary area `procedures`. */
export function candidate(storyId: string, overrides: Partial<PlanCandidate> = {}): PlanCandidate {
  return {
    storyId,
    agencyId: `agency-${storyId}`,
    areas: ['procedures'],
    confidence: 0.8,
    sortAt: '2026-11-30T08:00:00+07:00',
    words: 400,
    seconds: 120,
    status: 'proposed',
    ...overrides,
  };
}

/** Mulberry32: a tiny seeded PRNG, so "random" sets are the same on every run. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
