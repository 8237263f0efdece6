/**
 * The weekly digest's content, as data (pure: every input is an argument).
 *
 * Digest W covers the stories whose counting instant (`sortAt`) falls in ISO
 * week W in Vietnam time, Monday 00:00 to the next Monday 00:00, and is sent
 * the following Monday at 07:00 ({@link digestSendAt}).
 *
 * Decisions:
 * - **Which quarter's snapshot**: the quarter of the send time. A week that
 *   straddles a quarter boundary (2025-W14: 31/03–06/04/2025) is sent on
 *   07/04/2025 and shows Q2's snapshot: a digest tells readers what is due,
 *   and only the running quarter has days left. The snapshot and "what is
 *   scheduled next" are taken as of the send time, so a digest rendered
 *   again at any moment says the same.
 * - **Stories**: relevant ones only, each under its primary area (the first
 *   of `areas`; a relevant story without areas goes under "other").
 * - **Counts per agency** count every publisher of a story (a syndicated
 *   story counts for each agency that published it, as compliance does).
 */
import { AREA_IDS, AREA_NAMES, type AreaId } from '../config/areas';
import type { RunningComplianceRow } from '../compliance/types';
import { formatVietnamDateTime } from '../web/html';
import { isoWeekBounds, isoWeekOf, quarterOf, toVietnamIso, vietnamDate } from '../time/vietnam';
import { compareVietnamese } from '../text/collate';

/** Bump when the JSON shape changes incompatibly (archived digests keep theirs). */
export const DIGEST_FORMAT_VERSION = 1;

/** A one-line summary is cut to this many characters (the ellipsis included). */
export const MAX_SUMMARY_CHARS = 160;

/** The send time is 07:00 on the Monday after the week. */
const SEND_HOUR_MS = 7 * 3_600_000;

/** What the digest needs of a story. */
export interface DigestStoryInput {
  id: string;
  title: string;
  url: string;
  summary: string | null;
  agencyId: string;
  agencyIds?: readonly string[];
  sortAt: string;
  week: string;
  relevant?: boolean;
  areas?: readonly AreaId[];
}

/** One desk's next slot as of the send time, with what is scheduled in it. */
export interface DigestSlotInput {
  deskId: string;
  deskName: string;
  slotId: string;
  slotLabel: string;
  stories: { storyId: string; title: string; agencyId: string }[];
}

/** A desk's next slot in the content: its stories with their agencies' names. */
export interface DigestSlot extends Omit<DigestSlotInput, 'stories'> {
  stories: { storyId: string; title: string; agencyId: string; agencyName: string }[];
}

/** Everything the content is built from. */
export interface DigestInput {
  week: string;
  stories: readonly DigestStoryInput[];
  /** Agency ids → names (for display). */
  agencies: readonly { id: string; name: string }[];
  /** The desks' next slots as of the send time. */
  schedule: readonly DigestSlotInput[];
  /** The quarter view's rows of {@link digestQuarter}, judged as of the send time. */
  complianceRows: readonly Pick<RunningComplianceRow, 'agencyId' | 'agencyName' | 'status' | 'items' | 'daysLeft'>[];
  /** When the content was built. */
  generatedAt: Date;
}

export interface DigestStory {
  id: string;
  title: string;
  url: string;
  agencyId: string;
  agencyName: string;
  /** Vietnam ISO of the counting instant. */
  at: string;
  /** `dd/MM/yyyy`. */
  date: string;
  /** One line, at most {@link MAX_SUMMARY_CHARS} characters; empty when the story has none. */
  summary: string;
}

export interface DigestAreaGroup {
  /** An area id, or `other` for a relevant story without areas. */
  area: AreaId | 'other';
  name: string;
  count: number;
  stories: DigestStory[];
}

/** The digest of one week, as data: the archived JSON and the input of every rendering. */
export interface DigestContent {
  format: typeof DIGEST_FORMAT_VERSION;
  week: string;
  /** e.g. "tuần 14/2025". */
  weekLabel: string;
  period: { start: string; end: string; firstDay: string; lastDay: string };
  /** The scheduled send time (Vietnam ISO): Monday 07:00 after the week. */
  sendAt: string;
  generatedAt: string;
  empty: boolean;
  totals: { stories: number; agencies: number; areas: number };
  areas: DigestAreaGroup[];
  /** Per agency, most stories first. */
  agencies: { agencyId: string; agencyName: string; count: number }[];
  schedule: DigestSlot[];
  compliance: {
    quarter: string;
    /** e.g. "quý II năm 2025". */
    quarterLabel: string;
    /** Agencies judged in the quarter. */
    total: number;
    /** Agencies with at least one counted story. */
    submitted: number;
    /** Days left in the quarter at the send time; null when it has ended. */
    daysLeft: number | null;
    /** Agencies with no counted story yet. */
    missing: { agencyId: string; agencyName: string; daysLeft: number | null }[];
  };
}

/** The Monday 07:00 (Vietnam) after ISO week `week`: when its digest is sent. */
export function digestSendAt(week: string): Date {
  return new Date(isoWeekBounds(week).end.getTime() + SEND_HOUR_MS);
}

