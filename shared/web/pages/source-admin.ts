/**
 * The admin's source pages: the add / edit form with "Thử nguồn này", a
 * source's health with its actions, and its history. Plain forms that post
 * and are answered with a redirect or the page again: no script needed.
 * Everything the tested page said is shown as escaped text. "Thử nguồn
 * này" posts the same form elsewhere (`formaction`): to the source-preview
 * function, which answers with this same page and the test's result.
 */
import type { Source } from '../../config/schema';
import type { AuditEntry, VersionedSource } from '../../store/source-admin-repo';
import type { SourceTestResult } from '../../sources/test-source';
import type { PreviewRow } from '../../sources/preview';
import { fieldChanges } from '../../sources/config-diff';
import { sourcesVi } from '../../sources/strings';
import { CSRF_FIELD } from '../../auth/csrf';
import { formatVietnamDateTime, html, layout, type PageChrome, type RawHtml } from '../html';

/** The form's fields as typed (strings), so a form shown again keeps what the admin wrote. */
export interface SourceFormValues {
  id: string;
  agencyId: string;
  kind: string;
  url: string;
  encoding: string;
  intervalMinutes: string;
  item: string;
  title: string;
  link: string;
  date: string;
  summary: string;
}

/** The form's values of a stored source. */
export function formValuesOf(source: Source): SourceFormValues {
  return {
    id: source.id,
    agencyId: source.agencyId,
    kind: source.kind,
    url: source.url,
    encoding: source.encoding ?? '',
    intervalMinutes: source.intervalMinutes === undefined ? '' : String(source.intervalMinutes),
    item: source.html?.item ?? '',
    title: source.html?.title ?? '',
    link: source.html?.link ?? '',
    date: source.html?.date ?? '',
    summary: source.html?.summary ?? '',
  };
}

/**
 * Where "Thử nguồn này" posts: its own function (functions/source-preview),
 * so the api function's bundle carries no parser (issue 7). API Gateway
 * routes the prefix there, the local server too (infra/local/http-server.ts).
 */
export const SOURCE_PREVIEW_PREFIX = '/sources-preview/';

/** The preview target of the add form (`null`) or of a source's edit form. */
export function sourcePreviewPath(sourceId: string | null): string {
  return `${SOURCE_PREVIEW_PREFIX}${sourceId === null ? 'new' : encodeURIComponent(sourceId)}`;
}

/** The form's fields as posted, trimmed (absent fields are empty). */
export function sourceFormValues(form: URLSearchParams): SourceFormValues {
  const get = (name: keyof SourceFormValues) => (form.get(name) ?? '').trim();
  return {
    id: get('id'),
    agencyId: get('agencyId'),
    kind: get('kind'),
    url: get('url'),
    encoding: get('encoding'),
    intervalMinutes: get('intervalMinutes'),
    item: get('item'),
    title: get('title'),
    link: get('link'),
    date: get('date'),
    summary: get('summary'),
  };
}

/** A source as the form describes it (empty fields left out; validateSourceInput judges the rest). */
export function sourceInputOf(values: SourceFormValues): Record<string, unknown> {
  const optional = (value: string) => (value === '' ? undefined : value);
  const interval = values.intervalMinutes === '' ? undefined : Number(values.intervalMinutes);
  return {
    id: values.id,
    agencyId: values.agencyId,
    kind: values.kind,
    url: values.url,
    encoding: optional(values.encoding),
    intervalMinutes: interval,
    html:
      values.kind === 'html'
        ? { item: values.item, title: values.title, link: values.link, date: optional(values.date), summary: optional(values.summary) }
        : undefined,
  };
}

/** An empty form (a new html source). */
export const EMPTY_FORM: SourceFormValues = { id: '', agencyId: '', kind: 'html', url: '', encoding: '', intervalMinutes: '', item: '', title: '', link: '', date: '', summary: '' };

/** What every source page is given. */
interface PageBase {
  chrome?: PageChrome;
  csrfToken: string | null;
  agencies: readonly { id: string; name: string }[];
  values: SourceFormValues;
  test: SourceTestResult | null;
  notice?: string | null;
  error?: string | null;
}

