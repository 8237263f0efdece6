/**
 * The submit step, orchestrated: check every upload again, reserve the
 * receipt, create the story (classified, credited, routed to the desks like
 * any collected story), mark the submission submitted, send the receipt
 * e-mail. Every step is idempotent, so a retry — a double click, a timeout,
 * a crash halfway — finishes the work and never makes a second story or
 * e-mail: the receipt and story id are reserved once, the story is keyed by
 * a stable id, the transition and the e-mail are conditional claims.
 */
import type { Mailer } from '../mail/mailer';
import type { StoryRouter } from '../collect/collect-source';
import type { StoriesRepository } from '../store/stories-repo';
import type { AwsClients } from '../store/clients';
import { machineLabelOf, type StoryClassifier } from '../stories/labels';
import { storyIdForUrl, textFingerprint, urlHash } from '../stories/ids';
import { withMachineLabel, type NewStory, type Story } from '../stories/story';
import { countWords } from '../text/words';
import { isoWeekOf, quarterOf, toVietnamIso } from '../time/vietnam';
import { formatVietnamDateTime } from '../web/html';
import { ATTACHMENT_TYPES, type Actor, type Submission } from './schema';
import { SubmissionNotFoundError, type SubmissionsRepository } from './repo';
import { submitStep } from './state';

/** The bucket half of attachments, on first use (as in service.ts). */
const uploads = () => import('./uploads');

/** The source id every submitted story carries (no configured source has it: config ids are slugs of agency sources). */
export const SUBMISSION_SOURCE_ID = 'submission';

/**
 * The story URL of a submission: a URN, stable across deployments and
 * domains (the story id is its hash, so a retry finds the same story), and
 * never fetched — the story is created with its text and article `done`.
 */
export const submissionStoryUrl = (submissionId: string) => `urn:cchc:submission:${submissionId}`;

/** The submission a story came from, by its URL; null for a collected story. */
export function submissionIdOfStoryUrl(url: string): string | null {
  return url.startsWith('urn:cchc:submission:') ? url.slice('urn:cchc:submission:'.length) || null : null;
}

/** A submit the uploader must fix first (a bad attachment, no text); the reasons are Vietnamese. */
export class SubmissionRefusedError extends Error {
  override name = 'SubmissionRefusedError';
  constructor(readonly reasons: string[]) {
    super(reasons.join(' '));
  }
}

/** What the submit step needs. */
export interface SubmitDeps {
  clients: AwsClients;
  submissions: SubmissionsRepository;
  stories: StoriesRepository;
  /** The desks (DeskService.route). */
  router: StoryRouter;
  classifier: StoryClassifier;
  mailer: Mailer;
  /** The product's base URL for the link in the e-mail (optional). */
  appUrl?: string | null;
}

/** What submitting did. */
export interface SubmitOutcome {
  submission: Submission;
  receipt: string;
  storyId: string;
  /** True when the submission had already been submitted (a retry): nothing new was created. */
  alreadySubmitted: boolean;
  /** The receipt e-mail: sent now, sent before, failed (a later submit retries it), or nobody to send to. */
  mail: 'sent' | 'already-sent' | 'failed' | 'no-recipients';
}

/** The story a submission becomes. */
export function storyOfSubmission(submission: Submission, classifier: StoryClassifier, now: Date): NewStory {
  const url = submissionStoryUrl(submission.id);
  const at = toVietnamIso(now);
  const text = submission.body || submission.summary;
  const story: Story = {
    id: storyIdForUrl(url),
    title: submission.title,
    url,
    summary: submission.summary || null,
    agencyId: submission.agencyId,
    sourceId: SUBMISSION_SOURCE_ID,
    publishedAt: at,
    collectedAt: at,
    sortAt: at,
    quarter: quarterOf(now),
    week: isoWeekOf(now),
    agencyIds: [submission.agencyId],
    alsoPublishedBy: [],
    text,
    wordCount: countWords(`${submission.title} ${text}`),
    article: { status: 'done', attempts: 0, fetchedAt: at },
    version: 1,
  };
  const label = machineLabelOf(classifier, { title: submission.title, summary: submission.summary || null, body: submission.body || null }, now);
  return withMachineLabel({ story, urlHash: urlHash(url), fingerprint: textFingerprint(submission.title) }, label);
}

/** The receipt e-mail, in Vietnamese. */
export function receiptMail(submission: Submission, agencyName: string, appUrl: string | null | undefined): { subject: string; text: string } {
  const lines = [
    `Kính gửi ${agencyName},`,
    '',
    'Hệ thống đã nhận tin cải cách hành chính do cơ quan gửi trực tiếp.',
    '',
    `Số biên nhận: ${submission.receipt}`,
    `Tiêu đề: ${submission.title}`,
    `Thời điểm gửi: ${formatVietnamDateTime(submission.submittedAt)}`,
    `Người gửi: ${submission.submittedBy?.name ?? ''}`,
  ];
  const files = submission.attachments.filter((attachment) => attachment.status === 'uploaded');
  if (files.length) {
    lines.push('Tệp đính kèm:');
    for (const file of files) lines.push(`  - ${file.name} (${ATTACHMENT_TYPES[file.type].label}, ${Math.max(1, Math.round((file.size ?? 0) / 1024))} KB)`);
  }
  if (appUrl) lines.push('', `Theo dõi tin: ${appUrl.replace(/\/$/, '')}/submissions/${submission.id}`);
  lines.push('', 'Tin sẽ được phân loại và chuyển đến Báo Bình Định và Đài Phát thanh và Truyền hình Bình Định như các tin khác.', '', 'Thư này được gửi tự động, xin đừng trả lời.');
  return { subject: `Đã nhận tin CCHC — số biên nhận ${submission.receipt}`, text: lines.join('\n') };
}

