/**
 * Direct submissions by agency users (issue 5): drafts, uploads straight to
 * S3 with a presigned POST, submit with a receipt — pages and JSON API.
 *
 * Who: `submissions.create` on the submission's agency (an agency user for
 * its own agency, an admin for any). An agency user asking for another
 * agency's submission is told 404, exactly as for one that does not exist
 * (drafts are not even confirmed to exist); other roles get 403.
 */
import type { z } from 'zod';
import { ForbiddenError, authorize, can, type Principal } from '../../../shared/auth';
import { ConflictError } from '../../../shared/stories/labels';
import { ATTACHMENT_ID, SUBMISSION_ID, SubmissionConflictError, SubmissionNotFoundError } from '../../../shared/submissions/repo';
import { attachmentDeclarationSchema, createSubmissionSchema, updateSubmissionSchema, type Attachment, type Submission } from '../../../shared/submissions/schema';
import { SubmissionStateError } from '../../../shared/submissions/state';
import { SubmissionRefusedError } from '../../../shared/submissions/submit';
import type { PresignedUpload } from '../../../shared/submissions/uploads';
import { renderAgencyChooser, renderAgencyPage, renderNewSubmissionPage, renderSubmissionPage } from '../../../shared/web/pages/submissions';
import { viSubmissionFields, viSubmissions as t } from '../../../shared/web/strings-submissions';
import { formatVietnamDateTime } from '../../../shared/web/html';
import { HttpError, formOf, json, jsonBody, page, redirect, type Result } from '../http';
import type { RequestContext, Route, Services } from '../context';
import { compareVietnamese } from '../../../shared/text/collate';

const actor = (principal: Principal) => ({ userId: principal.userId, name: principal.name });

/** The domain's refusals as HTTP (the handler maps HttpError and ConflictError). */
function translate(error: unknown): never {
  if (error instanceof SubmissionNotFoundError) throw new HttpError(404, t.notFound);
  if (error instanceof SubmissionConflictError) throw new ConflictError(error.changedBy, error.changedAt);
  if (error instanceof SubmissionStateError || error instanceof SubmissionRefusedError) throw new HttpError(422, error.message);
  throw error;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    translate(error);
  }
}

/** The submission if this principal may work on it; 404 for another agency's (see the module comment). */
async function load(ctx: RequestContext, services: Services, submissionId: string): Promise<Submission> {
  const submission = await services.submissions.get(submissionId);
  if (!submission) throw new HttpError(404, t.notFound);
  if (!can(ctx.principal, 'submissions.create', { agencyId: submission.agencyId })) {
    if (ctx.principal.role === 'agency') throw new HttpError(404, t.notFound);
    throw new ForbiddenError('submissions.create', ctx.principal.role);
  }
  return submission;
}

/**
 * A submission whose attachments this principal may download: its agency's
 * staff and admins always; once submitted, whoever may read the agency's
 * stories (editors, Sở Nội vụ). A draft stays invisible to everyone else,
 * and another agency's user is told 404 as for anything of theirs.
 */
async function loadForDownload(ctx: RequestContext, services: Services, submissionId: string): Promise<Submission> {
  const submission = await services.submissions.get(submissionId);
  if (!submission) throw new HttpError(404, t.notFound);
  if (can(ctx.principal, 'submissions.create', { agencyId: submission.agencyId })) return submission;
  if (ctx.principal.role === 'agency' || submission.status !== 'submitted') throw new HttpError(404, t.notFound);
  authorize(ctx.principal, 'stories.read', { agencyIds: [submission.agencyId] });
  return submission;
}

/** The app's own origin as the browser sees it (S3's redirect after an upload comes back here). */
function appOrigin(ctx: RequestContext): string {
  const headers = ctx.event.headers ?? {};
  const host = headers.host ?? ctx.event.requestContext.domainName;
  const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  const proto = headers['x-forwarded-proto']?.split(',')[0]?.trim() || (local ? 'http' : 'https');
  return `${proto}://${host}`;
}

const uploadedRedirect = (ctx: RequestContext, attachment: Attachment) => `${appOrigin(ctx)}/submissions/${attachment.submissionId}/attachments/${attachment.id}/uploaded`;

