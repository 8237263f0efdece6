/**
 * Dates as Vietnamese sites and feeds write them. Everything here is day
 * first, and a date without a zone is Vietnam wall-clock time (UTC+7).
 * Text is folded first (diacritics removed, lower case), so NFD text and
 * text typed without diacritics ("Hom qua", "thang") parse the same.
 */
import { fromVietnamWallClock, vietnamParts } from '../time/vietnam';
import { normalizeText } from './normalize';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Wall-clock fields plus the zone they are in (null = Vietnam time). */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, or null when the text gave no zone. */
  offsetMinutes: number | null;
}

type TimeOfDay = Pick<WallClock, 'hour' | 'minute' | 'second'>;

/** Lower case, diacritics removed, đ → d; punctuation kept (dates need it). */
function foldKeepingPunctuation(text: string): string {
  return normalizeText(text)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function toInstant(clock: WallClock): Date | null {
  const { year, month, day, hour, minute, second, millisecond } = clock;
  if (!isValidDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  if (clock.offsetMinutes === null) {
    return fromVietnamWallClock(year, month, day, hour, minute, second, millisecond);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  return new Date(utc - clock.offsetMinutes * MINUTE_MS);
}

/** "+07:00", "+0700", "-05", "+7" → minutes east of UTC. */
function parseOffset(sign: string, hours: string, minutes = '0'): number {
  const value = Number(hours) * 60 + Number(minutes);
  return sign === '-' ? -value : value;
}

// ISO 8601 / RFC 3339, lower-cased: "2024-04-05t03:15:00.123z", "2024-04-01".
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:(z)|([+-])(\d{2})(?::?(\d{2}))?)?$/;

function parseIso(text: string): Date | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const offsetMinutes = m[8] ? 0 : m[9] ? parseOffset(m[9], m[10]!, m[11]) : null;
  return toInstant({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    // Only milliseconds survive in a Date; "…:00.1234567" keeps its first three digits.
    millisecond: m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0,
    offsetMinutes,
  });
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

// RFC 822 zone names still seen in feeds; ICT (Indochina Time) is Vietnam's.
const ZONE_NAMES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0, ict: 420,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

// "thu, 04 apr 2024 15:40:00 +0700", "wed, 6 mar 2024 23:30:00 gmt".
const RFC822 =
  /^(?:[a-z]{3,9},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:([+-])(\d{2}):?(\d{2})|([a-z]{1,5}))?\b/;

function parseRfc822(text: string): Date | null {
  const m = RFC822.exec(text);
  if (!m) return null;
  const month = MONTHS[m[2]!];
  if (!month) return null;
  const shortYear = Number(m[3]);
  const year = m[3]!.length === 2 ? (shortYear < 70 ? 2000 : 1900) + shortYear : shortYear;
  let offsetMinutes: number | null = null;
  if (m[7]) offsetMinutes = parseOffset(m[7], m[8]!, m[9]);
  // An unknown zone name is treated like no zone at all: Vietnam time.
  else if (m[10] && m[10] in ZONE_NAMES) offsetMinutes = ZONE_NAMES[m[10]]!;
  return toInstant({
    year,
    month,
    day: Number(m[1]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: 0,
    offsetMinutes,
  });
}

// "08:30", "8:30:15", "08h30", "8h", "8 gio 30 phut", optionally "sa"/"ch" (sáng/chiều) or am/pm.
const TIME =
  /(?<!\d)(\d{1,2})(?:\s*:\s*(\d{2})|\s*(?:h(?![a-z])|gio\b)\s*(\d{1,2})?)(?:\s*:\s*(\d{2}))?(?:\s*phut\b)?(?:\s*(am|pm|sa|ch)\b)?/;

/** The first time of day in the text, and where it ends. */
function findTime(text: string): { time: TimeOfDay; end: number } | null {
  const m = TIME.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const meridiem = m[5];
  if ((meridiem === 'pm' || meridiem === 'ch') && hour < 12) hour += 12;
  if ((meridiem === 'am' || meridiem === 'sa') && hour === 12) hour = 0;
  return { time: { hour, minute: Number(m[2] ?? m[3] ?? 0), second: Number(m[4] ?? 0) }, end: m.index + m[0].length };
}

// "(gmt+7)", "gmt+07:00", "utc +7".
const NAMED_OFFSET = /\b(?:gmt|utc)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?(?![\d])/;
// A numeric offset right after the time: "08:30 +07:00", "08:30+0700".
const TRAILING_OFFSET = /^\s?([+-])(\d{2}):?(\d{2})(?![\d/.-])/;

function findOffset(text: string, timeEnd: number | null): number | null {
  const named = NAMED_OFFSET.exec(text);
  if (named) return named[1] ? parseOffset(named[1], named[2]!, named[3]) : 0;
  if (timeEnd !== null) {
    const trailing = TRAILING_OFFSET.exec(text.slice(timeEnd));
    if (trailing) return parseOffset(trailing[1]!, trailing[2]!, trailing[3]);
    if (/^\s?z\b/.test(text.slice(timeEnd))) return 0;
  }
  return null;
}

/** A calendar date found somewhere in the text, plus the text with it cut out. */
interface FoundDate {
  year: number;
  month: number;
  day: number;
  rest: string;
}

// "23/11/2026", "05-04-2024", "5.4.2024", "2024/04/05"; two-digit years are 20xx.
// The same separator twice, so "10:15-05/04/2024" is not read as 15-05-04.
const NUMERIC_DATE = /(?<![\d:])(\d{1,4})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/;
// "ngay 23 thang 11 nam 2026" (folded), "23 thang 11, 2026".
const LONG_DATE = /(?:ngay\s*)?(?<!\d)(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,|\/)?\s*(\d{4})(?!\d)/;

function findNumericDate(text: string): FoundDate | null {
  const m = NUMERIC_DATE.exec(text);
  if (!m) return null;
  const [a, b, c] = [m[1]!, m[3]!, m[4]!];
  const rest = text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length);
  if (a.length === 4) return { year: Number(a), month: Number(b), day: Number(c), rest };
  if (a.length > 2) return null;
  const year = c.length === 2 ? 2000 + Number(c) : Number(c);
  return { year, month: Number(b), day: Number(a), rest };
}

function findLongDate(text: string): FoundDate | null {
  const m = LONG_DATE.exec(text);
  if (!m) return null;
  const rest = text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length);
  return { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]), rest };
}

