/**
 * The date forms Vietnamese agency sites print, produced from an instant
 * (always in Vietnam time unless the form says otherwise).
 */
import { vietnamParts, toVietnamIso } from '../../../shared/time/vietnam';

const pad = (value: number) => String(value).padStart(2, '0');
const DAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS_VI = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** `23/11/2026` */
export function dmy(instant: Date): string {
  const p = vietnamParts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** `23-11-2026` */
export function dmyDashed(instant: Date): string {
  const p = vietnamParts(instant);
  return `${pad(p.day)}-${pad(p.month)}-${p.year}`;
}

/** `08:30` */
export function hm(instant: Date): string {
  const p = vietnamParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** `23/11/2026 08:30` */
export function dmyHm(instant: Date): string {
  return `${dmy(instant)} ${hm(instant)}`;
}

/** `08:30 - 23/11/2026` */
export function hmDashDmy(instant: Date): string {
  return `${hm(instant)} - ${dmy(instant)}`;
}

/** `Thứ Hai, 23/11/2026, 08:30 (GMT+7)` */
export function weekdayDmyHm(instant: Date): string {
  const p = vietnamParts(instant);
  return `${WEEKDAYS_VI[p.weekday]}, ${dmy(instant)}, ${hm(instant)} (GMT+7)`;
}

/**
 * `ngày 23 tháng 11 năm 2026`; variants seen in the wild: zero-padded day
 * and month, and a capitalised `Ngày`.
 */
export function longVietnamese(instant: Date, variant: 'plain' | 'padded' | 'capital' = 'plain'): string {
  const p = vietnamParts(instant);
  const day = variant === 'padded' ? pad(p.day) : String(p.day);
  const month = variant === 'padded' ? pad(p.month) : String(p.month);
  return `${variant === 'capital' ? 'Ngày' : 'ngày'} ${day} tháng ${month} năm ${p.year}`;
}

/**
 * Relative forms: `35 phút trước`, `2 giờ trước` (under a day), `Hôm qua`
 * (the previous Vietnam calendar day), otherwise `23/11/2026`.
 */
export function relativeVietnamese(instant: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - instant.getTime()) / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} phút trước`;
  if (minutes < 24 * 60 && vietnamParts(now).day === vietnamParts(instant).day) {
    return `${Math.floor(minutes / 60)} giờ trước`;
  }
  const yesterday = new Date(now.getTime() - 86_400_000);
  if (dmy(yesterday) === dmy(instant)) return 'Hôm qua';
  return dmy(instant);
}

/** RFC 822 as feeds write it, in Vietnam time (`+0700`) or UTC (`GMT`/`+0000`). */
export function rfc822(instant: Date, zone: '+0700' | 'GMT' | '+0000' = '+0700'): string {
  const shifted = zone === '+0700' ? new Date(instant.getTime() + 7 * 3_600_000) : instant;
  const d = shifted;
  return (
    `${DAYS_EN[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS_EN[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`
  );
}

/** ISO 8601 with `+07:00`. */
export const isoVietnam = toVietnamIso;

/** ISO 8601 in UTC with milliseconds, e.g. `2026-11-23T01:30:00.000Z`. */
export function isoUtc(instant: Date): string {
  return instant.toISOString();
}
