/**
 * The slot planner: proposes a fill for one page or segment that the editor
 * accepts or edits. Pure and deterministic (ties broken by storyId); the
 * clock is an argument.
 *
 * The objective, compared lexicographically (each figure is in the result,
 * so tests measure it):
 *   1. fill level — ≥ 90% of the budget, and for a segment ≥ minSeconds;
 *      never over the budget (a hard constraint, not a figure);
 *   2. most distinct agencies — so an agency gets a second story only when
 *      no story of another agency could take its place;
 *   3. most distinct primary areas, then most distinct areas of any rank;
 *   4. highest total score (see {@link scoreCandidate});
 *   5. highest fill.
 * A plan is also maximal: while a story still fits it is added (a second
 * story of an agency when no other agency's fits) rather than leaving room.
 *
 * Algorithm: score and filter the candidates, then up to three starts. (a) Greedy:
 * add the best-keyed story that fits (new agency, new primary area, new
 * areas, then score) until none does. (b) A knapsack DP over coarse units
 * that, among the combinations of the best reachable fill level, maximises
 * distinct agencies (a bonus for each agency's first story), then stories,
 * then score — it finds what greedy misses, e.g. 450 + 450 s rather than the
 * best 500 s story alone. (c) The same DP with a bonus per primary area
 * instead of per agency, for plans where agencies tie (run only when more
 * primary areas could fit than the best start has). Each start is
 * polished by best-improvement 1-for-1 swaps with top-ups; the best by the
 * objective wins. Cost: O(n · cells) per DP (≤ 3,000 cells) and
 * O(stories · n) per swap pass.
 */
import type { SlotDefinition } from './config';
import type { DeskStatus } from './workflow';
import { estimateSeconds, fillRatio, type SlotUsage } from './slots';

/** A story the planner may propose (the queue's DeskEntry carries all of it). */
export interface PlanCandidate {
  storyId: string;
  agencyId: string;
  /** Primary first. */
  areas: readonly string[];
  confidence: number;
  /** ISO 8601 with offset: the story's counting instant. */
  sortAt: string;
  words: number;
  seconds: number;
  status: DeskStatus;
}

/** A story already in the slot: it uses budget and counts for diversity, and is never removed. */
export type SlotContent = Pick<PlanCandidate, 'storyId' | 'agencyId' | 'areas' | 'words' | 'seconds'>;

/** What the planner needs for one slot. */
export interface PlanInput {
  slot: SlotDefinition;
  candidates: readonly PlanCandidate[];
  /** The stories already scheduled into this slot. */
  inSlot?: readonly SlotContent[];
  /** Story ids scheduled or published on this desk, in any slot: never proposed again. */
  taken?: Iterable<string>;
  now: Date;
  /** Freshness halves every this many days (default 14: a segment's cadence). */
  halfLifeDays?: number;
}

/** The proposal and its objective figures, for the slot as it would be (existing + proposed). */
export interface Plan {
  /** Proposed stories, best score first (ties by storyId). */
  storyIds: string[];
  /** Each proposed story's score. */
  scores: Record<string, number>;
  usage: SlotUsage;
  /** 0–1, as {@link fillRatio} measures it. */
  fill: number;
  /** Fill ≥ 90% and, for a segment, airtime ≥ minSeconds. */
  meetsTarget: boolean;
  distinctAgencies: number;
  /** Stories beyond the first of their agency. */
  repeatedAgencies: number;
  distinctPrimaryAreas: number;
  distinctAreas: number;
}

/** The fill the planner aims at when enough candidates wait, in percent (an integer, so the comparison is exact). */
export const FILL_TARGET_PERCENT = 90;
const DEFAULT_HALF_LIFE_DAYS = 14;
const SHORTLIST_BONUS = 1;
const EPSILON = 1e-9;
// A bound on the swap search (each pass is O(stories · candidates)); real sets settle in a handful.
const MAX_PASSES = 60;
// DP values: an agency's (or area's) first story is worth more than any
// number of further stories (AGENCY_BONUS; a story is worth at most 6), and
// any story more than any score (STORY_BONUS > 2), so the DP orders
// combinations the way the objective does.
const AGENCY_BONUS = 10_000;
const STORY_BONUS = 4;

