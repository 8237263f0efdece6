/**
 * Slots of a desk — the newspaper's monthly page (`YYYY-MM`) and the TV
 * segment's air dates (`YYYY-MM-DD`) — and their budgets. Pure: every
 * calendar rule is in Vietnam time and the clock is an argument.
 */
import type { MonthlyPage, RecurringSegment, SlotDefinition } from './config';
import { desksVi } from './strings';
import { vietnamDate, vietnamParts } from '../time/vietnam';

const DAY_MS = 86_400_000;
const pad = (value: number) => String(value).padStart(2, '0');

/** A slot id that was checked against its desk's kind (and cadence). */
export type ParsedSlot =
  | { kind: 'month'; id: string; year: number; month: number }
  | { kind: 'air-date'; id: string; year: number; month: number; day: number; weekday: number };

/** A slot id that is not a slot of this desk, with the message for the editor. */
export class SlotIdError extends Error {
  override name = 'SlotIdError';
}

// Calendar dates are handled as whole days since the epoch (UTC midnight of
// that calendar date), so the cadence is plain integer arithmetic and
// independent of the machine's zone.
function dayNumberOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function isoDateOf(dayNumber: number): string {
  const date = new Date(dayNumber * DAY_MS);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The first air date on the cadence that is on or after `dayNumber`. */
function airDayOnOrAfter(segment: RecurringSegment, dayNumber: number): number {
  const anchor = dayNumberOf(segment.anchorDate);
  // ceil works for days before the anchor too (k negative).
  const k = Math.ceil((dayNumber - anchor) / segment.everyDays);
  return anchor + k * segment.everyDays;
}

function monthId(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

/**
 * The slot an instant falls in: for a monthly page its Vietnam month
 * `YYYY-MM`; for a recurring segment the first air date (Vietnam calendar)
 * on or after the instant's Vietnam date — the programme that story can
 * still make.
 * @example slotIdFor(page, new Date('2026-11-30T17:30:00Z')) // '2026-12' (already December in Vietnam)
 */
export function slotIdFor(slot: SlotDefinition, at: Date): string {
  if (slot.kind === 'monthly-page') {
    const p = vietnamParts(at);
    return monthId(p.year, p.month);
  }
  return isoDateOf(airDayOnOrAfter(slot, dayNumberOf(vietnamDate(at))));
}

/**
 * The slot editors plan now: this Vietnam month's page (kept simple: no
 * cutoff that rolls over to next month), or the next air date on or after
 * today in Vietnam (today's programme counts until midnight).
 */
export function nextSlot(slot: SlotDefinition, now: Date): string {
  return slotIdFor(slot, now);
}

/** The next slot and the `count − 1` after it, in order (for a select box). */
export function upcomingSlots(slot: SlotDefinition, now: Date, count: number): string[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  const first = nextSlot(slot, now);
  const ids: string[] = [];
  if (slot.kind === 'monthly-page') {
    const [year, month] = first.split('-').map(Number) as [number, number];
    for (let i = 0; i < count; i += 1) {
      const index = year * 12 + (month - 1) + i;
      ids.push(monthId(Math.floor(index / 12), (index % 12) + 1));
    }
  } else {
    const day = dayNumberOf(first);
    for (let i = 0; i < count; i += 1) ids.push(isoDateOf(day + i * slot.everyDays));
  }
  return ids;
}

/** Parses a slot id, or says why it is not one of this desk's slots. */
function checkSlotId(slot: SlotDefinition, id: string): ParsedSlot | string {
  if (slot.kind === 'monthly-page') {
    const match = /^(\d{4})-(\d{2})$/.exec(id);
    const month = Number(match?.[2]);
    if (!match || month < 1 || month > 12) return desksVi.errors.notMonth(id);
    return { kind: 'month', id, year: Number(match[1]), month };
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(id);
  // The round trip rejects impossible dates such as 2026-02-30.
  if (!match || isoDateOf(dayNumberOf(id)) !== id) return desksVi.errors.notDate(id);
  const day = dayNumberOf(id);
  if (airDayOnOrAfter(slot, day) !== day) return desksVi.errors.offCadence(id, slot.everyDays, slot.anchorDate);
  return {
    kind: 'air-date',
    id,
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    weekday: new Date(day * DAY_MS).getUTCDay(),
  };
}

/** The parsed slot id, or null when it is not a slot of this desk (wrong form, impossible date, off the cadence). */
export function parseSlotId(slot: SlotDefinition, id: string): ParsedSlot | null {
  const result = checkSlotId(slot, id);
  return typeof result === 'string' ? null : result;
}

/**
 * The parsed slot id.
 * @throws SlotIdError with a Vietnamese message saying what is wrong.
 */
export function requireSlotId(slot: SlotDefinition, id: string): ParsedSlot {
  const result = checkSlotId(slot, id);
  if (typeof result === 'string') throw new SlotIdError(result);
  return result;
}

/** `dd/MM/yyyy` of an air date, or `MM/yyyy` of a month. */
function shortDate(parsed: ParsedSlot): string {
  return parsed.kind === 'month'
    ? `${pad(parsed.month)}/${parsed.year}`
    : `${pad(parsed.day)}/${pad(parsed.month)}/${parsed.year}`;
}

/**
 * The Vietnamese label of a slot: "Trang CCHC tháng 12/2026" or
 * "Chương trình CCHC phát sóng thứ Bảy, 05/12/2026".
 * @throws SlotIdError when the id is not a slot of this desk.
 */
export function slotLabel(slot: SlotDefinition, id: string): string {
  const parsed = requireSlotId(slot, id);
  if (parsed.kind === 'month') return desksVi.pageLabel(pad(parsed.month), String(parsed.year));
  return desksVi.segmentLabel(desksVi.weekdays[parsed.weekday] ?? '', shortDate(parsed));
}

/**
 * The label of a stored slot id, or the id itself when the desk's cadence
 * no longer has that slot (an anchor date changed after it was scheduled):
 * old pages must still render.
 */
export function slotLabelOrId(slot: SlotDefinition, id: string): string {
  return parseSlotId(slot, id) ? slotLabel(slot, id) : id;
}

/**
 * A story's estimated airtime: its words read aloud at the configured rate,
 * plus the lead-in around each story, never below the configured floor (a
 * story known only by its title still takes air).
 */
export function estimateSeconds(segment: RecurringSegment, words: number): number {
  const reading = Number.isFinite(words) && words > 0 ? Math.round((words / segment.wordsPerMinute) * 60) : 0;
  return Math.max(segment.minStorySeconds, reading + segment.perStorySeconds);
}

/** `m:ss` — how TV editors write airtime (minutes may exceed 59). */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${pad(whole % 60)}`;
}

/** A whole number with Vietnamese thousands dots (3.000), independent of the runtime's ICU data. */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** What one story costs in a slot: words on a page, airtime in a segment. */
export interface SlotItem {
  words: number;
  seconds: number;
}

/** What a slot holds. */
export interface SlotUsage {
  stories: number;
  words: number;
  seconds: number;
}

/** A slot's usage and whether one more story fits, with the refusal message when it does not. */
export interface FitCheck {
  usage: SlotUsage;
  /** The usage if the story were added. */
  after: SlotUsage;
  fits: boolean;
  /** Vietnamese, for the editor; null when the story fits. */
  message: string | null;
}

const safe = (value: number) => (Number.isFinite(value) && value > 0 ? value : 0);

/** The total of a slot's stories (negative or missing figures count as 0). */
export function slotUsage(items: readonly SlotItem[]): SlotUsage {
  const usage: SlotUsage = { stories: 0, words: 0, seconds: 0 };
  for (const item of items) {
    usage.stories += 1;
    usage.words += safe(item.words);
    usage.seconds += safe(item.seconds);
  }
  return usage;
}

/** Whether a usage is within the slot's budget (pages: stories and words; segments: airtime). */
export function withinBudget(slot: SlotDefinition, usage: SlotUsage): boolean {
  return slot.kind === 'monthly-page'
    ? usage.stories <= slot.maxStories && usage.words <= slot.maxWords
    : usage.seconds <= slot.maxSeconds;
}

/**
 * How full a slot is, 0–1: a page by words, except that a page holding its
 * maximum number of stories is full; a segment by airtime against its maximum.
 */
export function fillRatio(slot: SlotDefinition, usage: SlotUsage): number {
  if (slot.kind === 'monthly-page') {
    return usage.stories >= slot.maxStories ? 1 : Math.min(1, usage.words / slot.maxWords);
  }
  return Math.min(1, usage.seconds / slot.maxSeconds);
}

/**
 * Whether one more story fits a slot that already holds `items`, and if not
 * the message that explains the refusal, e.g. "Vượt dung lượng: chương trình
 * 05/12/2026 đã có 13:40 trên tối đa 15:00; tin này dài 2:10."
 * @throws SlotIdError when `slotId` is not a slot of this desk (the message names the slot).
 */
export function checkFit(slot: SlotDefinition, slotId: string, items: readonly SlotItem[], story: SlotItem): FitCheck {
  const parsed = requireSlotId(slot, slotId);
  const usage = slotUsage(items);
  const after = slotUsage([...items, story]);
  const fits = withinBudget(slot, after);
  return { usage, after, fits, message: fits ? null : overfillMessage(slot, parsed, usage, story) };
}

function overfillMessage(slot: SlotDefinition, parsed: ParsedSlot, usage: SlotUsage, story: SlotItem): string {
  const when = shortDate(parsed);
  if (slot.kind === 'recurring-segment') {
    return desksVi.overfill.segment(when, formatSeconds(usage.seconds), formatSeconds(slot.maxSeconds), formatSeconds(safe(story.seconds)));
  }
  return pageOverfill(slot, when, usage, story);
}

function pageOverfill(page: MonthlyPage, when: string, usage: SlotUsage, story: SlotItem): string {
  if (usage.stories + 1 > page.maxStories) return desksVi.overfill.pageStories(when, usage.stories, page.maxStories);
  return desksVi.overfill.pageWords(when, formatCount(usage.words), formatCount(page.maxWords), formatCount(safe(story.words)));
}
