/**
 * The agency registry's pages (issue 8): the list, an agency's form with the
 * preview of its effect on the quarters, and its change history. Plain
 * forms: everything works without script.
 */
import { AREA_IDS, AREA_NAMES } from '../../config/areas';
import type { Agency } from '../../config/schema';
import { KIND_ORDER } from '../../compliance/rules';
import type { AgencyAuditEntry, StoredAgency } from '../../agencies/registry';
import type { AgencyChangeEffect, AgencyStanding, EffectWarning, StandingChange } from '../../agencies/merger-effect';
import type { AgencyIssue } from '../../agencies/validate';
import { formatVietnamDateTime, html, layout, type PageChrome, type RawHtml } from '../html';
import { agenciesVi as v } from '../strings-admin';
import { complianceVi } from '../strings-compliance';
import { compareVietnamese } from '../../text/collate';

const csrf = (token: string | null) => (token ? html`<input type="hidden" name="_csrf" value="${token}">` : '');

/** `dd/MM/yyyy` from `YYYY-MM-DD`. */
const day = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');

function validity(agency: Agency, byId: ReadonlyMap<string, Agency>): RawHtml {
  if (!agency.validTo) return html`${day(agency.validFrom)} – <span class="badge ok">${v.active}</span>`;
  const successor = agency.successorId ? byId.get(agency.successorId) : undefined;
  return html`${day(agency.validFrom)} – ${day(agency.validTo)}${successor ? html`<br><span class="muted">${v.mergedInto(successor.name)}</span>` : ''}`;
}

/** The list of agencies with a link to each one's page. */
export function renderAgencyListPage(input: { agencies: readonly StoredAgency[]; notice?: string | null; chrome?: PageChrome }): string {
  const c = v.columns;
  const byId = new Map(input.agencies.map((entry) => [entry.agency.id, entry.agency]));
  const sorted = [...input.agencies].sort((a, b) => KIND_ORDER.indexOf(a.agency.kind) - KIND_ORDER.indexOf(b.agency.kind) || compareVietnamese(a.agency.name, b.agency.name));
  const rows = sorted.map(
    ({ agency }) => html`<tr>
<td><a href="/agencies/${agency.id}">${agency.name}</a><br><code class="muted">${agency.id}</code></td>
<td>${complianceVi.kinds[agency.kind]}</td>
<td class="date">${validity(agency, byId)}</td>
<td>${agency.leadAreas.map((area) => AREA_NAMES[area]).join('; ')}</td>
<td>${agency.contacts.join(', ')}</td></tr>`,
  );
  const body = html`<h1>${v.title}</h1><p class="muted">${v.intro}</p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}
<p><a class="button" href="/agencies/new">${v.add}</a></p>
<table><thead><tr><th scope="col">${v.fields.name}</th><th scope="col">${c.kind}</th><th scope="col">${c.validity}</th><th scope="col">${c.leadAreas}</th><th scope="col">${c.contacts}</th></tr></thead><tbody>${rows}</tbody></table>`;
  return layout(v.title, body, input.chrome);
}

