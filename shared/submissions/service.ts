/**
 * What the api function's routes call: drafts, attachments (presign, check
 * after upload, remove), submit, and an agency's overview — its submissions
 * and its stories with what each desk did with them.
 */
import type { Mailer } from '../mail/mailer';
import type { DeskService } from '../desks/desk-service';
import type { StoredEntry } from '../store/desks-repo';
import type { StoriesRepository } from '../store/stories-repo';
import type { AwsClients } from '../store/clients';
import type { Story } from '../stories/story';
import type { StoryClassifier } from '../stories/labels';
import { quarterBounds, quarterOf } from '../time/vietnam';
import { SubmissionNotFoundError, SubmissionsRepository } from './repo';
import type { Actor, Attachment, AttachmentDeclaration, Submission, SubmissionText } from './schema';
import { assertEditable } from './state';
import { submitSubmission, type SubmitOutcome } from './submit';
import type { PresignedUpload } from './uploads';

/**
 * The bucket half of attachments (uploads.ts: presigning, checking,
 * deleting, with the S3 client), imported on first use: most of the api's
 * requests never touch an attachment, and their cold start need not load it.
 */
const uploads = () => import('./uploads');

/** One of the agency's stories with its status on each desk. */
export interface AgencyStoryRow {
  story: Story;
  entries: StoredEntry[];
}

/** How many quarters back the overview lists the agency's stories. */
const OVERVIEW_QUARTERS = 4;
const OVERVIEW_STORIES = 100;

/** A mailer for a deployment without e-mail: every send fails, so the receipt mail is retried by a later submit. */
export const unconfiguredMailer: Mailer = {
  send: () => Promise.reject(new Error('e-mail sending is not configured')),
};

export class SubmissionService {
  readonly repo: SubmissionsRepository;

  constructor(
    private readonly deps: {
      clients: AwsClients;
      stories: StoriesRepository;
      desks: DeskService;
      /**
       * The classifier, or a loader of it: the api function loads it on the
       * first submit only, so its model stays out of every other request's
       * cold start.
       */
      classifier: StoryClassifier | (() => Promise<StoryClassifier>);
      mailer: Mailer;
      appUrl?: string | null;
    },
  ) {
    this.repo = new SubmissionsRepository(deps.clients);
  }

  createDraft(agencyId: string, text: SubmissionText, by: Actor, now: Date): Promise<Submission> {
    return this.repo.createDraft({ agencyId, text, by, now });
  }

  get(submissionId: string): Promise<Submission | undefined> {
    return this.repo.get(submissionId);
  }

  /** @throws SubmissionNotFoundError */
  async require(submissionId: string): Promise<Submission> {
    const submission = await this.repo.get(submissionId);
    if (!submission) throw new SubmissionNotFoundError(`no submission ${submissionId}`);
    return submission;
  }

  updateDraft(submissionId: string, text: SubmissionText, version: number, by: Actor, now: Date): Promise<Submission> {
    return this.repo.updateDraft(submissionId, { text, version, by, now });
  }

  /** Declares an attachment and signs its upload. */
  async declareAttachment(submission: Submission, declaration: AttachmentDeclaration, options: { redirectTo?: (attachment: Attachment) => string; now: Date }): Promise<{ attachment: Attachment; upload: PresignedUpload }> {
    assertEditable(submission);
    const attachment = await this.repo.addAttachment(submission.id, declaration, options.now);
    return { attachment, upload: await this.presign(attachment, options.redirectTo?.(attachment), options.now) };
  }

  /** A fresh presigned POST for a declared attachment (pages sign at render time, so the form never expires while read). */
  async presign(attachment: Attachment, redirectTo: string | undefined, now: Date): Promise<PresignedUpload> {
    return (await uploads()).presignUpload(this.deps.clients, attachment, { now, ...(redirectTo ? { redirectTo } : {}) });
  }

  /**
   * Where to download an uploaded attachment: a presigned GET valid a few
   * minutes. Who may is the caller's decision (the routes' policy check).
   * @throws SubmissionNotFoundError when there is no such attachment or it was never accepted.
   */
  async downloadUrl(submission: Submission, attachmentId: string): Promise<string> {
    const attachment = submission.attachments.find((candidate) => candidate.id === attachmentId);
    if (!attachment || attachment.status !== 'uploaded') throw new SubmissionNotFoundError(`no uploaded attachment ${attachmentId}`);
    return (await uploads()).presignDownload(this.deps.clients, attachment);
  }

  /** The check after upload for one attachment; a file that fails is deleted and marked refused. */
  async confirmUpload(submission: Submission, attachmentId: string): Promise<Attachment> {
    const attachment = submission.attachments.find((candidate) => candidate.id === attachmentId);
    if (!attachment) throw new SubmissionNotFoundError(`no attachment ${attachmentId}`);
    if (attachment.status === 'rejected' || submission.status !== 'draft') return attachment;
    const check = await (await uploads()).verifyUpload(this.deps.clients, attachment);
    if (check.ok) {
      await this.repo.recordAttachmentCheck(submission.id, attachment.id, { status: 'uploaded', size: check.size });
      return { ...attachment, status: 'uploaded', size: check.size };
    }
    if (check.missing) return attachment;
    await this.repo.recordAttachmentCheck(submission.id, attachment.id, { status: 'rejected', reason: check.reason });
    return { ...attachment, status: 'rejected', rejectReason: check.reason };
  }

  /** Removes an attachment of a draft, its object included. */
  async removeAttachment(submission: Submission, attachmentId: string): Promise<void> {
    assertEditable(submission);
    const attachment = submission.attachments.find((candidate) => candidate.id === attachmentId);
    if (!attachment) throw new SubmissionNotFoundError(`no attachment ${attachmentId}`);
    await this.repo.removeAttachment(submission.id, attachment.id);
    await (await uploads()).deleteUpload(this.deps.clients, attachment);
  }

  async submit(submissionId: string, by: Actor & { email?: string | null }, now: Date): Promise<SubmitOutcome> {
    const { classifier } = this.deps;
    return submitSubmission(
      {
        clients: this.deps.clients,
        submissions: this.repo,
        stories: this.deps.stories,
        router: this.deps.desks,
        classifier: typeof classifier === 'function' ? await classifier() : classifier,
        mailer: this.deps.mailer,
        appUrl: this.deps.appUrl ?? null,
      },
      { submissionId, by, now },
    );
  }

  /**
   * An agency's page: its submissions (newest first) and its stories of the
   * last quarters — collected or submitted — each with its desk entries.
   * Reads the agency's credit keys, never the whole table.
   */
  async agencyOverview(agencyId: string, now: Date): Promise<{ submissions: Submission[]; stories: AgencyStoryRow[] }> {
    const quarters: string[] = [];
    let cursor = now;
    for (let index = 0; index < OVERVIEW_QUARTERS; index++) {
      const quarter = quarterOf(cursor);
      quarters.push(quarter);
      cursor = new Date(quarterBounds(quarter).start.getTime() - 1);
    }
    const [submissions, ...credits] = await Promise.all([this.repo.listByAgency(agencyId), ...quarters.map((quarter) => this.deps.stories.creditsOf(agencyId, quarter))]);
    const ids = [...new Set(credits.flat().map((credit) => credit.storyId))];
    const stories = (await this.deps.stories.getMany(ids)).sort((a, b) => b.sortAt.localeCompare(a.sortAt)).slice(0, OVERVIEW_STORIES);
    const rows = await Promise.all(stories.map(async (story) => ({ story, entries: (await this.deps.desks.repo.entriesAndHistory(story.id)).entries })));
    return { submissions, stories: rows };
  }
}
