/**
 * Reporting periods of the compliance view (contract, `cchc compliance`): a
 * quarter `2025-Q2`, a calendar half-year `2025-H1` (Q1+Q2) or `2025-H2`
 * (Q3+Q4), a year `2025` (Q1–Q4). Every bound is in Vietnam time, and the
 * clock is always an argument.
 */
import { quarterBounds, quarterOf, vietnamDate } from '../time/vietnam';

/** A period that cannot be read, with a message naming the expected forms. */
export class PeriodError extends RangeError {
  override name = 'PeriodError';
}

/** A parsed reporting period. */
export interface Period {
  kind: 'quarter' | 'half' | 'year';
  /** As written: `2025-Q2`, `2025-H1`, `2025`. */
  id: string;
  year: number;
  /** Its quarter ids, in calendar order. */
  quarters: string[];
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;

function yearOf(text: string): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new PeriodError(`year out of range: ${text} (${MIN_YEAR}–${MAX_YEAR})`);
  return year;
}

/** A quarter id, validated. @throws PeriodError */
export function parseQuarter(text: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(text.trim());
  if (!match) throw new PeriodError(`not a quarter: "${text}" (expected e.g. 2025-Q2)`);
  yearOf(match[1]!);
  return `${match[1]}-Q${match[2]}`;
}

/** A half-year id (`2025-H1`), validated, as its period. @throws PeriodError */
export function parseHalf(text: string): Period {
  const match = /^(\d{4})-H([12])$/.exec(text.trim());
  if (!match) throw new PeriodError(`not a half-year: "${text}" (expected e.g. 2025-H1)`);
  const year = yearOf(match[1]!);
  const first = match[2] === '1' ? 1 : 3;
  return { kind: 'half', id: `${year}-H${match[2]}`, year, quarters: [`${year}-Q${first}`, `${year}-Q${first + 1}`] };
}

/** A year (`2025`), validated, as its period. @throws PeriodError */
export function parseYear(text: string): Period {
  if (!/^\d{4}$/.test(text.trim())) throw new PeriodError(`not a year: "${text}" (expected e.g. 2025)`);
  const year = yearOf(text.trim());
  return { kind: 'year', id: String(year), year, quarters: [1, 2, 3, 4].map((q) => `${year}-Q${q}`) };
}

/** Any of the three forms. @throws PeriodError */
export function parsePeriod(text: string): Period {
  const trimmed = text.trim();
  if (/Q/i.test(trimmed)) {
    const quarter = parseQuarter(trimmed.toUpperCase());
    return { kind: 'quarter', id: quarter, year: Number(quarter.slice(0, 4)), quarters: [quarter] };
  }
  if (/H/i.test(trimmed)) return parseHalf(trimmed.toUpperCase());
  if (/^\d{4}$/.test(trimmed)) return parseYear(trimmed);
  throw new PeriodError(`not a period: "${text}" (expected 2025-Q2, 2025-H1 or 2025)`);
}

/** Inclusive start, exclusive end of a quarter, and its first and last Vietnam calendar days. */
export function quarterRange(quarter: string): { start: Date; end: Date; firstDay: string; lastDay: string } {
  const { start, end } = quarterBounds(parseQuarter(quarter));
  return { start, end, firstDay: vietnamDate(start), lastDay: vietnamDate(new Date(end.getTime() - 1)) };
}

/** Where a quarter stands at `now`. */
export type QuarterState = 'past' | 'running' | 'future';

/** Whether the quarter has ended, is running or has not begun at `now`. */
export function quarterState(quarter: string, now: Date): QuarterState {
  const { start, end } = quarterBounds(parseQuarter(quarter));
  if (now.getTime() >= end.getTime()) return 'past';
  return now.getTime() < start.getTime() ? 'future' : 'running';
}

/**
 * Vietnam calendar days left in a running quarter, today included: on its
 * last day 1, at 00:00 of the 7th day before its end 7. `null` when the
 * quarter is not running.
 */
export function daysLeft(quarter: string, now: Date): number | null {
  if (quarterState(quarter, now) !== 'running') return null;
  const { end } = quarterBounds(quarter);
  return Math.ceil((end.getTime() - now.getTime()) / DAY_MS);
}

/** The quarter before. */
export function previousQuarter(quarter: string): string {
  const id = parseQuarter(quarter);
  const year = Number(id.slice(0, 4));
  const q = Number(id.slice(-1));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The quarter after. */
export function nextQuarter(quarter: string): string {
  const id = parseQuarter(quarter);
  const year = Number(id.slice(0, 4));
  const q = Number(id.slice(-1));
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}

/** The quarter running at `now` (Vietnam time). */
export function currentQuarter(now: Date): string {
  return quarterOf(now);
}

/** `count` quarters ending with `last`, oldest first. */
export function quartersUpTo(last: string, count: number): string[] {
  const out = [parseQuarter(last)];
  while (out.length < count) out.unshift(previousQuarter(out[0]!));
  return out;
}

/** The four quarters of a quarter's year. */
export function quartersOfYear(year: number): string[] {
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}