/**
 * Lets this one page post forms to the S3 origin of its upload forms (the
 * default policy allows `form-action 'self'` only): narrowly, this response.
 */
function allowUploadsTo(result: Result, uploads: Iterable<PresignedUpload>): Result {
  const origins = [...new Set([...uploads].map((upload) => new URL(upload.url).origin))];
  if (!origins.length || !result.headers) return result;
  const csp = String(result.headers['content-security-policy'] ?? '');
  return { ...result, headers: { ...result.headers, 'content-security-policy': csp.replace("form-action 'self'", `form-action 'self' ${origins.join(' ')}`) } };
}

/** A form's fields validated; Vietnamese messages per field for the page. */
function parseForm<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; data: T } | { ok: false; errors: string[] } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fields = [...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  return { ok: false, errors: fields.map((field) => viSubmissionFields[field] ?? field) };
}

async function agencyName(services: Services, agencyId: string): Promise<string> {
  return (await services.agencies()).find((agency) => agency.id === agencyId)?.name ?? agencyId;
}

/** The page of one submission; pending attachments get a freshly signed upload form. */
async function submissionPage(ctx: RequestContext, services: Services, submission: Submission, status: number, extra: { notice?: string | null; errors?: string[]; values?: { title: string; summary: string; body: string } } = {}): Promise<Result> {
  const uploads = new Map<string, PresignedUpload>();
  if (submission.status === 'draft' && !submission.receipt) {
    for (const attachment of submission.attachments) {
      if (attachment.status === 'pending') uploads.set(attachment.id, await services.submissions.presign(attachment, uploadedRedirect(ctx, attachment), ctx.now));
    }
  }
  const body = renderSubmissionPage({ submission, agencyName: await agencyName(services, submission.agencyId), uploads, csrfToken: ctx.session?.csrfToken ?? null, chrome: ctx.chrome, ...extra });
  return allowUploadsTo(page(status, body), uploads.values());
}

function noticeOf(ctx: RequestContext, submission: Submission): { notice?: string; errors?: string[] } {
  const q = ctx.query;
  if (q.saved) return { notice: t.form.saved };
  if (q.removed) return { notice: t.attachments.removed };
  if (q.upload) {
    const attachment = submission.attachments.find((candidate) => candidate.id === q.upload);
    if (attachment?.status === 'uploaded') return { notice: t.attachments.uploadedNotice };
    if (attachment?.status === 'rejected') return { errors: [`${t.attachments.rejectedNotice} ${attachment.rejectReason ?? ''}`] };
    if (attachment) return { errors: [t.attachments.missingNotice] };
  }
  return {};
}

/** A submission as the API shows it. */
function submissionJson(submission: Submission) {
  return submission;
}

const text = (form: URLSearchParams) => ({ title: form.get('title') ?? '', summary: form.get('summary') ?? '', body: form.get('body') ?? '' });