/**
 * A candidate's score, 0–2: `shortlisted ? 1 : 0` + ½·freshness + ½·confidence,
 * where freshness = 0.5^(age in days / half-life) (1 for a story dated in the
 * future). The shortlist bonus outweighs everything else because an editor
 * picked those stories; freshness and confidence weigh the same.
 */
export function scoreCandidate(
  candidate: Pick<PlanCandidate, 'confidence' | 'sortAt' | 'status'>,
  now: Date,
  halfLifeDays = DEFAULT_HALF_LIFE_DAYS,
): number {
  const at = Date.parse(candidate.sortAt);
  const ageDays = Number.isNaN(at) ? Number.POSITIVE_INFINITY : Math.max(0, (now.getTime() - at) / 86_400_000);
  const freshness = 0.5 ** (ageDays / halfLifeDays);
  const confidence = Number.isFinite(candidate.confidence) ? Math.min(1, Math.max(0, candidate.confidence)) : 0;
  return (candidate.status === 'shortlisted' ? SHORTLIST_BONUS : 0) + 0.5 * freshness + 0.5 * confidence;
}

interface Item {
  id: string;
  agency: number;
  /** Bit of the primary area, 0 when none. */
  primary: number;
  /** Bits of every area. */
  areas: number;
  score: number;
  words: number;
  seconds: number;
}

interface Objective {
  level: number;
  agencies: number;
  primary: number;
  areas: number;
  score: number;
  fill: number;
}

function better(a: Objective, b: Objective): boolean {
  return beats(a.level, a.agencies, a.primary, a.areas, a.score, a.fill, b);
}

// The comparison on loose figures, so the swap search allocates only for a winner.
function beats(level: number, agencies: number, primary: number, areas: number, score: number, fill: number, b: Objective): boolean {
  if (level !== b.level) return level > b.level;
  if (agencies !== b.agencies) return agencies > b.agencies;
  if (primary !== b.primary) return primary > b.primary;
  if (areas !== b.areas) return areas > b.areas;
  if (Math.abs(score - b.score) > EPSILON) return score > b.score;
  return fill > b.fill + EPSILON;
}

