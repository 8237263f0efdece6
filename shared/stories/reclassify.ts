import type { StoriesRepository } from '../store/stories-repo';
import { vietnamParts } from '../time/vietnam';
import { machineLabelOf, type StoryClassifier } from './labels';
import type { StoryRouter } from '../collect/collect-source';

/** Progress of a reclassification, reported after every page of stories. */
export interface ReclassifyProgress {
  monthsDone: number;
  monthsTotal: number;
  examined: number;
  relabelled: number;
}

/** The Vietnam months from `since` (YYYY-MM) up to the month of `now`, newest first. */
export function monthsBack(since: string, now: Date): string[] {
  const match = /^(\d{4})-(\d{2})$/.exec(since);
  if (!match) throw new RangeError(`not a month: ${since} (expected YYYY-MM)`);
  const first = Number(match[1]) * 12 + Number(match[2]) - 1;
  const today = vietnamParts(now);
  const months: string[] = [];
  for (let index = today.year * 12 + today.month - 1; index >= first; index--) {
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

/**
 * Labels again every story whose machine label is from another classifier
 * version (or missing). Idempotent and resumable: stories already at the
 * current version are skipped, so a run that stopped half-way is simply run
 * again. Human labels are kept; only the machine's is replaced.
 */
export async function reclassifyStories(
  deps: { stories: StoriesRepository; classifier: StoryClassifier; now: () => Date; router?: StoryRouter },
  options: { since: string; onProgress?: (progress: ReclassifyProgress) => void },
): Promise<ReclassifyProgress> {
  const months = monthsBack(options.since, deps.now());
  const progress: ReclassifyProgress = { monthsDone: 0, monthsTotal: months.length, examined: 0, relabelled: 0 };
  for (const month of months) {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await deps.stories.pageOfMonth(month, cursor);
      for (const story of page.stories) {
        progress.examined++;
        if (story.machineLabel?.version === deps.classifier.version) continue;
        const label = machineLabelOf(deps.classifier, { title: story.title, summary: story.summary, body: story.text }, deps.now());
        await deps.stories.saveMachineLabel(story.id, label);
        if (deps.router) {
          // The desks follow the new label (a human's, if any, still wins).
          const updated = await deps.stories.get(story.id);
          if (updated) await deps.router.route(updated, deps.now());
        }
        progress.relabelled++;
      }
      cursor = page.cursor;
      options.onProgress?.(progress);
    } while (cursor);
    progress.monthsDone++;
    options.onProgress?.(progress);
  }
  return progress;
}
