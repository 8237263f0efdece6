/**
 * The direct-submission pages (issue 5): "Tin của cơ quan" (an agency's
 * submissions and stories with desk statuses), a draft's editor with its
 * attachments' upload forms (posted straight to S3), and a submitted
 * submission with its receipt number. Every value is escaped by html``;
 * the body is plain text, shown with its paragraphs.
 */
import type { Desk } from '../../desks/config';
import type { AgencyStoryRow } from '../../submissions/service';
import type { PresignedUpload } from '../../submissions/uploads';
import { ATTACHMENT_TYPES, ATTACHMENT_TYPE_IDS, type Attachment, type Submission } from '../../submissions/schema';
import { SUBMISSION_SOURCE_ID } from '../../submissions/submit';
import { formatVietnamDateTime, html, layout, type PageChrome, type RawHtml } from '../html';
import { vi } from '../strings';
import { viSubmissions as t } from '../strings-submissions';

const csrfField = (token: string | null) => (token ? html`<input type="hidden" name="_csrf" value="${token}">` : '');

function messages(notice: string | null | undefined, errors: readonly string[] | undefined): RawHtml {
  return html`${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}${
    errors?.length ? html`<div class="error" role="alert">${errors.length > 1 ? html`<ul>${errors.map((error) => html`<li>${error}</li>`)}</ul>` : errors[0]}</div>` : ''
  }`;
}

function statusBadge(submission: Submission): RawHtml {
  if (submission.status === 'submitted') return html`<span class="badge ok">${t.status.submitted}</span>`;
  if (submission.receipt) return html`<span class="badge warn">${t.status.submitting}</span>`;
  return html`<span class="badge">${t.status.draft}</span>`;
}

const paragraphsOf = (text: string) => text.split(/\n{2,}/).filter(Boolean).map((paragraph) => html`<p>${paragraph.split('\n').map((line, index) => html`${index ? html`<br>` : ''}${line}`)}</p>`);

/** The agency page "Tin của cơ quan". */
export function renderAgencyPage(input: {
  agencyName: string;
  agencyId: string;
  submissions: Submission[];
  stories: AgencyStoryRow[];
  desks: readonly Desk[];
  chrome: PageChrome;
  newHref: string;
}): string {
  const deskName = new Map(input.desks.map((desk) => [desk.id, desk.name.split(' — ')[0]!]));
  const submissionRows = input.submissions.map(
    (submission) => html`<tr><td class="date">${formatVietnamDateTime(submission.submittedAt ?? submission.createdAt)}</td><td><a href="/submissions/${submission.id}">${submission.title}</a></td><td>${statusBadge(submission)}</td><td>${submission.receipt && submission.status === 'submitted' ? html`<strong>${submission.receipt}</strong>` : ''}</td></tr>`,
  );
  const storyRows = input.stories.map(({ story, entries }) => {
    const desks = entries.length
      ? entries.map((entry) => html`<div>${deskName.get(entry.desk) ?? entry.desk}: <span class="badge ${entry.status === 'published' ? 'ok' : entry.status === 'rejected' ? 'bad' : entry.status === 'scheduled' ? 'warn' : ''}">${vi.statuses[entry.status]}</span>${entry.slot ? html` <span class="muted">(${entry.slot})</span>` : ''}</div>`)
      : html`<span class="muted">${story.relevant === false ? t.list.notRelevant : t.list.notRouted}</span>`;
    return html`<tr><td class="date">${formatVietnamDateTime(story.sortAt)}</td><td><a href="/stories/${story.id}">${story.title}</a></td><td>${story.sourceId === SUBMISSION_SOURCE_ID ? t.list.sourceSubmitted : t.list.sourceCollected}</td><td>${desks}</td></tr>`;
  });
  const c = t.list.columns;
  return layout(
    t.list.title,
    html`<h1>${t.list.title} — ${input.agencyName}</h1><p class="muted">${t.list.intro}</p>
<p><a class="button" href="${input.newHref}">${t.list.newButton}</a></p>
<section class="panel"><h2>${t.list.submissions}</h2>${
      submissionRows.length
        ? html`<table><thead><tr><th>${c.date}</th><th>${c.title}</th><th>${c.status}</th><th>${c.receipt}</th></tr></thead><tbody>${submissionRows}</tbody></table>`
        : html`<p class="muted">${t.list.noSubmissions}</p>`
    }</section>
<section class="panel"><h2>${t.list.stories}</h2>${
      storyRows.length
        ? html`<table><thead><tr><th>${c.date}</th><th>${c.title}</th><th>${c.source}</th><th>${c.desks}</th></tr></thead><tbody>${storyRows}</tbody></table>`
        : html`<p class="muted">${t.list.noStories}</p>`
    }</section>`,
    input.chrome,
  );
}