const csrf = (token: string | null) => (token ? html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">` : '');

function messages(input: { notice?: string | null | undefined; error?: string | null | undefined }): RawHtml {
  return html`${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}`;
}

function field(name: keyof SourceFormValues, label: string, value: string, extra: { required?: boolean; type?: string; readonly?: boolean } = {}): RawHtml {
  return html`<label><span id="label-${name}">${label}</span><input name="${name}" aria-labelledby="label-${name}" type="${extra.type ?? 'text'}" value="${value}"${extra.required ? html` required` : ''}${extra.readonly ? html` readonly` : ''}></label>`;
}

function sourceForm(input: PageBase & { action: string; isNew: boolean; version: number | null }): RawHtml {
  const v = input.values;
  const f = sourcesVi.fields;
  const kinds = (['html', 'rss', 'atom', 'auto'] as const).map((kind) => html`<option value="${kind}"${v.kind === kind ? html` selected` : ''}>${sourcesVi.kinds[kind]}</option>`);
  const agencies = [...input.agencies].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const agencyKnown = agencies.some((agency) => agency.id === v.agencyId);
  return html`<form method="post" action="${input.action}" class="stack panel">${csrf(input.csrfToken)}${input.version === null ? '' : html`<input type="hidden" name="version" value="${input.version}">`}
${field('id', f.id, v.id, { required: true, readonly: !input.isNew })}
<label><span id="label-agencyId">${f.agencyId}</span><select name="agencyId" aria-labelledby="label-agencyId" required>${agencyKnown || !v.agencyId ? '' : html`<option value="${v.agencyId}" selected>${v.agencyId}</option>`}<option value=""${v.agencyId ? '' : html` selected`}>—</option>${agencies.map(
    (agency) => html`<option value="${agency.id}"${agency.id === v.agencyId ? html` selected` : ''}>${agency.name} (${agency.id})</option>`,
  )}</select></label>
<label><span id="label-kind">${f.kind}</span><select name="kind" aria-labelledby="label-kind">${kinds}</select></label>
${field('url', f.url, v.url, { required: true, type: 'url' })}
<fieldset><legend>${f.selectors}</legend>
${field('item', f.item, v.item)}${field('title', f.title, v.title)}${field('link', f.link, v.link)}${field('date', f.date, v.date)}${field('summary', f.summary, v.summary)}
</fieldset>
${field('encoding', f.encoding, v.encoding)}
${field('intervalMinutes', f.intervalMinutes, v.intervalMinutes, { type: 'number' })}
<div class="actions"><button type="submit" name="intent" value="test" formaction="${sourcePreviewPath(input.isNew ? null : v.id)}">${sourcesVi.buttons.test}</button><button type="submit" name="intent" value="save" class="primary">${input.isNew ? sourcesVi.buttons.create : sourcesVi.buttons.save}</button></div>
</form>`;
}

function previewRow(row: PreviewRow, index: number): RawHtml {
  const p = sourcesVi.preview;
  return html`<tr${row.collected ? '' : html` class="muted"`}><td>${index + 1}</td><td>${row.title || '—'}${row.collected ? '' : html` <span class="badge warn">${p.skipped}</span>`}</td>
<td>${row.url ? html`<code>${row.url}</code>` : row.href ? html`<span class="badge bad">${row.href}</span>` : '—'}</td>
<td>${row.publishedAt ? formatVietnamDateTime(row.publishedAt) : row.dateText ? html`<span class="badge bad">${row.dateText}</span>` : html`<span class="muted">${p.noDate}</span>`}</td>
<td>${row.summary ?? ''}</td>
<td><pre style="white-space:pre-wrap;max-width:28rem;font-size:.8rem;margin:0"><code>${row.snippet}</code></pre></td></tr>`;
}

/** The outcome of "Thử nguồn này": what was fetched, the problems, and the items beside their markup. */
export function renderTestResult(test: SourceTestResult): RawHtml {
  const p = sourcesVi.preview;
  if (!test.ok) return html`<section class="panel" aria-labelledby="preview-h"><h2 id="preview-h">${p.heading}</h2><p class="error" role="alert">${p.fetchFailed(test.error)}</p><p class="muted">${p.unsaved}</p></section>`;
  const { preview } = test;
  const names = { title: sourcesVi.fields.title, link: sourcesVi.fields.link, date: sourcesVi.fields.date, summary: sourcesVi.fields.summary };
  const c = p.columns;
  return html`<section class="panel" aria-labelledby="preview-h"><h2 id="preview-h">${p.heading}</h2>
<p class="muted">${p.fetched(test.fetched.url, test.fetched.status, test.fetched.bytes, test.fetched.ms)}</p>${test.feedUrl ? html`<p class="muted">${p.feedAt(test.feedUrl)}</p>` : ''}
<p><strong>${p.wouldCollect(preview.collected)}</strong> ${p.unsaved}</p>
${preview.itemMatches === null || preview.itemSelector === null ? '' : html`<ul class="muted"><li>${p.itemMatches(preview.itemSelector, preview.itemMatches)}</li>${preview.selectorHits.map((hit) => html`<li>${p.selectorCount(names[hit.field], hit.selector, hit.hits, preview.inspected)}</li>`)}</ul>`}
<h3>${p.problems}</h3>${
    preview.problems.length ? html`<ul class="error" role="alert" data-testid="preview-problems">${preview.problems.map((problem) => html`<li>${problem.message}</li>`)}</ul>` : html`<p class="notice">${p.noProblems}</p>`
  }
${preview.rows.length ? html`<p class="muted">${p.shown(preview.rows.length, preview.total)}</p><table data-testid="preview-items"><thead><tr><th scope="col">${c.n}</th><th scope="col">${c.title}</th><th scope="col">${c.link}</th><th scope="col">${c.date}</th><th scope="col">${c.summary}</th><th scope="col">${c.markup}</th></tr></thead><tbody>${preview.rows.map(previewRow)}</tbody></table>` : ''}
</section>`;
}

/** The "add a source" page. */
export function renderNewSourcePage(input: PageBase): string {
  const body = html`<p><a href="/sources">${sourcesVi.back}</a></p><h1>${sourcesVi.newHeading}</h1>${messages(input)}${sourceForm({ ...input, action: '/sources/new', isNew: true, version: null })}${input.test ? renderTestResult(input.test) : ''}`;
  return layout(sourcesVi.newHeading, body, input.chrome);
}

function describeChanges(entry: AuditEntry): RawHtml {
  const before = (entry.before ?? {}) as object;
  const after = (entry.after ?? {}) as object;
  const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));
  const changes = fieldChanges(before, after);
  return html`<ul>${changes.map((change) => html`<li><code>${change.field}</code>: ${shown(change.before)} → ${shown(change.after)}</li>`)}</ul>`;
}

