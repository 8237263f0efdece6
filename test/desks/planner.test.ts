import { describe, expect, it } from 'vitest';
import type { SlotDefinition } from '../../shared/desks/config';
import { planSlot, scoreCandidate, type Plan, type PlanCandidate, type PlanInput, type SlotContent } from '../../shared/desks/planner';
import { fillRatio, slotUsage, withinBudget } from '../../shared/desks/slots';
import { NOW, PAGE, SEGMENT, candidate as c } from './fixtures';

const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const plan = (slot: SlotDefinition, candidates: PlanCandidate[], extra: Partial<PlanInput> = {}) => planSlot({ slot, candidates, now: NOW, ...extra });
const sorted = (ids: readonly string[]) => [...ids].sort();

interface Case {
  name: string;
  slot: SlotDefinition;
  candidates: PlanCandidate[];
  inSlot?: SlotContent[];
  taken?: string[];
  /** The exact set of proposed ids. */
  ids?: string[];
  expect?: Partial<Omit<Plan, 'storyIds' | 'scores'>>;
}

const TWELVE = Array.from({ length: 12 }, (_, i) => c(`s${i}`, { seconds: 100 + 10 * i, areas: [i % 2 ? 'procedures' : 'digital_government'] }));

const cases: Case[] = [
  { name: 'no candidates: an empty plan', slot: SEGMENT, candidates: [], ids: [], expect: { fill: 0, meetsTarget: false, usage: { stories: 0, words: 0, seconds: 0 } } },
  {
    name: 'the 450 + 450 s combination greedy misses after the best 500 s story',
    slot: SEGMENT,
    candidates: [c('a', { seconds: 500, confidence: 1 }), c('b', { seconds: 450 }), c('c', { seconds: 450 })],
    ids: ['b', 'c'],
    expect: { fill: 1, meetsTarget: true },
  },
  {
    name: 'a page filled by words with the combination greedy misses',
    slot: PAGE,
    candidates: [c('a', { words: 1700, confidence: 1 }), c('b', { words: 1500 }), c('c', { words: 1500 })],
    ids: ['b', 'c'],
    expect: { usage: { stories: 2, words: 3000, seconds: 240 }, fill: 1 },
  },
  {
    name: 'one story per agency while other agencies have candidates',
    slot: { ...PAGE, maxStories: 3 },
    candidates: [c('a1', { agencyId: 'A', confidence: 1 }), c('a2', { agencyId: 'A', confidence: 0.99 }), c('b1', { confidence: 0.2 }), c('c1', { confidence: 0.2 })],
    ids: ['a1', 'b1', 'c1'],
    expect: { distinctAgencies: 3, repeatedAgencies: 0 },
  },
  {
    name: 'a second story of an agency when no other agency can fill',
    slot: SEGMENT,
    candidates: [...Array.from({ length: 8 }, (_, i) => c(`a${i}`, { agencyId: 'A', seconds: 120 })), c('b-long', { agencyId: 'B', seconds: 1000 })],
    ids: ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6'],
    expect: { usage: { stories: 7, words: 2800, seconds: 840 }, distinctAgencies: 1, repeatedAgencies: 6, meetsTarget: true },
  },
  {
    // a1 + a2 fill 15:00 exactly but repeat A; a1 fits with nothing else;
    // a2 + b1 (14:10) reach 90% with no repeat and outscore b1 + c1.
    name: 'agency diversity wins over a better-scored, fuller repeat',
    slot: SEGMENT,
    candidates: [
      c('a1', { agencyId: 'A', seconds: 500, confidence: 1 }),
      c('a2', { agencyId: 'A', seconds: 400, confidence: 1 }),
      c('b1', { agencyId: 'B', seconds: 450, confidence: 0.3 }),
      c('c1', { agencyId: 'C', seconds: 450, confidence: 0.3 }),
    ],
    ids: ['a2', 'b1'],
    expect: { usage: { stories: 2, words: 800, seconds: 850 }, repeatedAgencies: 0, meetsTarget: true },
  },
  {
    name: 'distinct primary areas over higher scores',
    slot: { ...PAGE, maxStories: 3 },
    candidates: [
      c('p1', { confidence: 1 }),
      c('p2', { confidence: 1 }),
      c('p3', { confidence: 1 }),
      c('d1', { areas: ['digital_government'], confidence: 0.2 }),
      c('f1', { areas: ['public_finance'], confidence: 0.2 }),
    ],
    ids: ['d1', 'f1', 'p1'],
    expect: { distinctPrimaryAreas: 3, distinctAreas: 3 },
  },
  {
    name: 'secondary areas count when primary areas tie',
    slot: { ...PAGE, maxStories: 2 },
    candidates: [c('x1', { confidence: 1 }), c('x2', { confidence: 0.9 }), c('x3', { areas: ['procedures', 'digital_government'], confidence: 0.2 })],
    ids: ['x1', 'x3'],
    expect: { distinctPrimaryAreas: 1, distinctAreas: 2 },
  },
  {
    // Two 1-for-1 swaps away from the greedy fill: the DP by primary area finds it.
    name: 'one agency’s stories: as many primary areas as fit',
    slot: { ...SEGMENT, minSeconds: 759, maxSeconds: 1190 },
    candidates: (
      [
        [474, 'public_finance'],
        [219, 'business_environment'],
        [324, 'direction'],
        [121, 'business_environment'],
        [157, 'direction'],
        [316, 'public_finance'],
        [108, 'digital_government'],
        [431, 'institutions'],
      ] as const
    ).map(([seconds, area], i) => c(`s${i}`, { agencyId: 'A', seconds, areas: [area], confidence: 1 - i / 10 })),
    expect: { distinctPrimaryAreas: 5, distinctAgencies: 1, meetsTarget: true },
  },
  {
    name: 'never scheduled, published, rejected, taken on the desk, or already in the slot',
    slot: SEGMENT,
    candidates: [
      c('proposed'),
      c('shortlisted', { status: 'shortlisted' }),
      c('scheduled', { status: 'scheduled' }),
      c('published', { status: 'published' }),
      c('rejected', { status: 'rejected' }),
      c('taken', { status: 'shortlisted' }),
      c('here'),
      c('proposed'), // a duplicate row
    ],
    taken: ['taken'],
    inSlot: [{ storyId: 'here', agencyId: 'H', areas: ['direction'], words: 100, seconds: 60 }],
    ids: ['proposed', 'shortlisted'],
    expect: { usage: { stories: 3, words: 900, seconds: 300 }, distinctAgencies: 3, distinctPrimaryAreas: 2 },
  },
  {
    name: 'what is already in the slot uses budget and counts for agencies',
    slot: SEGMENT,
    candidates: [c('a2', { agencyId: 'A', seconds: 250, confidence: 1 }), c('b', { agencyId: 'B', seconds: 250, confidence: 0.3 }), c('c', { agencyId: 'C', seconds: 300 })],
    inSlot: [{ storyId: 'a1', agencyId: 'A', areas: ['procedures'], words: 800, seconds: 600 }],
    ids: ['c'],
    expect: { usage: { stories: 2, words: 1200, seconds: 900 }, repeatedAgencies: 0 },
  },
  { name: 'fresher first', slot: { ...PAGE, maxStories: 1 }, candidates: [c('old', { sortAt: daysAgo(60) }), c('fresh', { sortAt: daysAgo(1) })], ids: ['fresh'] },
  { name: 'more confident first', slot: { ...PAGE, maxStories: 1 }, candidates: [c('sure', { confidence: 0.95 }), c('unsure', { confidence: 0.6 })], ids: ['sure'] },
  {
    name: 'an editor’s shortlist over a fresher, surer proposal',
    slot: { ...PAGE, maxStories: 1 },
    candidates: [c('proposed', { confidence: 1, sortAt: daysAgo(0) }), c('picked', { status: 'shortlisted', confidence: 0.3, sortAt: daysAgo(40) })],
    ids: ['picked'],
  },
  { name: 'ties broken by storyId', slot: { ...PAGE, maxStories: 1 }, candidates: [c('b'), c('a'), c('c')], ids: ['a'] },
  {
    name: 'a story too long to fit alone is left out',
    slot: SEGMENT,
    candidates: [c('long', { seconds: 901, confidence: 1 }), c('short', { seconds: 100 })],
    ids: ['short'],
    expect: { meetsTarget: false, usage: { stories: 1, words: 400, seconds: 100 } },
  },
  { name: 'a page story over the words budget alone is left out', slot: PAGE, candidates: [c('long', { words: 3001 })], ids: [], expect: { fill: 0 } },
  {
    name: 'page budget by stories: six short stories make a full page',
    slot: PAGE,
    candidates: Array.from({ length: 10 }, (_, i) => c(`s${i}`, { words: 100 })),
    ids: ['s0', 's1', 's2', 's3', 's4', 's5'],
    expect: { usage: { stories: 6, words: 600, seconds: 720 }, fill: 1, meetsTarget: true },
  },
  {
    name: 'page budget by words: three of 900 words, 90%',
    slot: PAGE,
    candidates: Array.from({ length: 8 }, (_, i) => c(`s${i}`, { words: 900 })),
    ids: ['s0', 's1', 's2'],
    expect: { usage: { stories: 3, words: 2700, seconds: 360 }, fill: 0.9, meetsTarget: true },
  },
  {
    name: 'segment minSeconds: 430 + 440 s reach 14:30 where the best story leaves 14:10',
    slot: { ...SEGMENT, minSeconds: 870 },
    candidates: [c('a', { seconds: 500, confidence: 1 }), c('b', { seconds: 350, confidence: 0.9 }), c('c', { seconds: 430 }), c('d', { seconds: 440 })],
    ids: ['c', 'd'],
    expect: { usage: { stories: 2, words: 800, seconds: 870 }, meetsTarget: true },
  },
  {
    name: 'minSeconds out of reach: everything that fits, target missed',
    slot: SEGMENT,
    candidates: [c('a', { seconds: 200 }), c('b', { seconds: 200 })],
    ids: ['a', 'b'],
    expect: { usage: { stories: 2, words: 800, seconds: 400 }, meetsTarget: false },
  },
  {
    name: 'enough candidates: at least 90% and never over',
    slot: SEGMENT,
    candidates: TWELVE,
    expect: { meetsTarget: true, repeatedAgencies: 0, distinctPrimaryAreas: 2 },
  },
];