/** Checks every attachment of a draft again; records each outcome; the reasons of those that fail. */
async function checkAttachments(deps: SubmitDeps, submission: Submission): Promise<string[]> {
  const reasons: string[] = [];
  for (const attachment of submission.attachments) {
    if (attachment.status === 'rejected') {
      reasons.push(`${attachment.rejectReason ?? `Tệp “${attachment.name}” bị từ chối.`} Hãy xoá tệp này trước khi gửi.`);
      continue;
    }
    const check = await (await uploads()).verifyUpload(deps.clients, attachment);
    if (check.ok) {
      if (attachment.status !== 'uploaded' || attachment.size !== check.size) await deps.submissions.recordAttachmentCheck(submission.id, attachment.id, { status: 'uploaded', size: check.size });
    } else if (check.missing) {
      reasons.push(`${check.reason} Hãy tải tệp lên hoặc xoá nó.`);
    } else {
      await deps.submissions.recordAttachmentCheck(submission.id, attachment.id, { status: 'rejected', reason: check.reason });
      reasons.push(`${check.reason} Tệp đã bị xoá.`);
    }
  }
  return reasons;
}

/**
 * Submits a submission (see the module comment). Authorisation is the
 * caller's (the route asks the policy first).
 * @throws SubmissionNotFoundError; SubmissionRefusedError when an attachment
 *   fails its check (it is deleted) or the text is empty.
 */
export async function submitSubmission(deps: SubmitDeps, input: { submissionId: string; by: Actor & { email?: string | null }; now: Date }): Promise<SubmitOutcome> {
  const { submissionId, by, now } = input;
  let submission = await deps.submissions.get(submissionId);
  if (!submission) throw new SubmissionNotFoundError(`no submission ${submissionId}`);
  const alreadySubmitted = submitStep(submission) === 'already-submitted';

  if (!alreadySubmitted) {
    const reasons: string[] = [];
    if (!submission.summary && !submission.body) reasons.push('Tin cần có tóm tắt hoặc nội dung.');
    reasons.push(...(await checkAttachments(deps, submission)));
    if (reasons.length) {
      // A run that crashed after reserving could leave the draft locked; a refusal unlocks it.
      if (submission.receipt) await deps.submissions.releaseReceipt(submission.id, submission.receipt);
      throw new SubmissionRefusedError(reasons);
    }
    const candidate = storyOfSubmission(submission, deps.classifier, now);
    submission = submission.receipt ? submission : await deps.submissions.reserveReceipt(submission.id, candidate.story.id, now);
    if (submission.status === 'draft') {
      // The story as reserved (a retry keeps the first run's id: it is the URL's hash either way).
      let creation = await deps.stories.create(candidate, { withFingerprint: true });
      // The same title is already another story's (the agency also put it on its site): keep both, no syndication claim.
      if (creation === 'text-taken') creation = await deps.stories.create(candidate, { withFingerprint: false });
      const stored = await deps.stories.get(candidate.story.id);
      if (stored) await deps.router.route(stored, now, { isNew: creation === 'created' });
      await deps.submissions.markSubmitted(submission.id, by, now);
    }
    submission = (await deps.submissions.get(submission.id))!;
  }

  const mail = await sendReceipt(deps, submission, by, now);
  const final = (await deps.submissions.get(submission.id))!;
  return { submission: final, receipt: final.receipt!, storyId: final.storyId!, alreadySubmitted, mail };
}

async function sendReceipt(deps: SubmitDeps, submission: Submission, by: { email?: string | null }, now: Date): Promise<SubmitOutcome['mail']> {
  if (submission.mailedAt) return 'already-sent';
  if (!(await deps.submissions.claimReceiptMail(submission.id, now))) return 'already-sent';
  const agency = await deps.submissions.agency(submission.agencyId);
  const to = [...new Set([...(agency?.contacts ?? []), ...(by.email ? [by.email] : [])])];
  if (to.length === 0) {
    await deps.submissions.recordReceiptMail(submission.id, [], '', now);
    return 'no-recipients';
  }
  const { subject, text } = receiptMail(submission, agency?.name ?? submission.agencyId, deps.appUrl);
  try {
    const sent = await deps.mailer.send({ to, subject, text, tag: `submission-receipt:${submission.id}` });
    await deps.submissions.recordReceiptMail(submission.id, to, sent.messageId, now);
    return 'sent';
  } catch (error) {
    await deps.submissions.releaseReceiptMail(submission.id, (error as Error).message);
    return 'failed';
  }
}