/** The quarter whose compliance snapshot digest `week` shows: the quarter of its send time. */
export function digestQuarter(week: string): string {
  return quarterOf(digestSendAt(week));
}

/** The week that ended before `now` (Vietnam time): the one the Monday run sends. */
export function previousIsoWeek(now: Date): string {
  return isoWeekOf(new Date(isoWeekBounds(isoWeekOf(now)).start.getTime() - 1));
}

/** `2025-W14` → `tuần 14/2025`. */
export function weekLabel(week: string): string {
  const [year, number] = week.split('-W');
  return `tuần ${Number(number)}/${year}`;
}

/** `2025-Q2` → `quý II năm 2025`. */
export function quarterLabel(quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return `quý ${['I', 'II', 'III', 'IV'][Number(q) - 1] ?? q} năm ${year}`;
}

const ddmmyyyy = (isoDate: string) => isoDate.split('-').reverse().join('/');

/** Whitespace collapsed to one line, cut at a word boundary to {@link MAX_SUMMARY_CHARS} with "…". */
export function oneLineSummary(text: string | null | undefined, max = MAX_SUMMARY_CHARS): string {
  const line = (text ?? '').normalize('NFC').replace(/[\s\u00a0]+/g, ' ').trim();
  const chars = [...line];
  if (chars.length <= max) return line;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** Builds the content of digest `input.week`. */
export function buildDigestContent(input: DigestInput): DigestContent {
  const { start, end } = isoWeekBounds(input.week);
  const names = new Map(input.agencies.map((agency) => [agency.id, agency.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const inWeek = input.stories
    .filter((story) => story.relevant === true && story.week === input.week)
    .filter((story) => {
      const at = new Date(story.sortAt).getTime();
      return at >= start.getTime() && at < end.getTime();
    })
    .sort((a, b) => new Date(a.sortAt).getTime() - new Date(b.sortAt).getTime() || a.id.localeCompare(b.id));

  const groups = new Map<AreaId | 'other', DigestStory[]>();
  const perAgency = new Map<string, number>();
  for (const story of inWeek) {
    const area = story.areas?.[0] ?? 'other';
    const entry: DigestStory = {
      id: story.id,
      title: story.title.normalize('NFC'),
      url: story.url,
      agencyId: story.agencyId,
      agencyName: nameOf(story.agencyId),
      at: story.sortAt,
      date: ddmmyyyy(vietnamDate(new Date(story.sortAt))),
      summary: oneLineSummary(story.summary),
    };
    groups.set(area, [...(groups.get(area) ?? []), entry]);
    for (const agencyId of new Set([story.agencyId, ...(story.agencyIds ?? [])])) perAgency.set(agencyId, (perAgency.get(agencyId) ?? 0) + 1);
  }
  const order: (AreaId | 'other')[] = [...AREA_IDS, 'other'];
  const areas: DigestAreaGroup[] = order
    .filter((area) => groups.has(area))
    .map((area) => ({ area, name: area === 'other' ? 'Nội dung CCHC khác' : AREA_NAMES[area], count: groups.get(area)!.length, stories: groups.get(area)! }));
  const agencies = [...perAgency]
    .map(([agencyId, count]) => ({ agencyId, agencyName: nameOf(agencyId), count }))
    .sort((a, b) => b.count - a.count || compareVietnamese(a.agencyName, b.agencyName));

  const quarter = digestQuarter(input.week);
  const rows = input.complianceRows;
  const missingRows = rows.filter((row) => row.status === 'missing');
  const daysLeft = rows.find((row) => row.daysLeft !== undefined)?.daysLeft ?? null;
  const lastDay = new Date(end.getTime() - 1);
  return {
    format: DIGEST_FORMAT_VERSION,
    week: input.week,
    weekLabel: weekLabel(input.week),
    period: { start: toVietnamIso(start), end: toVietnamIso(end), firstDay: ddmmyyyy(vietnamDate(start)), lastDay: ddmmyyyy(vietnamDate(lastDay)) },
    sendAt: toVietnamIso(digestSendAt(input.week)),
    generatedAt: toVietnamIso(input.generatedAt),
    empty: inWeek.length === 0,
    totals: { stories: inWeek.length, agencies: agencies.length, areas: areas.length },
    areas,
    agencies,
    schedule: input.schedule.map((slot) => ({
      ...slot,
      stories: slot.stories.map((story) => ({ ...story, agencyName: nameOf(story.agencyId) })),
    })),
    compliance: {
      quarter,
      quarterLabel: quarterLabel(quarter),
      total: rows.length,
      submitted: rows.length - missingRows.length,
      daysLeft,
      missing: missingRows.map((row) => ({ agencyId: row.agencyId, agencyName: row.agencyName, daysLeft: row.daysLeft ?? null })),
    },
  };
}

/** `07/04/2025 07:00`, for display of the content's instants. */
export const displayInstant = (iso: string) => formatVietnamDateTime(iso);
