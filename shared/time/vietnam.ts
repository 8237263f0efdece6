/**
 * Calendar rules in Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year, no
 * daylight saving since 1975). Every quarter, week and deadline is computed
 * here, from an instant passed in: the clock is an argument.
 */

/** Vietnam's offset from UTC, in milliseconds. */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The IANA zone name, for schedules and Intl. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Wall-clock fields of an instant in Vietnam time. */
export interface VietnamDateParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** The Vietnam wall-clock fields of an instant. */
export function vietnamParts(instant: Date): VietnamDateParts {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/**
 * The instant of a Vietnam wall-clock time.
 * @example fromVietnamWallClock(2025, 4, 1, 0, 30) // 2025-03-31T17:30:00Z
 */
export function fromVietnamWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - VIETNAM_OFFSET_MS);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * ISO 8601 in Vietnam time with an explicit offset.
 * @example toVietnamIso(new Date('2025-03-31T17:30:00Z')) // '2025-04-01T00:30:00+07:00'
 */
export function toVietnamIso(instant: Date): string {
  const p = vietnamParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+07:00`;
}

/** `YYYY-MM-DD` of the Vietnam calendar day of an instant. */
export function vietnamDate(instant: Date): string {
  const p = vietnamParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The quarter id of an instant in Vietnam time.
 * @example quarterOf(new Date('2025-03-31T17:30:00Z')) // '2025-Q2'
 */
export function quarterOf(instant: Date): string {
  const p = vietnamParts(instant);
  return `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`;
}

/** The first and last instants (inclusive start, exclusive end) of a quarter id. */
export function quarterBounds(quarterId: string): { start: Date; end: Date } {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarterId);
  if (!match) throw new RangeError(`not a quarter id: ${quarterId} (expected e.g. 2025-Q2)`);
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  const startMonth = (quarter - 1) * 3 + 1;
  return {
    start: fromVietnamWallClock(year, startMonth, 1),
    end: quarter === 4 ? fromVietnamWallClock(year + 1, 1, 1) : fromVietnamWallClock(year, startMonth + 3, 1),
  };
}

/**
 * The ISO 8601 week id of an instant in Vietnam time (weeks start on Monday;
 * week 1 holds the year's first Thursday).
 * @example isoWeekOf(new Date('2025-03-31T17:30:00Z')) // '2025-W14'
 */
export function isoWeekOf(instant: Date): string {
  const p = vietnamParts(instant);
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day));
  const isoWeekday = p.weekday === 0 ? 7 : p.weekday;
  // The Thursday of this week decides the ISO year.
  day.setUTCDate(day.getUTCDate() + 4 - isoWeekday);
  const isoYear = day.getUTCFullYear();
  const firstDay = Date.UTC(isoYear, 0, 1);
  const week = Math.floor((day.getTime() - firstDay) / 86_400_000 / 7) + 1;
  return `${isoYear}-W${pad(week)}`;
}

/** Monday 00:00 (inclusive) to the next Monday 00:00 (exclusive) of an ISO week id, Vietnam time. */
export function isoWeekBounds(weekId: string): { start: Date; end: Date } {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekId);
  if (!match) throw new RangeError(`not an ISO week id: ${weekId} (expected e.g. 2025-W14)`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Weekday = jan4.getUTCDay() === 0 ? 7 : jan4.getUTCDay();
  const mondayOfWeek1 = Date.UTC(year, 0, 4 - (jan4Weekday - 1));
  const monday = new Date(mondayOfWeek1 + (week - 1) * 7 * 86_400_000);
  if (week < 1 || isoWeekOf(new Date(monday.getTime() - VIETNAM_OFFSET_MS + 3 * 86_400_000)) !== weekId) {
    throw new RangeError(`no such ISO week: ${weekId}`);
  }
  const start = new Date(monday.getTime() - VIETNAM_OFFSET_MS);
  return { start, end: new Date(start.getTime() + 7 * 86_400_000) };
}