function healthPanel(current: VersionedSource): RawHtml {
  const { health, source } = current.record;
  const h = sourcesVi.health;
  const row = (label: string, value: unknown, testId: string) => html`<tr><th scope="row">${label}</th><td data-testid="${testId}">${value}</td></tr>`;
  return html`<section class="panel" aria-labelledby="health-h"><h2 id="health-h">${h.heading}</h2><table>
${row(h.paused, source.paused ? h.yes : h.no, 'paused')}
${row(h.needsRepair, health.needsRepair ? h.yes : h.no, 'needs-repair')}
${row(h.lastSuccess, formatVietnamDateTime(health.lastSuccessAt) || '—', 'last-success')}
${row(h.lastError, health.lastError ? `${formatVietnamDateTime(health.lastErrorAt)} — ${health.lastError}` : '—', 'last-error')}
${row(h.failures, health.consecutiveFailures, 'failures')}
${row(h.next, formatVietnamDateTime(health.nextAttemptAt), 'next-attempt')}
${row(h.lastItems, health.lastItemCount, 'last-items')}
</table><p class="muted">${h.version(current.version, current.updatedBy, formatVietnamDateTime(current.updatedAt))}</p></section>`;
}

function actionsPanel(current: VersionedSource, csrfToken: string | null): RawHtml {
  const id = encodeURIComponent(current.record.source.id);
  const button = (action: string, label: string) =>
    html`<form method="post" action="/sources/${id}/actions">${csrf(csrfToken)}<input type="hidden" name="version" value="${current.version}"><input type="hidden" name="action" value="${action}"><button type="submit">${label}</button></form>`;
  const b = sourcesVi.buttons;
  return html`<div class="actions panel">${current.record.source.paused ? button('resume', b.resume) : button('pause', b.pause)}${button('retry', b.retry)}${current.record.health.needsRepair ? button('repaired', b.repaired) : ''}</div>`;
}

function historyPanel(history: readonly AuditEntry[]): RawHtml {
  const t = sourcesVi.history;
  return html`<section class="panel" aria-labelledby="history-h"><h2 id="history-h">${t.heading}</h2>${
    history.length
      ? html`<table data-testid="history"><thead><tr><th scope="col">${t.columns.at}</th><th scope="col">${t.columns.by}</th><th scope="col">${t.columns.action}</th><th scope="col">${t.columns.changes}</th></tr></thead><tbody>${history.map(
          (entry) => html`<tr><td class="date">${formatVietnamDateTime(entry.at)}</td><td>${entry.by}</td><td>${sourcesVi.actionLabel(entry.action)}</td><td>${describeChanges(entry)}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">${t.empty}</p>`
  }</section>`;
}

/** A source's page: health, actions, the edit form with "Thử nguồn này", and its history. */
export function renderSourcePage(input: PageBase & { current: VersionedSource; history: readonly AuditEntry[] }): string {
  const id = input.current.record.source.id;
  const body = html`<p><a href="/sources">${sourcesVi.back}</a></p><h1>${sourcesVi.editHeading(id)}</h1>${messages(input)}
${healthPanel(input.current)}${actionsPanel(input.current, input.csrfToken)}
${sourceForm({ ...input, action: `/sources/${encodeURIComponent(id)}`, isNew: false, version: input.current.version })}${input.test ? renderTestResult(input.test) : ''}
${historyPanel(input.history)}`;
  return layout(sourcesVi.editHeading(id), body, input.chrome);
}