describe('planSlot: the objective on crafted candidate sets', () => {
  it.each(cases)('$name', ({ slot, candidates, inSlot, taken, ids, expect: figures }) => {
    const result = plan(slot, candidates, { ...(inSlot ? { inSlot } : {}), ...(taken ? { taken } : {}) });
    if (ids) expect(sorted(result.storyIds)).toEqual(sorted(ids));
    if (figures) expect(result).toMatchObject(figures);
    // Always: within budget, usage consistent with the chosen stories.
    expect(withinBudget(slot, result.usage)).toBe(true);
    const byId = new Map(candidates.map((candidate) => [candidate.storyId, candidate]));
    expect(result.usage).toEqual(slotUsage([...(inSlot ?? []), ...result.storyIds.map((id) => byId.get(id)!)]));
    expect(result.fill).toBeCloseTo(fillRatio(slot, result.usage), 12);
    expect(new Set(result.storyIds).size).toBe(result.storyIds.length);
  });

  it('lists the proposal best score first, with each score', () => {
    const result = plan(SEGMENT, [c('b', { confidence: 0.5 }), c('a', { confidence: 0.9 }), c('c', { status: 'shortlisted', confidence: 0.1 })]);
    expect(result.storyIds).toEqual(['c', 'a', 'b']);
    expect(result.scores.c).toBeGreaterThan(result.scores.a!);
    expect(result.scores.a).toBeGreaterThan(result.scores.b!);
  });

  it('fills a segment without airtime from the words estimate, never for free', () => {
    const result = plan(SEGMENT, Array.from({ length: 20 }, (_, i) => c(`s${i}`, { seconds: 0, words: 400 })));
    // 400 words at 160 wpm + 15 s = 165 s; five fit in 15:00.
    expect(result.usage.seconds).toBe(5 * 165);
  });
});

