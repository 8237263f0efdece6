/**
 * Which reminders are due now: pure, from the clock, the quarter's rows and
 * the thresholds (days before the quarter's last day).
 *
 * Rules (Vietnam time):
 * - A threshold `d` is due from 00:00 of the day `d` days before the
 *   quarter's last day until the quarter ends (00:00 of the next quarter's
 *   first day). With the default [21, 7] and a quarter ending 31 December:
 *   21 is due from 10 December, 7 from 24 December.
 * - A daily job that missed the first due day still sends the threshold on
 *   the next run (the window stays open), and exactly once (run.ts keeps a
 *   marker per agency, quarter and threshold).
 * - When several thresholds are due at once, only the smallest (closest to
 *   the deadline) is sent; the larger ones are superseded for good — an
 *   agency told "7 days left" gains nothing from a late "21 days left" as
 *   well, and Sở Nội vụ gets one roll-up, the current one.
 * - Agencies with status `missing` or `lead_missing` and at least one
 *   contact get a reminder; laggards without a contact are listed in the
 *   roll-up as such. Agencies that met the quarter get nothing.
 * - Sở Nội vụ's roll-up goes out for the due threshold whenever its
 *   addresses are configured, also when every agency met (it then says so:
 *   the office learns that the round ran).
 */
import type { Agency } from '../config/schema';
import { DEFAULT_REMINDER_DAYS } from '../compliance/config';
import { KIND_ORDER } from '../compliance/rules';
import type { ComplianceRow } from '../compliance/types';
import { fromVietnamWallClock, quarterBounds, quarterOf, vietnamDate } from '../time/vietnam';
import { compareVietnamese } from '../text/collate';

export { DEFAULT_REMINDER_DAYS, KIND_ORDER };

/**
 * A row as the reminders read it: the contract's row and, when the quarter
 * view supplies it, the health of the agency's sources — a `missing` next to
 * a broken source may be our scraper's fault, and both e-mails say so.
 */
export type ReminderRow = ComplianceRow & { health?: { state: string } };

/** Whether the row's sources are failing or need repair. */
export function sourcesTroubled(row: ReminderRow): boolean {
  return row.health?.state === 'failing' || row.health?.state === 'needs_repair';
}

/** What the plan needs of an agency. */
export type ReminderAgency = Pick<Agency, 'id' | 'name' | 'kind' | 'contacts'>;


export interface AgencyReminder {
  agencyId: string;
  agencyName: string;
  to: string[];
  row: ReminderRow;
}

export interface RollupGroup {
  kind: Agency['kind'];
  /** Laggards of this kind, by name. */
  rows: (ReminderRow & { reminded: boolean })[];
}

export interface Rollup {
  to: string[];
  groups: RollupGroup[];
  laggards: number;
  reminded: number;
}

export interface ReminderPlan {
  quarter: string;
  /** The quarter's last day, `YYYY-MM-DD` (Vietnam). */
  lastDay: string;
  /** Whole days from today (Vietnam) to the last day; 0 on the last day. */
  daysLeft: number;
  /** The threshold to send now, or null when none is due. */
  threshold: number | null;
  /** Larger thresholds that are due too but superseded by {@link threshold}. */
  superseded: number[];
  agencies: AgencyReminder[];
  /** Laggards that cannot be reminded: no contact (or not in the registry). */
  withoutContact: ReminderRow[];
  rollup: Rollup | null;
}

export interface PlanInput {
  now: Date;
  /** The rows of the quarter that holds `now`. */
  rows: readonly ReminderRow[];
  agencies: readonly ReminderAgency[];
  thresholds?: readonly number[];
  /** Sở Nội vụ's addresses; empty means no roll-up. */
  homeAffairs?: readonly string[];
}

const DAY_MS = 86_400_000;

/** The quarter's last day as a UTC calendar date (for day arithmetic). */
function lastDayOf(quarter: string): Date {
  const end = quarterBounds(quarter).end;
  const last = vietnamDate(new Date(end.getTime() - 1));
  return new Date(`${last}T00:00:00Z`);
}

/** The instant from which threshold `days` is due in `quarter` (00:00 Vietnam time). */
export function thresholdStart(quarter: string, days: number): Date {
  const day = new Date(lastDayOf(quarter).getTime() - days * DAY_MS);
  return fromVietnamWallClock(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/** The thresholds, cleaned: positive whole days, each once, smallest first. */
export function normaliseThresholds(thresholds: readonly number[]): number[] {
  return [...new Set(thresholds.filter((d) => Number.isInteger(d) && d > 0))].sort((a, b) => a - b);
}

/**
 * The due thresholds of the quarter holding `now`, smallest first (the
 * first is the one to send).
 */
export function dueThresholds(now: Date, thresholds: readonly number[] = DEFAULT_REMINDER_DAYS): { quarter: string; due: number[] } {
  const quarter = quarterOf(now);
  const { end } = quarterBounds(quarter);
  const due = normaliseThresholds(thresholds).filter((d) => now.getTime() >= thresholdStart(quarter, d).getTime() && now.getTime() < end.getTime());
  return { quarter, due };
}

const byName = (a: { agencyName: string }, b: { agencyName: string }) => compareVietnamese(a.agencyName, b.agencyName);

/** The reminders due now. */
export function planReminders(input: PlanInput): ReminderPlan {
  const { quarter, due } = dueThresholds(input.now, input.thresholds ?? DEFAULT_REMINDER_DAYS);
  const lastDay = lastDayOf(quarter);
  const today = new Date(`${vietnamDate(input.now)}T00:00:00Z`);
  const base = {
    quarter,
    lastDay: lastDay.toISOString().slice(0, 10),
    daysLeft: Math.round((lastDay.getTime() - today.getTime()) / DAY_MS),
  };
  if (due.length === 0) return { ...base, threshold: null, superseded: [], agencies: [], withoutContact: [], rollup: null };

  const agencies = new Map(input.agencies.map((agency) => [agency.id, agency]));
  const laggards = input.rows.filter((row) => row.status === 'missing' || row.status === 'lead_missing');
  const reminders: AgencyReminder[] = [];
  const withoutContact: ReminderRow[] = [];
  for (const row of laggards) {
    const contacts = [...new Set(agencies.get(row.agencyId)?.contacts ?? [])];
    if (contacts.length === 0) withoutContact.push(row);
    else reminders.push({ agencyId: row.agencyId, agencyName: row.agencyName, to: contacts, row });
  }
  reminders.sort(byName);
  withoutContact.sort(byName);

  const homeAffairs = [...new Set(input.homeAffairs ?? [])];
  const reminded = new Set(reminders.map((r) => r.agencyId));
  const rollup: Rollup | null =
    homeAffairs.length === 0
      ? null
      : {
          to: homeAffairs,
          groups: KIND_ORDER.map((kind) => ({
            kind,
            rows: laggards
              .filter((row) => row.kind === kind)
              .sort(byName)
              .map((row) => ({ ...row, reminded: reminded.has(row.agencyId) })),
          })).filter((group) => group.rows.length > 0),
          laggards: laggards.length,
          reminded: reminders.length,
        };
  return { ...base, threshold: due[0]!, superseded: due.slice(1), agencies: reminders, withoutContact, rollup };
}
