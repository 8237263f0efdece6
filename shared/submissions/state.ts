/**
 * The life of a submission, pure: draft → submitted, once. Only a draft is
 * edited; a draft whose submit step has begun (a receipt is reserved) is
 * locked while the step completes, so the story never differs from what was
 * submitted.
 */
import type { Submission } from './schema';

/** A refused step, with the reason for people (Vietnamese). */
export class SubmissionStateError extends Error {
  override name = 'SubmissionStateError';
}

/** May the submission's text or attachments still change? */
export function isEditable(submission: Pick<Submission, 'status' | 'receipt'>): boolean {
  return submission.status === 'draft' && submission.receipt === null;
}

/** @throws SubmissionStateError unless the submission is an editable draft. */
export function assertEditable(submission: Pick<Submission, 'status' | 'receipt'>): void {
  if (!isEditable(submission)) throw new SubmissionStateError('Tin đã gửi không thể sửa.');
}

/** What submitting does now: nothing to do (already submitted), or go on. */
export function submitStep(submission: Pick<Submission, 'status'>): 'already-submitted' | 'proceed' {
  return submission.status === 'submitted' ? 'already-submitted' : 'proceed';
}

/** The transitions the store may apply, from → to. */
export const SUBMISSION_TRANSITIONS = { draft: ['submitted'], submitted: [] } as const satisfies Record<Submission['status'], readonly Submission['status'][]>;

/** Whether from → to is a step of the life above. */
export function canTransition(from: Submission['status'], to: Submission['status']): boolean {
  return (SUBMISSION_TRANSITIONS[from] as readonly string[]).includes(to);
}