/** An admin's choice of agency before the agency page. */
export function renderAgencyChooser(agencies: { id: string; name: string }[], chrome: PageChrome): string {
  return layout(t.list.title, html`<h1>${t.list.title}</h1><h2>${t.list.chooseAgency}</h2><ul>${agencies.map((agency) => html`<li><a href="/submissions?agency=${agency.id}">${agency.name}</a></li>`)}</ul>`, chrome);
}

function textFields(values: { title: string; summary: string; body: string }): RawHtml {
  return html`<label>${t.form.title}<input name="title" required minlength="5" maxlength="300" value="${values.title}"></label>
<label>${t.form.summary}<textarea name="summary" rows="3" maxlength="1000">${values.summary}</textarea></label>
<label>${t.form.body}<textarea name="body" rows="14" maxlength="50000">${values.body}</textarea></label>`;
}

/** The new-draft form. */
export function renderNewSubmissionPage(input: { agencies: { id: string; name: string }[] | null; values?: { title: string; summary: string; body: string; agencyId?: string }; errors?: string[]; csrfToken: string | null; chrome: PageChrome }): string {
  const values = input.values ?? { title: '', summary: '', body: '' };
  return layout(
    t.form.newTitle,
    html`<h1>${t.form.newTitle}</h1>${messages(null, input.errors)}
<form method="post" action="/submissions/new" class="stack panel">${csrfField(input.csrfToken)}${
      input.agencies
        ? html`<label>${t.form.agency}<select name="agencyId" required>${input.agencies.map((agency) => html`<option value="${agency.id}"${agency.id === values.agencyId ? ' selected' : ''}>${agency.name}</option>`)}</select></label>`
        : ''
    }${textFields(values)}<p><button class="primary" type="submit">${t.form.create}</button></p></form>
<p><a href="/submissions">${t.form.back}</a></p>`,
    input.chrome,
  );
}

function attachmentStatus(attachment: Attachment): RawHtml {
  if (attachment.status === 'uploaded') return html`<span class="badge ok">${t.attachments.uploaded}</span> <span class="muted">${Math.max(1, Math.round((attachment.size ?? 0) / 1024))} KB</span>`;
  if (attachment.status === 'rejected') return html`<span class="badge bad">${t.attachments.rejected}</span> <span class="muted">${attachment.rejectReason}</span>`;
  return html`<span class="badge warn">${t.attachments.pending}</span>`;
}

/** An attachment's name, a download link once the file is accepted. */
function attachmentName(attachment: Attachment): RawHtml {
  if (attachment.status !== 'uploaded') return html`${attachment.name}`;
  return html`<a href="/submissions/${attachment.submissionId}/attachments/${attachment.id}" download aria-label="${t.attachments.download(attachment.name)}">${attachment.name}</a>`;
}

/**
 * The story page's section for a story that came as a direct submission:
 * its receipt and its accepted attachments, to download.
 */
export function renderSubmissionAttachmentsSection(submission: Submission): RawHtml {
  const accepted = submission.attachments.filter((attachment) => attachment.status === 'uploaded');
  return html`<section class="panel" id="attachments"><h2>${t.attachments.ofStory}</h2>${submission.receipt ? html`<p>${t.attachments.receipt(submission.receipt)}</p>` : ''}${
    accepted.length
      ? html`<p class="muted">${t.attachments.ofStoryHint}</p><ul>${accepted.map(
          (attachment) => html`<li>${attachmentName(attachment)} <span class="muted">${ATTACHMENT_TYPES[attachment.type].label}, ${Math.max(1, Math.round((attachment.size ?? 0) / 1024))} KB</span></li>`,
        )}</ul>`
      : html`<p class="muted">${t.attachments.none}</p>`
  }</section>`;
}

/** The upload form of one declared attachment: posted by the browser straight to S3, the file field last. */
function uploadForm(attachment: Attachment, upload: PresignedUpload): RawHtml {
  return html`<form method="post" action="${upload.url}" enctype="multipart/form-data" class="actions">${Object.entries(upload.fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<label>${t.attachments.choose} <input type="file" name="file" required accept="${attachment.type},.${ATTACHMENT_TYPES[attachment.type].extension}"></label><button type="submit">${t.attachments.upload}</button></form>`;
}

