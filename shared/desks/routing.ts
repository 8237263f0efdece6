/**
 * Which desks a story is proposed to: pure, from the story's effective label
 * (a human's over the machine's), its publishers' kinds and its age.
 */
import type { Agency } from '../config/schema';
import type { AreaId } from '../config/areas';
import type { Desk } from './config';

const DAY_MS = 86_400_000;

/** What routing needs to know of a story. */
export interface RoutableStory {
  relevant?: boolean;
  areas?: AreaId[];
  confidence?: number;
  agencyIds: string[];
  /** The counting instant (Vietnam ISO). */
  sortAt: string;
}

/**
 * Whether a story meets one desk's rules: relevant, confident enough, one of
 * the desk's areas (if it names any), published by an agency of one of its
 * kinds (if it names any) and fresh enough at `now`.
 */
export function meetsDeskRules(story: RoutableStory, desk: Desk, agencyKinds: ReadonlyMap<string, Agency['kind']>, now: Date): boolean {
  const { rules } = desk;
  if (!story.relevant) return false;
  if ((story.confidence ?? 0) < rules.minConfidence) return false;
  const areas = story.areas ?? [];
  if (rules.areas.length > 0 && !areas.some((area) => rules.areas.includes(area))) return false;
  if (rules.agencyKinds.length > 0) {
    const kinds = story.agencyIds.map((id) => agencyKinds.get(id)).filter((kind) => kind !== undefined);
    if (!kinds.some((kind) => rules.agencyKinds.includes(kind))) return false;
  }
  const age = now.getTime() - new Date(story.sortAt).getTime();
  return age <= rules.freshnessDays * DAY_MS;
}

/** The ids of the desks a story is proposed to. */
export function desksFor(story: RoutableStory, desks: readonly Desk[], agencyKinds: ReadonlyMap<string, Agency['kind']>, now: Date): string[] {
  return desks.filter((desk) => meetsDeskRules(story, desk, agencyKinds, now)).map((desk) => desk.id);
}
