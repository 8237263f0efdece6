/**
 * Sở Nội vụ's mark on a story: counted or not counted for the quarterly
 * report, with a required reason, or cleared. It beats any label (see
 * creditCounts); the change is in the story's history.
 */
import * as z from 'zod';
import type { AuditEvent } from '../desks/workflow';
import { NotFoundError } from '../desks/desk-service';
import type { Story } from '../stories/story';
import type { StoriesRepository } from '../store/stories-repo';
import { toVietnamIso } from '../time/vietnam';
import type { CountMark } from './types';

/** The mark as the API and the story page's form send it: a decision with a reason, or a clearing. */
export const countMarkInputSchema = z.union([
  z
    .object({
      counted: z.boolean(),
      reason: z.string().trim().min(1, 'a reason is required').max(500, 'at most 500 characters'),
      version: z.coerce.number().int().positive(),
    })
    .strict(),
  z.object({ clear: z.literal(true), version: z.coerce.number().int().positive() }).strict(),
]);
export type CountMarkInput = z.infer<typeof countMarkInputSchema>;

const describe = (mark: CountMark | null | undefined) => (mark ? (mark.counted ? 'counted' : 'not-counted') : 'none');

/**
 * Saves the mark (or clears it) on the version the person saw and appends
 * the audit event.
 * @throws ConflictError on a stale version; NotFoundError when the story does not exist.
 */
export async function saveCountMark(
  deps: { stories: Pick<StoriesRepository, 'get' | 'saveCountMark'>; audit: { appendAudit(event: AuditEvent): Promise<void> } },
  input: { storyId: string; mark: CountMarkInput; by: string; now: Date },
): Promise<Story> {
  const before = await deps.stories.get(input.storyId);
  if (!before) throw new NotFoundError(`no story with id ${input.storyId}`);
  const at = input.now.toISOString();
  const mark: CountMark | null = 'clear' in input.mark ? null : { counted: input.mark.counted, reason: input.mark.reason, by: input.by, at };
  const story = await deps.stories.saveCountMark(input.storyId, mark, input.mark.version, { by: input.by, at });
  await deps.audit.appendAudit({
    storyId: story.id,
    kind: 'count',
    desk: null,
    at: toVietnamIso(input.now),
    by: input.by,
    from: describe(before.countMark),
    to: describe(mark),
    slot: null,
    note: mark?.reason ?? null,
  });
  return story;
}