/** A draft (editable) or a submitted submission (with its receipt). */
export function renderSubmissionPage(input: {
  submission: Submission;
  agencyName: string;
  uploads: ReadonlyMap<string, PresignedUpload>;
  notice?: string | null;
  errors?: string[];
  values?: { title: string; summary: string; body: string };
  csrfToken: string | null;
  chrome: PageChrome;
}): string {
  const { submission } = input;
  const editable = submission.status === 'draft' && !submission.receipt;
  const base = `/submissions/${submission.id}`;
  const attachmentRows = submission.attachments.map((attachment) => {
    const upload = input.uploads.get(attachment.id);
    return html`<tr><td>${attachmentName(attachment)}</td><td>${ATTACHMENT_TYPES[attachment.type].label}</td><td>${attachmentStatus(attachment)}${
      editable && attachment.status === 'pending' && upload ? uploadForm(attachment, upload) : ''
    }</td><td>${
      editable
        ? html`<form method="post" action="${base}/attachments/${attachment.id}/delete">${csrfField(input.csrfToken)}<button type="submit">${t.attachments.remove}</button></form>`
        : ''
    }</td></tr>`;
  });
  const attachments = html`<section class="panel"><h2>${t.attachments.title}</h2>${editable ? html`<p class="muted">${t.attachments.hint} ${t.attachments.expires}</p>` : ''}${
    attachmentRows.length
      ? html`<table><thead><tr><th>${t.attachments.name}</th><th>${t.attachments.type}</th><th>${t.list.columns.status}</th><th></th></tr></thead><tbody>${attachmentRows}</tbody></table>`
      : html`<p class="muted">${t.attachments.none}</p>`
  }${
    editable
      ? html`<form method="post" action="${base}/attachments" class="filters">${csrfField(input.csrfToken)}<label>${t.attachments.name}<input name="name" required maxlength="200"></label><label>${t.attachments.type}<select name="type">${ATTACHMENT_TYPE_IDS.map(
          (type) => html`<option value="${type}">${ATTACHMENT_TYPES[type].label}</option>`,
        )}</select></label><button type="submit">${t.attachments.declare}</button></form>`
      : ''
  }</section>`;

  if (submission.status === 'submitted') {
    const mail = submission.mailedAt ? (submission.mailedTo.length ? t.receipt.mailed(submission.mailedTo.join(', ')) : t.receipt.noRecipients) : t.receipt.mailFailed;
    return layout(
      t.receipt.title,
      html`${messages(input.notice, input.errors)}<section class="panel" aria-labelledby="receipt"><h1 id="receipt">${t.receipt.title}</h1>
<p>${t.receipt.number}: <strong class="receipt">${submission.receipt}</strong></p>
<p>${t.receipt.submittedAt}: ${formatVietnamDateTime(submission.submittedAt)} · ${input.agencyName}</p><p class="muted">${mail}</p>${
        submission.storyId ? html`<p><a href="/stories/${submission.storyId}">${t.receipt.story}</a></p>` : ''
      }</section>
<article class="story"><h2>${submission.title}</h2>${submission.summary ? html`<p><strong>${submission.summary}</strong></p>` : ''}${paragraphsOf(submission.body)}</article>
${attachments}<p><a href="/submissions">${t.form.back}</a></p>`,
      input.chrome,
    );
  }

  const values = input.values ?? submission;
  return layout(
    t.form.editTitle,
    html`<h1>${t.form.editTitle} <small>${statusBadge(submission)}</small></h1><p class="muted">${input.agencyName}</p>${messages(input.notice, input.errors)}${
      submission.receipt ? html`<div class="notice">${t.receipt.submitting}</div>` : ''
    }${
      editable
        ? html`<form method="post" action="${base}" class="stack panel">${csrfField(input.csrfToken)}<input type="hidden" name="version" value="${submission.version}">${textFields(values)}<p><button type="submit">${t.form.save}</button></p></form>`
        : html`<article class="story"><h2>${submission.title}</h2>${submission.summary ? html`<p><strong>${submission.summary}</strong></p>` : ''}${paragraphsOf(submission.body)}</article>`
    }
${attachments}
<section class="panel"><form method="post" action="${base}/submit">${csrfField(input.csrfToken)}<p class="muted">${t.form.submitHint}</p><button class="primary" type="submit">${t.form.submit}</button></form></section>
<p><a href="/submissions">${t.form.back}</a></p>`,
    input.chrome,
  );
}