/** A calendar date written day first, with an optional time and zone anywhere around it. */
function parseDayFirst(text: string): Date | null {
  const found = findNumericDate(text) ?? findLongDate(text);
  if (!found) return null;
  const time = findTime(found.rest);
  return toInstant({
    year: found.year,
    month: found.month,
    day: found.day,
    hour: time?.time.hour ?? 0,
    minute: time?.time.minute ?? 0,
    second: time?.time.second ?? 0,
    millisecond: 0,
    offsetMinutes: findOffset(found.rest, time?.end ?? null),
  });
}

const UNIT_MS: Record<string, number> = {
  giay: 1000, second: 1000, seconds: 1000,
  phut: MINUTE_MS, minute: MINUTE_MS, minutes: MINUTE_MS, min: MINUTE_MS, mins: MINUTE_MS,
  gio: HOUR_MS, tieng: HOUR_MS, hour: HOUR_MS, hours: HOUR_MS,
  ngay: DAY_MS, day: DAY_MS, days: DAY_MS,
  tuan: 7 * DAY_MS, week: 7 * DAY_MS, weeks: 7 * DAY_MS,
};

// "2 gio truoc", "30 phut truoc", "3 ngay truoc", "2 hours ago".
const AGO =
  /(?<!\d)(\d{1,4})\s*(giay|phut|gio|tieng|ngay|tuan|thang|nam|seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s*(?:truoc|qua|ago)\b/;
// "hom nay", "hom qua 08:30", "hom kia", "today", "yesterday".
const NAMED_DAY = /\b(hom nay|hom qua|hom kia|today|yesterday)\b/;
const DAYS_BACK: Record<string, number> = { 'hom nay': 0, today: 0, 'hom qua': 1, yesterday: 1, 'hom kia': 2 };

function parseRelative(text: string, now: Date): Date | null {
  if (/\b(vua xong|vua moi|just now)\b/.test(text)) return new Date(now.getTime());
  const ago = AGO.exec(text);
  if (ago) {
    const amount = Number(ago[1]);
    const unit = ago[2]!;
    const ms = UNIT_MS[unit];
    if (ms !== undefined) return new Date(now.getTime() - amount * ms);
    // Months and years are calendar steps on the Vietnam wall clock.
    const p = vietnamParts(now);
    const months = unit === 'thang' || unit.startsWith('month') ? amount : amount * 12;
    return fromVietnamWallClock(p.year, p.month - months, p.day, p.hour, p.minute, p.second);
  }
  const named = NAMED_DAY.exec(text);
  if (named) {
    // The Vietnam calendar day, not the UTC one: at 06:00 Vietnam time it is
    // still "yesterday" in UTC.
    const day = vietnamParts(new Date(now.getTime() - DAYS_BACK[named[1]!]! * DAY_MS));
    const time = findTime(text.slice(0, named.index) + ' ' + text.slice(named.index + named[0].length))?.time;
    return fromVietnamWallClock(day.year, day.month, day.day, time?.hour ?? 0, time?.minute ?? 0, time?.second ?? 0);
  }
  return null;
}

// A date element is short; a long text is not a date and would only cost regex time.
const MAX_DATE_TEXT = 200;

/**
 * Parses a date as Vietnamese pages and feeds write it, day first:
 * `23/11/2026`, `23/11/2026 08:30[:15]`, `08:30 - 23/11/2026`, `05-04-2024`,
 * `Thứ Hai, 23/11/2026, 08:30 (GMT+7)`, `ngày 23 tháng 11 năm 2026`, RFC 822
 * (`Thu, 4 Apr 2024 15:40:00 +0700`, `GMT`), ISO 8601 (`Z`, offsets,
 * fractions, date-only) and relative forms (`2 giờ trước`, `30 phút trước`,
 * `3 ngày trước`, `Hôm qua[, 08:30]`, `Hôm nay`) counted back from `now`.
 *
 * A date without a zone is Vietnam time (+07:00); a date without a time is
 * 00:00 Vietnam time. NFD text and text without diacritics are accepted.
 * @returns the instant, or null when the text holds no recognisable date.
 */
export function parseVietnameseDate(text: string, now: Date): Date | null {
  if (!text) return null;
  const folded = foldKeepingPunctuation(text.length > MAX_DATE_TEXT ? text.slice(0, MAX_DATE_TEXT) : text);
  if (!folded) return null;
  return parseIso(folded) ?? parseRfc822(folded) ?? parseDayFirst(folded) ?? parseRelative(folded, now);
}