/** What the form shows: the values (as typed, or as stored), the version, and what went wrong. */
export interface AgencyFormState {
  /** `null` when adding. */
  stored: StoredAgency | null;
  values: Record<string, unknown>;
  issues?: readonly AgencyIssue[];
  /** A refusal for the whole form (conflict). */
  error?: string | null;
  notice?: string | null;
  preview?: { effect: AgencyChangeEffect; confirm: string } | null;
  history?: readonly AgencyAuditEntry[];
  agencies: readonly Agency[];
  csrfToken: string | null;
  chrome?: PageChrome;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function fieldError(issues: readonly AgencyIssue[] | undefined, field: string): RawHtml | '' {
  const issue = issues?.find((candidate) => candidate.field === field);
  return issue ? html`<span class="error" id="err-${field}" role="alert">${issue.message}</span>` : '';
}

function standingCells(change: StandingChange, field: 'expected' | 'credited' | 'status'): RawHtml {
  const show = (standing: AgencyStanding | null): string => {
    if (!standing) return v.newAgency;
    if (field === 'expected') return standing.expected ? v.yes : v.no;
    if (field === 'credited') return String(standing.credited);
    return standing.status ? complianceVi.statuses[standing.status] : v.notJudged;
  };
  const before = show(change.before);
  const after = show(change.after);
  return before === after ? html`<td>${after}</td>` : html`<td><del>${before}</del> → <strong>${after}</strong></td>`;
}

function warningText(warning: EffectWarning): string {
  if (warning.code === 'credits-dropped') return v.warnings.creditsDropped(warning.quarter, warning.count);
  if (warning.code === 'gap') return v.warnings.gap(day(warning.from), day(warning.to));
  return v.warnings.overlap(day(warning.from), day(warning.to));
}

/** The preview table: per affected quarter, the agency's and its successor's standing before → after. */
export function renderEffect(effect: AgencyChangeEffect): RawHtml {
  const c = v.columns;
  const rows = effect.quarters.flatMap((quarter) =>
    [quarter.agency, ...(quarter.successor ? [quarter.successor] : [])].map(
      (change, index) => html`<tr${quarter.changed && index === 0 ? html` class="changed"` : ''}>
${index === 0 ? html`<th scope="row" rowspan="${quarter.successor ? 2 : 1}">${quarter.quarter}${quarter.changed ? html`<br><span class="badge warn">${v.changed}</span>` : ''}</th>` : ''}
<td>${change.name}</td>${standingCells(change, 'expected')}${standingCells(change, 'credited')}<td>${String(change.after.uncredited)}</td>${standingCells(change, 'status')}</tr>`,
    ),
  );
  return html`<section class="panel" aria-labelledby="preview-title" id="preview"><h2 id="preview-title">${v.previewTitle}</h2><p class="muted">${v.previewIntro}</p>
${effect.warnings.length ? html`<ul class="error">${effect.warnings.map((warning) => html`<li>${warningText(warning)}</li>`)}</ul>` : ''}
${effect.quarters.some((quarter) => quarter.changed) ? '' : html`<p class="notice">${v.previewNone}</p>`}
<table><thead><tr><th scope="col">${c.quarter}</th><th scope="col">${c.who}</th><th scope="col">${c.expected}</th><th scope="col">${c.credited}</th><th scope="col">${c.uncredited}</th><th scope="col">${c.status}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function diffText(before: Agency | null, after: Agency | null): string {
  if (!before || !after) return '';
  const fields = ['name', 'kind', 'leadAreas', 'contacts', 'validFrom', 'validTo', 'successorId'] as const;
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => `${v.fields[field]}: ${JSON.stringify(before[field])} → ${JSON.stringify(after[field])}`)
    .join('\n');
}

function renderHistory(history: readonly AgencyAuditEntry[]): RawHtml {
  const h = v.historyColumns;
  if (!history.length) return html`<section class="panel" aria-labelledby="history-title"><h2 id="history-title">${v.historyTitle}</h2><p class="muted">${v.historyEmpty}</p></section>`;
  const rows = history.map(
    (entry) => html`<tr><td class="date">${formatVietnamDateTime(entry.at)}</td><td>${entry.by}</td><td>${v.historyActions[entry.action] ?? entry.action}</td>
<td><pre style="white-space:pre-wrap;margin:0;font:inherit">${entry.before ? diffText(entry.before, entry.after) : entry.after ? JSON.stringify(entry.after, null, 1) : ''}</pre></td></tr>`,
  );
  return html`<section class="panel" aria-labelledby="history-title"><h2 id="history-title">${v.historyTitle}</h2><table><thead><tr><th scope="col">${h.at}</th><th scope="col">${h.by}</th><th scope="col">${h.action}</th><th scope="col">${h.after}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** An agency's form (adding or editing), with the preview when asked for, and its history. */
export function renderAgencyFormPage(state: AgencyFormState): string {
  const f = v.fields;
  const values = state.values;
  const creating = state.stored === null;
  const action = creating ? '/agencies' : `/agencies/${state.stored!.agency.id}`;
  const title = creating ? v.addTitle : v.editTitle(state.stored!.agency.name);
  const leadAreas = new Set(Array.isArray(values.leadAreas) ? (values.leadAreas as string[]) : []);
  const contacts = Array.isArray(values.contacts) ? (values.contacts as string[]).join('\n') : str(values.contacts);
  const selfId = state.stored?.agency.id ?? null;
  const successors = state.agencies.filter((agency) => agency.id !== selfId).sort((a, b) => compareVietnamese(a.name, b.name));
  const described = (field: string) => (state.issues?.some((issue) => issue.field === field) ? html` aria-invalid="true" aria-describedby="err-${field}"` : '');
  const body = html`<p><a href="/agencies">${v.back}</a>${selfId ? html` · <a href="/compliance/agencies/${selfId}">${v.viewCompliance}</a>` : ''}</p><h1>${title}</h1>
${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''}
${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}
${state.issues?.length ? html`<p class="error" role="alert">${v.fixErrors}</p>` : ''}
${state.preview ? renderEffect(state.preview.effect) : ''}
<form method="post" action="${action}" class="stack panel">${csrf(state.csrfToken)}
${state.stored ? html`<input type="hidden" name="version" value="${String(state.stored.version)}">` : ''}
${state.preview ? html`<input type="hidden" name="confirm" value="${state.preview.confirm}">` : ''}
${creating ? html`<label>${f.id}<input name="id" required pattern="[a-z0-9][a-z0-9\\-]*" maxlength="64" value="${str(values.id)}"${described('id')}><span class="muted">${v.hints.id}</span>${fieldError(state.issues, 'id')}</label>` : html`<p>${f.id}: <code>${selfId}</code></p>`}
<label>${f.name}<input name="name" required maxlength="300" value="${str(values.name)}"${described('name')}>${fieldError(state.issues, 'name')}</label>
<label>${f.kind}<select name="kind"${described('kind')}>${KIND_ORDER.map((kind) => html`<option value="${kind}"${values.kind === kind ? html` selected` : ''}>${complianceVi.kinds[kind]}</option>`)}</select>${fieldError(state.issues, 'kind')}</label>
<fieldset><legend>${f.leadAreas}</legend>${AREA_IDS.map((area) => html`<label class="check"><input type="checkbox" name="leadAreas" value="${area}"${leadAreas.has(area) ? html` checked` : ''}> ${AREA_NAMES[area]}</label>`)}${fieldError(state.issues, 'leadAreas')}</fieldset>
<label>${f.contacts}<textarea name="contacts" rows="3"${described('contacts')}>${contacts}</textarea><span class="muted">${v.hints.contacts}</span>${fieldError(state.issues, 'contacts')}</label>
<label>${f.validFrom}<input type="date" name="validFrom" required value="${str(values.validFrom)}"${described('validFrom')}>${fieldError(state.issues, 'validFrom')}</label>
<label>${f.validTo}<input type="date" name="validTo" value="${str(values.validTo)}"${described('validTo')}><span class="muted">${v.hints.validTo}</span>${fieldError(state.issues, 'validTo')}</label>
<label>${f.successorId}<select name="successorId"${described('successorId')}><option value="">${v.none}</option>${successors.map((agency) => html`<option value="${agency.id}"${values.successorId === agency.id ? html` selected` : ''}>${agency.name}</option>`)}</select><span class="muted">${v.hints.successorId}</span>${fieldError(state.issues, 'successorId')}</label>
<div class="actions"><button type="submit" name="intent" value="preview"${state.preview ? '' : html` class="primary"`}>${v.preview}</button>${state.preview ? html`<button type="submit" name="intent" value="save" class="primary">${v.saveAnyway}</button>` : ''}</div>
${state.preview ? html`<p class="muted">${v.previewConfirm}</p>` : ''}
</form>
${state.history ? renderHistory(state.history) : ''}`;
  return layout(title, body, state.chrome);
}