/** Registered in handler.ts before the general page routes. */
export const submissionRoutes: Route[] = [
  // ---- pages ----
  {
    method: 'GET',
    pattern: /^\/submissions$/,
    async handle(ctx, _params, services) {
      const agencyId = ctx.principal.role === 'agency' ? ctx.principal.agencyId : (ctx.query.agency ?? null);
      if (!agencyId) {
        // An admin picks an agency; every other role without an agency may not.
        authorize(ctx.principal, 'submissions.create', { agencyId: '' });
        return page(200, renderAgencyChooser([...(await services.agencies())].sort((a, b) => compareVietnamese(a.name, b.name)), ctx.chrome));
      }
      authorize(ctx.principal, 'submissions.create', { agencyId });
      const { submissions, stories } = await services.submissions.agencyOverview(agencyId, ctx.now);
      return page(200, renderAgencyPage({ agencyId, agencyName: await agencyName(services, agencyId), submissions, stories, desks: services.desks.desks, chrome: ctx.chrome, newHref: ctx.principal.role === 'agency' ? '/submissions/new' : `/submissions/new?agency=${encodeURIComponent(agencyId)}` }));
    },
  },
  {
    method: 'GET',
    pattern: /^\/submissions\/new$/,
    async handle(ctx, _params, services) {
      if (ctx.principal.role === 'agency') {
        authorize(ctx.principal, 'submissions.create', { agencyId: ctx.principal.agencyId! });
        return page(200, renderNewSubmissionPage({ agencies: null, csrfToken: ctx.session?.csrfToken ?? null, chrome: ctx.chrome }));
      }
      authorize(ctx.principal, 'submissions.create', { agencyId: ctx.query.agency ?? '' });
      const agencies = [...(await services.agencies())].sort((a, b) => compareVietnamese(a.name, b.name));
      return page(200, renderNewSubmissionPage({ agencies, values: { title: '', summary: '', body: '', ...(ctx.query.agency ? { agencyId: ctx.query.agency } : {}) }, csrfToken: ctx.session?.csrfToken ?? null, chrome: ctx.chrome }));
    },
  },
  {
    method: 'POST',
    pattern: /^\/submissions\/new$/,
    async handle(ctx, _params, services) {
      const form = formOf(ctx.event);
      const agencyId = ctx.principal.role === 'agency' ? ctx.principal.agencyId! : (form.get('agencyId') ?? '');
      authorize(ctx.principal, 'submissions.create', { agencyId });
      const parsed = parseForm(createSubmissionSchema, text(form));
      if (!parsed.ok) {
        const agencies = ctx.principal.role === 'agency' ? null : await services.agencies();
        return page(400, renderNewSubmissionPage({ agencies, values: { ...text(form), agencyId }, errors: parsed.errors, csrfToken: ctx.session?.csrfToken ?? null, chrome: ctx.chrome }));
      }
      const { title, summary, body } = parsed.data;
      const submission = await services.submissions.createDraft(agencyId, { title, summary, body }, actor(ctx.principal), ctx.now);
      return redirect(`/submissions/${submission.id}?saved=1`);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/submissions/${SUBMISSION_ID}$`),
    async handle(ctx, [id], services) {
      const submission = await load(ctx, services, id!);
      return submissionPage(ctx, services, submission, 200, noticeOf(ctx, submission));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/submissions/${SUBMISSION_ID}$`),
    async handle(ctx, [id], services) {
      const submission = await load(ctx, services, id!);
      const form = formOf(ctx.event);
      const parsed = parseForm(updateSubmissionSchema, { ...text(form), version: form.get('version') ?? '' });
      if (!parsed.ok) return submissionPage(ctx, services, submission, 400, { errors: parsed.errors, values: text(form) });
      try {
        const { title, summary, body, version } = parsed.data;
        await services.submissions.updateDraft(submission.id, { title, summary, body }, version, actor(ctx.principal), ctx.now);
      } catch (error) {
        if (error instanceof SubmissionConflictError) return submissionPage(ctx, services, submission, 409, { errors: [t.conflict(error.changedBy ?? 'người khác', formatVietnamDateTime(error.changedAt) || 'vừa rồi')], values: text(form) });
        if (error instanceof SubmissionStateError) return submissionPage(ctx, services, submission, 422, { errors: [error.message] });
        throw error;
      }
      return redirect(`/submissions/${submission.id}?saved=1`);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/submissions/${SUBMISSION_ID}/attachments$`),
    async handle(ctx, [id], services) {
      const submission = await load(ctx, services, id!);
      const form = formOf(ctx.event);
      const parsed = parseForm(attachmentDeclarationSchema, { name: form.get('name') ?? '', type: form.get('type') ?? '' });
      if (!parsed.ok) return submissionPage(ctx, services, submission, 400, { errors: parsed.errors });
      try {
        await services.submissions.declareAttachment(submission, parsed.data, { now: ctx.now });
      } catch (error) {
        if (error instanceof SubmissionStateError) return submissionPage(ctx, services, submission, 422, { errors: [error.message] });
        throw error;
      }
      return redirect(`/submissions/${submission.id}#attachments`);
    },
  },
  {
    // Where S3 sends the browser after an upload (303, GET): check the file at once.
    method: 'GET',
    pattern: new RegExp(`^/submissions/${SUBMISSION_ID}/attachments/${ATTACHMENT_ID}/uploaded$`),
    async handle(ctx, [id, attachmentId], services) {
      const submission = await load(ctx, services, id!);
      await guarded(() => services.submissions.confirmUpload(submission, attachmentId!));
      return redirect(`/submissions/${submission.id}?upload=${attachmentId}`);
    },
  },
  {
    // A download: to a presigned GET on S3, valid a few minutes (never the file through Lambda).
    method: 'GET',
    pattern: new RegExp(`^/submissions/${SUBMISSION_ID}/attachments/${ATTACHMENT_ID}$`),
    async handle(ctx, [id, attachmentId], services) {
      const submission = await loadForDownload(ctx, services, id!);
      return redirect(await guarded(() => services.submissions.downloadUrl(submission, attachmentId!)));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/submissions/${SUBMISSION_ID}/attachments/${ATTACHMENT_ID}/delete$`),
    async handle(ctx, [id, attachmentId], services) {
      const submission = await load(ctx, services, id!);
      await guarded(() => services.submissions.removeAttachment(submission, attachmentId!));
      return redirect(`/submissions/${submission.id}?removed=1`);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/submissions/${SUBMISSION_ID}/submit$`),
    async handle(ctx, [id], services) {
      const submission = await load(ctx, services, id!);
      try {
        await services.submissions.submit(submission.id, actor(ctx.principal), ctx.now);
      } catch (error) {
        if (error instanceof SubmissionRefusedError) {
          return submissionPage(ctx, services, (await services.submissions.get(submission.id))!, 422, { errors: [t.refused, ...error.reasons] });
        }
        throw error;
      }
      return redirect(`/submissions/${submission.id}`);
    },
  },

  // ---- JSON API ----
  {
    method: 'POST',
    pattern: /^\/api\/v1\/submissions$/,
    async handle(ctx, _params, services) {
      const input = jsonBody(ctx.event, createSubmissionSchema);
      const agencyId = input.agencyId ?? ctx.principal.agencyId;
      if (!agencyId) {
        authorize(ctx.principal, 'submissions.create', { agencyId: '' });
        throw new HttpError(400, 'body.agencyId: required for a user without an agency');
      }
      authorize(ctx.principal, 'submissions.create', { agencyId });
      const submission = await services.submissions.createDraft(agencyId, { title: input.title, summary: input.summary, body: input.body }, actor(ctx.principal), ctx.now);
      return json(201, submissionJson(submission));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/v1/submissions/${SUBMISSION_ID}$`),
    async handle(ctx, [id], services) {
      return json(200, submissionJson(await load(ctx, services, id!)));
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/api/v1/submissions/${SUBMISSION_ID}$`),
    async handle(ctx, [id], services) {
      const submission = await load(ctx, services, id!);
      const input = jsonBody(ctx.event, updateSubmissionSchema);
      const updated = await guarded(() => services.submissions.updateDraft(submission.id, { title: input.title, summary: input.summary, body: input.body }, input.version, actor(ctx.principal), ctx.now));
      return json(200, submissionJson(updated));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/v1/submissions/${SUBMISSION_ID}/attachments$`),
    async handle(ctx, [id], services) {
      const submission = await load(ctx, services, id!);
      const input = jsonBody(ctx.event, attachmentDeclarationSchema);
      const { attachment, upload } = await guarded(() => services.submissions.declareAttachment(submission, input, { now: ctx.now }));
      return json(201, { attachment, upload });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/v1/submissions/${SUBMISSION_ID}/attachments/${ATTACHMENT_ID}/complete$`),
    async handle(ctx, [id, attachmentId], services) {
      const submission = await load(ctx, services, id!);
      const attachment = await guarded(() => services.submissions.confirmUpload(submission, attachmentId!));
      return json(attachment.status === 'rejected' ? 422 : 200, { attachment, ...(attachment.status === 'rejected' ? { error: attachment.rejectReason } : {}) });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/v1/submissions/${SUBMISSION_ID}/submit$`),
    async handle(ctx, [id], services) {
      const submission = await load(ctx, services, id!);
      const outcome = await guarded(() => services.submissions.submit(submission.id, actor(ctx.principal), ctx.now));
      return json(200, { receipt: outcome.receipt, storyId: outcome.storyId, alreadySubmitted: outcome.alreadySubmitted, mail: outcome.mail, submission: submissionJson(outcome.submission) });
    },
  },
];