describe('scoreCandidate', () => {
  it.each([
    ['fresh and certain', { confidence: 1, sortAt: NOW.toISOString(), status: 'proposed' }, 1],
    ['one half-life old, no confidence', { confidence: 0, sortAt: daysAgo(14), status: 'proposed' }, 0.25],
    ['two half-lives old, half sure', { confidence: 0.5, sortAt: daysAgo(28), status: 'proposed' }, 0.375],
    ['shortlisted adds one', { confidence: 1, sortAt: NOW.toISOString(), status: 'shortlisted' }, 2],
    ['dated in the future counts as fresh', { confidence: 0, sortAt: daysAgo(-3), status: 'proposed' }, 0.5],
    ['an unreadable date is not fresh', { confidence: 1, sortAt: 'soon', status: 'proposed' }, 0.5],
    ['confidence is clamped', { confidence: 7, sortAt: daysAgo(14), status: 'proposed' }, 0.75],
  ] as const)('%s', (_, candidate, score) => {
    expect(scoreCandidate(candidate, NOW)).toBeCloseTo(score, 12);
  });

  it('takes the half-life as an option', () => {
    expect(scoreCandidate({ confidence: 0, sortAt: daysAgo(30), status: 'proposed' }, NOW, 30)).toBeCloseTo(0.25, 12);
  });
});
