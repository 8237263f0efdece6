/**
 * Dates the items of a site relative to `now`, in Vietnam time, so that the
 * current quarter, the current ISO week and today always have data and the
 * previous quarter has some too. Deterministic: the random draws are seeded
 * by the site id, and every date is a function of the Vietnam calendar day
 * of `now` (only today's newest item moves earlier when `now` is before its
 * usual morning time).
 */
import {
  fromVietnamWallClock,
  isoWeekBounds,
  isoWeekOf,
  quarterBounds,
  quarterOf,
  vietnamParts,
} from '../../shared/time/vietnam';
import { getStory, resolveStory } from './news';
import { hashString, SeededRandom } from './random';
import type { DemoItem, DemoSite } from './types';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Midnight (Vietnam time) of the calendar day of an instant. */
export function startOfVietnamDay(instant: Date): Date {
  const p = vietnamParts(instant);
  return fromVietnamWallClock(p.year, p.month, p.day);
}

/** The quarter id before a quarter id. */
export function previousQuarterId(quarterId: string): string {
  const [year, quarter] = quarterId.split('-Q').map(Number) as [number, number];
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

/** An office-hours instant on a random day of [from, to), or null when the range holds no whole day. */
function officeTimeBetween(random: SeededRandom, from: Date, to: Date): Date | null {
  const days = Math.floor((to.getTime() - from.getTime()) / DAY_MS);
  if (days < 1) return null;
  const day = from.getTime() + random.int(0, days - 1) * DAY_MS;
  return new Date(day + random.int(7 * 60, 16 * 60 + 59) * MINUTE_MS);
}

/**
 * The dated items of a site for a given `now`, newest first.
 *
 * Placement of the unpinned items, in list order: the first is today (early
 * morning, or half-way between midnight and `now` if `now` is earlier), the
 * second elsewhere in the current ISO week, the rest split between the
 * earlier days of the current quarter and the previous quarter (at least
 * half in the previous one). Pinned items (`when`) keep their day and time.
 */
export function scheduleItems(site: DemoSite, now: Date): DemoItem[] {
  const random = new SeededRandom(`schedule:${site.id}`);
  const today = startOfVietnamDay(now);
  const weekStart = isoWeekBounds(isoWeekOf(now)).start;
  const quarterStart = quarterBounds(quarterOf(now)).start;
  const previousStart = quarterBounds(previousQuarterId(quarterOf(now))).start;

  const dated: { spec: (typeof site.items)[number]; at: Date; order: number }[] = [];
  const unpinned = site.items.filter((spec) => !spec.when);
  const restCount = Math.max(unpinned.length - 2, 0);
  const previousCount = Math.ceil(restCount / 2);
  let autoIndex = 0;

  site.items.forEach((spec, order) => {
    let at: Date;
    if (spec.when) {
      const [hour, minute] = spec.when.time.split(':').map(Number) as [number, number];
      at = new Date(today.getTime() - spec.when.daysAgo * DAY_MS + (hour * 60 + minute) * MINUTE_MS);
    } else {
      const slot = autoIndex++;
      const morning = new Date(today.getTime() + random.int(6 * 60 + 5, 6 * 60 + 50) * MINUTE_MS);
      if (slot === 0) {
        at = morning <= now ? morning : new Date(today.getTime() + Math.floor((now.getTime() - today.getTime()) / 2 / MINUTE_MS) * MINUTE_MS);
      } else if (slot === 1) {
        at = officeTimeBetween(random, weekStart, today) ?? new Date(today.getTime() + Math.floor((Math.min(now.getTime(), morning.getTime()) - today.getTime()) / 4 / MINUTE_MS) * MINUTE_MS);
      } else {
        const inPrevious = slot - 2 < previousCount;
        const currentEnd = new Date(Math.min(weekStart.getTime(), today.getTime()));
        at =
          (!inPrevious ? officeTimeBetween(random, quarterStart, currentEnd) : null) ??
          officeTimeBetween(random, previousStart, quarterStart)!;
      }
    }
    dated.push({ spec, at, order });
  });

  dated.sort((a, b) => b.at.getTime() - a.at.getTime() || a.order - b.order);
  return dated.map(({ spec, at }, index) => {
    const resolved = resolveStory(getStory(spec.story), site.voice, at);
    const number = 10_000 + (hashString(`${site.id}:${spec.story}`) % 90_000);
    const item = { key: spec.story, number, slug: resolved.slug };
    return { index, ...item, ...resolved, publishedAt: at, path: site.articlePath(item) };
  });
}