function popcount(bits: number): number {
  let x = bits - ((bits >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const nonNegative = (value: number) => (Number.isFinite(value) && value > 0 ? value : 0);

/** Interns agencies and areas as small integers and bits, so a swap is evaluated in O(1). */
class Interner {
  readonly agencies = new Map<string, number>();
  private readonly areaBits = new Map<string, number>();

  agency(id: string): number {
    let index = this.agencies.get(id);
    if (index === undefined) this.agencies.set(id, (index = this.agencies.size));
    return index;
  }

  area(id: string): number {
    let bit = this.areaBits.get(id);
    if (bit === undefined) {
      // 31 distinct areas is far beyond the ten in configuration; more are ignored for diversity.
      bit = this.areaBits.size < 31 ? 1 << this.areaBits.size : 0;
      this.areaBits.set(id, bit);
    }
    return bit;
  }

  item(slot: SlotDefinition, story: SlotContent, score: number): Item {
    const words = nonNegative(story.words);
    // A segment story without airtime gets the estimate, so it can never be free.
    const seconds = slot.kind === 'recurring-segment' && !(story.seconds > 0) ? estimateSeconds(slot, words) : nonNegative(story.seconds);
    let areas = 0;
    for (const area of story.areas) areas |= this.area(area);
    const first = story.areas[0];
    return { id: story.storyId, agency: this.agency(story.agencyId), primary: first === undefined ? 0 : this.area(first), areas, score, words, seconds };
  }
}

/** A set of proposed stories on top of the fixed ones, with the counts the objective needs. */
class Selection {
  readonly chosen = new Set<number>();
  stories = 0;
  words = 0;
  seconds = 0;
  score = 0;
  distinctAgencies = 0;

  constructor(
    private readonly slot: SlotDefinition,
    private readonly agencyCount: Int32Array,
    private readonly areaCount: Int32Array,
    private readonly primaryCount: Int32Array,
  ) {}

  static empty(slot: SlotDefinition, agencies: number, fixed: readonly Item[]): Selection {
    const selection = new Selection(slot, new Int32Array(agencies), new Int32Array(32), new Int32Array(32));
    for (const item of fixed) selection.count(item, 1);
    selection.score = 0;
    return selection;
  }

  clone(): Selection {
    const copy = new Selection(this.slot, this.agencyCount.slice(), this.areaCount.slice(), this.primaryCount.slice());
    for (const index of this.chosen) copy.chosen.add(index);
    Object.assign(copy, { stories: this.stories, words: this.words, seconds: this.seconds, score: this.score, distinctAgencies: this.distinctAgencies });
    return copy;
  }

  add(index: number, item: Item): void {
    this.chosen.add(index);
    this.count(item, 1);
  }

  remove(index: number, item: Item): void {
    this.chosen.delete(index);
    this.count(item, -1);
  }

  private count(item: Item, sign: 1 | -1): void {
    this.stories += sign;
    this.words += sign * item.words;
    this.seconds += sign * item.seconds;
    this.score += sign * item.score;
    const before = this.agencyCount[item.agency] ?? 0;
    this.agencyCount[item.agency] = before + sign;
    if (sign === 1 && before === 0) this.distinctAgencies += 1;
    if (sign === -1 && before === 1) this.distinctAgencies -= 1;
    for (let bit = 0; bit < 31; bit += 1) {
      if (item.areas & (1 << bit)) this.areaCount[bit] = (this.areaCount[bit] ?? 0) + sign;
      if (item.primary & (1 << bit)) this.primaryCount[bit] = (this.primaryCount[bit] ?? 0) + sign;
    }
  }

  agencies(agency: number): number {
    return this.agencyCount[agency] ?? 0;
  }

  /** The union of areas and the areas held by exactly one story, as bit masks. */
  masks(counts: 'areas' | 'primary'): { union: number; ones: number } {
    const source = counts === 'areas' ? this.areaCount : this.primaryCount;
    let union = 0;
    let ones = 0;
    for (let bit = 0; bit < 31; bit += 1) {
      const count = source[bit] ?? 0;
      if (count > 0) union |= 1 << bit;
      if (count === 1) ones |= 1 << bit;
    }
    return { union, ones };
  }

  fits(item: Item, freed?: Item): boolean {
    const slot = this.slot;
    if (slot.kind === 'monthly-page') {
      const stories = this.stories + 1 - (freed ? 1 : 0);
      return stories <= slot.maxStories && this.words + item.words - (freed?.words ?? 0) <= slot.maxWords;
    }
    return this.seconds + item.seconds - (freed?.seconds ?? 0) <= slot.maxSeconds;
  }

  usage(): SlotUsage {
    return { stories: this.stories, words: this.words, seconds: this.seconds };
  }
}

/** 0–2: one for a fill ≥ the target (compared without fractions, free of floating-point edges), one for a segment's minimum airtime. */
function fillLevel(slot: SlotDefinition, stories: number, words: number, seconds: number): number {
  const target = FILL_TARGET_PERCENT;
  if (slot.kind === 'monthly-page') return 1 + (stories >= slot.maxStories || 100 * words >= target * slot.maxWords ? 1 : 0);
  return (100 * seconds >= target * slot.maxSeconds ? 1 : 0) + (seconds >= slot.minSeconds ? 1 : 0);
}

const MAX_LEVEL = 2;

function objectiveOf(slot: SlotDefinition, selection: Selection): Objective {
  const usage = selection.usage();
  return {
    level: fillLevel(slot, usage.stories, usage.words, usage.seconds),
    agencies: selection.distinctAgencies,
    primary: popcount(selection.masks('primary').union),
    areas: popcount(selection.masks('areas').union),
    score: selection.score,
    fill: fillRatio(slot, usage),
  };
}

/** The objective after swapping `out` for `into` if it beats `best`, computed from the counts without applying it; else null. */
function swapBeats(
  slot: SlotDefinition,
  selection: Selection,
  masks: { areas: { union: number; ones: number }; primary: { union: number; ones: number } },
  out: Item,
  into: Item,
  best: Objective,
): Objective | null {
  const words = selection.words - out.words + into.words;
  const seconds = selection.seconds - out.seconds + into.seconds;
  const level = fillLevel(slot, selection.stories, words, seconds);
  if (level < best.level) return null;
  let distinct = selection.distinctAgencies;
  if (out.agency !== into.agency) {
    if (selection.agencies(out.agency) === 1) distinct -= 1;
    if (selection.agencies(into.agency) === 0) distinct += 1;
  }
  if (level === best.level && distinct < best.agencies) return null;
  const primary = popcount((masks.primary.union & ~(out.primary & masks.primary.ones)) | into.primary);
  const areas = popcount((masks.areas.union & ~(out.areas & masks.areas.ones)) | into.areas);
  const score = selection.score - out.score + into.score;
  const fill = fillRatio(slot, { stories: selection.stories, words, seconds });
  return beats(level, distinct, primary, areas, score, fill, best) ? { level, agencies: distinct, primary, areas, score, fill } : null;
}

/** Adds the best-keyed story that fits until none does: new agency, new primary area, new areas, then score order. */
function topUp(selection: Selection, pool: readonly Item[]): void {
  for (;;) {
    const areaUnion = selection.masks('areas').union;
    const primaryUnion = selection.masks('primary').union;
    let best = -1;
    let bestKey = -1;
    for (let index = 0; index < pool.length; index += 1) {
      const item = pool[index]!;
      if (selection.chosen.has(index) || !selection.fits(item)) continue;
      // One number orders the key lexicographically (at most 31 new areas).
      const key = (selection.agencies(item.agency) === 0 ? 1000 : 0) + (item.primary & ~primaryUnion ? 100 : 0) + popcount(item.areas & ~areaUnion);
      // The pool is in score order, so the first of equal keys is the better-scored one.
      if (key > bestKey) [best, bestKey] = [index, key];
    }
    if (best < 0) return;
    selection.add(best, pool[best]!);
  }
}

/** Best-improvement 1-for-1 swaps (each followed by a top-up) until none improves the objective. */
function polish(slot: SlotDefinition, selection: Selection, pool: readonly Item[]): void {
  topUp(selection, pool);
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const masks = { areas: selection.masks('areas'), primary: selection.masks('primary') };
    let bestObjective = objectiveOf(slot, selection);
    let bestOut = -1;
    let bestInto = -1;
    for (const out of selection.chosen) {
      const outItem = pool[out]!;
      for (let into = 0; into < pool.length; into += 1) {
        const item = pool[into]!;
        if (selection.chosen.has(into) || !selection.fits(item, outItem)) continue;
        const objective = swapBeats(slot, selection, masks, outItem, item, bestObjective);
        if (objective) [bestObjective, bestOut, bestInto] = [objective, out, into];
      }
    }
    if (bestOut < 0) return;
    selection.remove(bestOut, pool[bestOut]!);
    selection.add(bestInto, pool[bestInto]!);
    topUp(selection, pool);
  }
}

interface KnapsackItem {
  /** The item's index in the pool. */
  index: number;
  /** Its agency, or its primary area: the first item chosen from a group earns the group's bonus. */
  group: number;
  cost: number;
  value: number;
}

interface KnapsackOptions {
  capacity: number;
  /** Stories the slot can still take, or null when only cost is bounded. */
  maxCount: number | null;
  /** The bonus for choosing any item of a group (0 for an agency or area already in the slot). */
  groupBonus: (group: number) => number;
  /** The fill level of a combination of this exact cost and count. */
  level: (cost: number, count: number) => number;
}

// Cells of the DP table: (count + 1) × (capacity units + 1). 3,000 keeps a
// page of 6 stories / 3,000 words at 7-word units (under 7 words of rounding
// per story) and a 15-minute segment at exact 1-second units.
const DP_CELLS = 3000;
const NONE = Number.NEGATIVE_INFINITY;

/**
 * 0/1 knapsack over coarse units with a bonus per group used: maximises
 * value among the combinations of the best reachable fill level. Costs are
 * rounded up to units, so what fits in units fits exactly too. Per group,
 * layer `inner` holds the best with at least one of its items (from `inner`
 * itself, or from the previous layer plus the bonus); `value` then takes the
 * better of the two.
 * @returns the chosen items' pool indices.
 */
function knapsack(items: readonly KnapsackItem[], options: KnapsackOptions): number[] {
  const { capacity, maxCount } = options;
  if (capacity < 0 || items.length === 0 || (maxCount !== null && maxCount <= 0)) return [];
  const step = maxCount === null ? 0 : 1;
  const rows = maxCount === null ? 1 : Math.min(maxCount, items.length) + 1;
  const unit = Math.max(1, Math.ceil((capacity * rows) / DP_CELLS));
  const width = Math.floor(capacity / unit) + 1;
  const cells = rows * width;
  const units = (item: KnapsackItem) => Math.ceil(item.cost / unit);

  const byGroup = new Map<number, KnapsackItem[]>();
  for (const item of items) if (units(item) < width) byGroup.set(item.group, [...(byGroup.get(item.group) ?? []), item]);
  const groups = [...byGroup.entries()];
  const total = groups.reduce((sum, [, group]) => sum + group.length, 0);

  const value = new Float64Array(cells).fill(NONE);
  const cost = new Float64Array(cells);
  value[0] = 0;
  const inner = new Float64Array(cells);
  const innerCost = new Float64Array(cells);
  // Per item and cell: 0 not taken, 1 taken after another item of its group, 2 taken as the group's first.
  const taken = new Uint8Array(total * cells);
  const fromGroup = new Uint8Array(groups.length * cells);
  let seen = 0;
  for (let g = 0, top = 0; g < groups.length; g += 1) {
    const [groupId, group] = groups[g]!;
    const bonus = options.groupBonus(groupId);
    inner.fill(NONE);
    // Rows (story counts) beyond the items seen so far are unreachable.
    for (const item of group) {
      top = Math.min(rows - 1, top + step);
      const u = units(item);
      const again = item.value;
      const first = item.value + bonus;
      const extra = item.cost;
      const mark = seen * cells;
      seen += 1;
      for (let row = top; row >= step; row -= 1) {
        const to = row * width;
        const from = (row - step) * width - u;
        // The hot loop: -Infinity propagates through the sums, so unreachable cells never win.
        for (let c = width - 1; c >= u; c -= 1) {
          const source = from + c;
          const target = to + c;
          const viaInner = inner[source]! + again;
          const viaValue = value[source]! + first;
          if (viaInner >= viaValue) {
            if (viaInner > inner[target]!) {
              inner[target] = viaInner;
              innerCost[target] = innerCost[source]! + extra;
              taken[mark + target] = 1;
            }
          } else if (viaValue > inner[target]!) {
            inner[target] = viaValue;
            innerCost[target] = cost[source]! + extra;
            taken[mark + target] = 2;
          }
        }
      }
    }
    for (let cell = 0; cell < cells; cell += 1) {
      if (inner[cell]! <= value[cell]!) continue;
      value[cell] = inner[cell]!;
      cost[cell] = innerCost[cell]!;
      fromGroup[g * cells + cell] = 1;
    }
  }

  let best = 0;
  let bestLevel = -1;
  for (let cell = 0; cell < cells; cell += 1) {
    if (value[cell] === NONE) continue;
    const level = options.level(cost[cell]!, Math.floor(cell / width) * step);
    const wins =
      level > bestLevel ||
      (level === bestLevel && (value[cell]! > value[best]! + EPSILON || (Math.abs(value[cell]! - value[best]!) <= EPSILON && cost[cell]! > cost[best]!)));
    if (wins) [best, bestLevel] = [cell, level];
  }

  // Back through the groups, and within a group back through its items.
  const chosen: number[] = [];
  let cell = best;
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const group = groups[g]![1];
    seen -= group.length;
    if (!fromGroup[g * cells + cell]) continue;
    for (let local = group.length - 1; local >= 0; local -= 1) {
      const how = taken[(seen + local) * cells + cell]!;
      if (how === 0) continue;
      const item = group[local]!;
      chosen.push(item.index);
      cell -= units(item) + step * width;
      if (how === 2) break;
    }
  }
  return chosen;
}

/**
 * A DP start grouped by agency (a bonus for each agency new to the slot) or
 * by primary area (a bonus for each primary area new to the slot): the first
 * serves the agency rule; the second the area rule where agencies tie (one
 * agency's stories, say), which 1-for-1 swaps alone can miss.
 */
function dpStart(slot: SlotDefinition, base: Selection, pool: readonly Item[], by: 'agency' | 'area'): Selection {
  const represented = base.masks('primary').union;
  const items = pool.map((item, index) => ({
    index,
    group: by === 'agency' ? item.agency : -1 - index,
    cost: slot.kind === 'monthly-page' ? item.words : item.seconds,
    value: STORY_BONUS + item.score,
  }));
  // Stories without a primary area are their own group with no bonus (negative ids never clash with area bits).
  if (by === 'area') pool.forEach((item, index) => item.primary && (items[index]!.group = item.primary));
  const used = base.usage();
  const chosen = knapsack(items, {
    capacity: slot.kind === 'monthly-page' ? slot.maxWords - used.words : slot.maxSeconds - used.seconds,
    maxCount: slot.kind === 'monthly-page' ? slot.maxStories - used.stories : null,
    groupBonus: (group) =>
      by === 'agency' ? (base.agencies(group) > 0 ? 0 : AGENCY_BONUS) : group > 0 && !(group & represented) ? AGENCY_BONUS : 0,
    level: (cost, count) => fillLevel(slot, used.stories + count, used.words + cost, used.seconds + cost),
  });
  const selection = base.clone();
  for (const index of chosen) selection.add(index, pool[index]!);
  return selection;
}

/**
 * Proposes a fill for one slot (see the module comment for the objective).
 * Only proposed and shortlisted stories are considered, never one already in
 * the slot, scheduled or published on the desk, or rejected.
 */
export function planSlot(input: PlanInput): Plan {
  const { slot, now } = input;
  const interner = new Interner();
  const taken = new Set(input.taken ?? []);
  const fixed = (input.inSlot ?? []).map((story) => {
    taken.add(story.storyId);
    return interner.item(slot, story, 0);
  });
  const pool = eligible(input, taken)
    .map((candidate) => interner.item(slot, candidate, scoreCandidate(candidate, now, input.halfLifeDays)))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const base = Selection.empty(slot, interner.agencies.size, fixed);

  // The starts (a), (b) and (c) of the module comment; (c) only when more
  // primary areas are possible at all.
  let best = base.clone();
  polish(slot, best, pool);
  for (const by of ['agency', 'area'] as const) {
    if (by === 'area' && objectiveOf(slot, best).primary >= primaryAreaBound(slot, base, pool)) continue;
    const start = dpStart(slot, base, pool, by);
    polish(slot, start, pool);
    if (better(objectiveOf(slot, start), objectiveOf(slot, best))) best = start;
  }
  return describe(slot, best, pool);
}

/** At most this many distinct primary areas: those on offer, and no more than the stories that can fit together. */
function primaryAreaBound(slot: SlotDefinition, base: Selection, pool: readonly Item[]): number {
  let offered = base.masks('primary').union;
  for (const item of pool) offered |= item.primary;
  // The most stories that fit: the cheapest first.
  const costs = pool.map((item) => (slot.kind === 'monthly-page' ? item.words : item.seconds)).sort((a, b) => a - b);
  const used = base.usage();
  let room = slot.kind === 'monthly-page' ? slot.maxWords - used.words : slot.maxSeconds - used.seconds;
  let fit = 0;
  for (const cost of costs) {
    if (cost > room || (slot.kind === 'monthly-page' && used.stories + fit >= slot.maxStories)) break;
    room -= cost;
    fit += 1;
  }
  return Math.min(popcount(offered), popcount(base.masks('primary').union) + fit);
}

function eligible(input: PlanInput, taken: ReadonlySet<string>): PlanCandidate[] {
  const seen = new Set<string>();
  return input.candidates.filter((candidate) => {
    if (candidate.status !== 'proposed' && candidate.status !== 'shortlisted') return false;
    if (taken.has(candidate.storyId) || seen.has(candidate.storyId)) return false;
    seen.add(candidate.storyId);
    return true;
  });
}

function describe(slot: SlotDefinition, selection: Selection, pool: readonly Item[]): Plan {
  const chosen = [...selection.chosen].sort((a, b) => a - b).map((index) => pool[index]!);
  const objective = objectiveOf(slot, selection);
  return {
    storyIds: chosen.map((item) => item.id),
    scores: Object.fromEntries(chosen.map((item) => [item.id, item.score])),
    usage: selection.usage(),
    fill: objective.fill,
    meetsTarget: objective.level === MAX_LEVEL,
    distinctAgencies: selection.distinctAgencies,
    repeatedAgencies: selection.stories - selection.distinctAgencies,
    distinctPrimaryAreas: objective.primary,
    distinctAreas: objective.areas,
  };
}
