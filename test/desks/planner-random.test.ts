/**
 * The planner over many seeded random candidate sets: never over budget,
 * never an excluded story, always maximal, deterministic, and — against a
 * brute force over every subset — reaching the best fill level there is,
 * with as many agencies as any subset at that level.
 */
import { describe, expect, it } from 'vitest';
import type { SlotDefinition } from '../../shared/desks/config';
import { planSlot, type PlanCandidate, type PlanInput, type SlotContent } from '../../shared/desks/planner';
import { fillRatio, slotUsage, withinBudget, type SlotUsage } from '../../shared/desks/slots';
import type { DeskStatus } from '../../shared/desks/workflow';
import { NOW, PAGE, SEGMENT, prng } from './fixtures';

const AREAS = ['direction', 'institutions', 'procedures', 'organization', 'civil_service', 'public_finance', 'digital_government', 'business_environment', 'project06', 'science_innovation'];
const STATUSES: DeskStatus[] = ['proposed', 'proposed', 'proposed', 'shortlisted', 'scheduled', 'published', 'rejected'];

type Random = () => number;
const int = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(random: Random, items: readonly T[]) => items[Math.floor(random() * items.length)]!;

function randomSlot(random: Random): SlotDefinition {
  if (random() < 0.5) return { ...PAGE, maxStories: int(random, 1, 8), maxWords: int(random, 500, 4000) };
  const maxSeconds = int(random, 300, 1200);
  return { ...SEGMENT, maxSeconds, minSeconds: int(random, Math.ceil(maxSeconds / 2), maxSeconds) };
}

function randomCandidates(random: Random, count: number, agencies: number): PlanCandidate[] {
  return Array.from({ length: count }, (_, i) => ({
    storyId: `s${String(i).padStart(4, '0')}`,
    agencyId: `a${int(random, 1, agencies)}`,
    areas: Array.from({ length: int(random, 1, 3) }, () => pick(random, AREAS)),
    confidence: random(),
    sortAt: new Date(NOW.getTime() - random() * 90 * 86_400_000).toISOString(),
    words: int(random, 50, 2000),
    seconds: int(random, 30, 500),
    status: pick(random, STATUSES),
  }));
}

function randomInput(seed: number, maxCount: number): PlanInput {
  const random = prng(seed);
  const slot = randomSlot(random);
  const candidates = randomCandidates(random, int(random, 0, maxCount), int(random, 1, 6));
  const taken = candidates.filter(() => random() < 0.1).map((candidate) => candidate.storyId);
  const inSlot: SlotContent[] =
    random() < 0.3 ? [{ storyId: 'fixed', agencyId: 'a1', areas: ['direction'], words: int(random, 50, 600), seconds: int(random, 30, 200) }] : [];
  return { slot, candidates, taken, inSlot, now: NOW };
}

const isEligible = (input: PlanInput, candidate: PlanCandidate) =>
  (candidate.status === 'proposed' || candidate.status === 'shortlisted') && ![...(input.taken ?? [])].includes(candidate.storyId);

function level(slot: SlotDefinition, usage: SlotUsage): number {
  const min = slot.kind === 'monthly-page' || usage.seconds >= slot.minSeconds ? 1 : 0;
  return (fillRatio(slot, usage) >= 0.9 - 1e-12 ? 1 : 0) + min;
}

/**
 * Every subset of the eligible candidates that fits: the best level, the
 * most agencies at each level, and whether a page reaches 90% with slack.
 */
function bruteForce(input: PlanInput, eligible: PlanCandidate[]) {
  let bestLevel = 0;
  let slackFull = false;
  const agenciesAt = [0, 0, 0];
  for (let mask = 0; mask < 1 << eligible.length; mask += 1) {
    const chosen = eligible.filter((_, i) => mask & (1 << i));
    const stories = [...(input.inSlot ?? []), ...chosen];
    const usage = slotUsage(stories);
    if (!withinBudget(input.slot, usage)) continue;
    const reached = level(input.slot, usage);
    bestLevel = Math.max(bestLevel, reached);
    agenciesAt[reached] = Math.max(agenciesAt[reached]!, new Set(stories.map((story) => story.agencyId)).size);
    // The page DP rounds words up to units below 7 words per story: a fill with that slack must be found.
    if (input.slot.kind === 'monthly-page' && level(input.slot, usage) === 2 && usage.words + 7 * usage.stories <= input.slot.maxWords) slackFull = true;
  }
  return { bestLevel, slackFull, agenciesAt };
}

function checkInvariants(input: PlanInput) {
  const plan = planSlot(input);
  const byId = new Map(input.candidates.map((candidate) => [candidate.storyId, candidate]));
  const chosen = plan.storyIds.map((id) => byId.get(id)!);
  // Only eligible stories, each once, and the usage they add up to.
  expect(chosen.every((candidate) => candidate && isEligible(input, candidate))).toBe(true);
  expect(new Set(plan.storyIds).size).toBe(plan.storyIds.length);
  expect(plan.usage).toEqual(slotUsage([...(input.inSlot ?? []), ...chosen]));
  // Never over the budget.
  expect(withinBudget(input.slot, plan.usage)).toBe(true);
  // Maximal: nothing left out would still fit — in particular no story of an agency not in the plan.
  const left = input.candidates.filter((candidate) => isEligible(input, candidate) && !plan.storyIds.includes(candidate.storyId));
  for (const candidate of left) expect(withinBudget(input.slot, slotUsage([...(input.inSlot ?? []), ...chosen, candidate]))).toBe(false);
  // Deterministic, whatever the input order.
  expect(planSlot({ ...input, candidates: [...input.candidates].reverse() })).toEqual(plan);
  return { plan, eligible: input.candidates.filter((candidate) => isEligible(input, candidate)) };
}

describe('planSlot over random candidate sets (seeded)', () => {
  it('small sets: every invariant, and the best fill level a brute force finds', () => {
    let reached = 0;
    for (let seed = 1; seed <= 400; seed += 1) {
      const input = randomInput(seed, 14);
      const { plan, eligible } = checkInvariants(input);
      if (eligible.length > 12) continue;
      const best = bruteForce(input, eligible);
      const planLevel = level(input.slot, plan.usage);
      if (input.slot.kind === 'recurring-segment') expect(planLevel, `seed ${seed}`).toBe(best.bestLevel);
      else if (best.slackFull) expect(planLevel, `seed ${seed}`).toBe(2);
      // At its level, no subset has more agencies: a second story of an agency only when no other agency's could be there instead.
      expect(plan.distinctAgencies, `seed ${seed}`).toBe(best.agenciesAt[planLevel]);
      expect(plan.meetsTarget).toBe(planLevel === 2);
      if (plan.meetsTarget) reached += 1;
    }
    // The sets are not all hopeless: many reach the target.
    expect(reached).toBeGreaterThan(100);
  });

  it('larger sets: never over budget, only eligible stories, maximal, deterministic', () => {
    for (let seed = 1000; seed < 1060; seed += 1) checkInvariants(randomInput(seed, 300));
  });
});

describe('planSlot speed', () => {
  // 2,000 candidates from 60 agencies: the benchmark's "planner for one slot ≤ 200 ms", minus the store.
  it.each([
    ['the page', PAGE],
    ['the segment', SEGMENT],
  ] as const)('plans %s from 2,000 candidates well under 200 ms', (_, slot) => {
    const random = prng(2026);
    const candidates = randomCandidates(random, 2000, 60).map((candidate) => ({ ...candidate, status: pick(random, ['proposed', 'proposed', 'shortlisted'] as const) }));
    const cold = performance.now();
    planSlot({ slot, candidates, now: NOW });
    const coldMs = performance.now() - cold;
    const runs = Array.from({ length: 5 }, () => {
      const start = performance.now();
      planSlot({ slot, candidates, now: NOW });
      return performance.now() - start;
    }).sort((a, b) => a - b);
    const [fastest, median] = [runs[0]!, runs[2]!];
    console.info(`planner, ${slot.kind}, 2,000 candidates: first run ${coldMs.toFixed(1)} ms, fastest ${fastest.toFixed(1)} ms, median ${median.toFixed(1)} ms of 5`);
    // The fastest of five: other work on a shared 2-core machine only ever adds
    // time. Generous bound; an idle machine measures a fraction of it.
    expect(fastest).toBeLessThan(200);
  });
});
