/**
 * The compliance pages (issue 5): the quarter view with filters, totals,
 * source health beside each status and export links; one agency's history
 * across quarters with a small inline SVG chart (no script, no image
 * request: the CSP allows neither).
 */
import { AREA_NAMES, type AreaId } from '../../config/areas';
import type { Agency } from '../../config/schema';
import type { AgencyHistory, QuarterView, QuarterViewRow, SourcesHealth } from '../../compliance/view';
import type { ComplianceStatus } from '../../compliance/types';
import { KIND_ORDER } from '../../compliance/rules';
import { formatVietnamDateTime, html, layout, type PageChrome, type RawHtml } from '../html';
import { complianceVi as v, quarterLabel } from '../strings-compliance';

const STATUS_CLASS: Record<ComplianceStatus, string> = { met: 'ok', lead_missing: 'warn', missing: 'bad' };
const HEALTH_CLASS: Record<SourcesHealth['state'], string> = { ok: 'ok', failing: 'bad', needs_repair: 'bad', no_sources: 'warn' };

const areaNames = (areas: readonly AreaId[]) => areas.map((area) => AREA_NAMES[area] ?? area).join('; ');

function statusBadge(status: ComplianceStatus): RawHtml {
  return html`<span class="badge ${STATUS_CLASS[status]}">${v.statuses[status]}</span>`;
}

function healthBadge(health: SourcesHealth, status: ComplianceStatus): RawHtml {
  const troubled = health.state === 'failing' || health.state === 'needs_repair';
  const title = [v.health[health.state], health.lastError ? `— ${health.lastError}` : '', health.lastSuccessAt ? `(thành công gần nhất ${formatVietnamDateTime(health.lastSuccessAt)})` : '']
    .filter(Boolean)
    .join(' ');
  return html`<span class="badge ${HEALTH_CLASS[health.state]}" title="${title}">${v.healthShort[health.state]}</span>${
    troubled && status === 'missing' ? html`<br><span class="muted">${v.silentOrBroken}</span>` : ''
  }`;
}

/** The filters a quarter page accepts (GET form). */
export interface QuarterFilters {
  kind: Agency['kind'] | null;
  status: ComplianceStatus | null;
}

function row(r: QuarterViewRow, quarter: string): RawHtml {
  const areas = (Object.entries(r.areas) as [AreaId, number][]).map(([area, count]) => `${AREA_NAMES[area]} (${count})`).join('; ');
  const covered = r.leadAreas.filter((area) => !r.leadAreasMissing.includes(area));
  return html`<tr>
<td><a href="/compliance/agencies/${encodeURIComponent(r.agencyId)}?from=${quarter}">${r.agencyName}</a><br><span class="muted">${v.kinds[r.kind]}</span></td>
<td>${String(r.items)}</td>
<td>${areas || '—'}</td>
<td>${r.leadAreas.length ? html`${covered.length ? html`<span>✓ ${areaNames(covered)}</span>` : ''}${r.leadAreasMissing.length ? html`<br><span class="badge warn">Thiếu: ${areaNames(r.leadAreasMissing)}</span>` : ''}` : '—'}</td>
<td class="date">${formatVietnamDateTime(r.firstAt) || '—'}</td>
<td class="date">${formatVietnamDateTime(r.lastAt) || '—'}</td>
<td>${statusBadge(r.status)}${r.daysLeft !== undefined ? html`<br><span class="muted">${v.daysLeft(r.daysLeft)}</span>` : ''}</td>
<td>${healthBadge(r.health, r.status)}</td>
<td>${String(r.yearItems)}/${String(r.yearlyTarget)}</td>
</tr>`;
}

/** The quarter view page. */
export function renderQuarterPage(input: {
  view: QuarterView;
  filters: QuarterFilters;
  previous: string;
  next: string | null;
  /** Export links: whether the user may export every agency (home-affairs/admin) or only its own row. */
  chrome: PageChrome;
}): string {
  const { view, filters } = input;
  const q = view.quarter;
  const shown = view.rows.filter((r) => (!filters.kind || r.kind === filters.kind) && (!filters.status || r.status === filters.status));
  const kinds = KIND_ORDER.filter((kind) => view.rows.some((r) => r.kind === kind));
  const year = q.slice(0, 4);
  const half = Number(q.slice(-1)) <= 2 ? `${year}-H1` : `${year}-H2`;
  const exportLinks = (period: string, label: string) =>
    html`<li>${label}: <a href="/exports/compliance/${period}.xlsx">${v.exports.xlsx}</a> · <a href="/exports/compliance/${period}.csv">${v.exports.csv}</a> · <a href="/exports/compliance/${period}.json">${v.exports.json}</a></li>`;
  const state = view.state === 'running' ? html`<p class="notice">${v.asOfNow} ${v.daysLeft(view.daysLeft ?? 0)}.</p>` : view.state === 'future' ? html`<p class="muted">${v.future}</p>` : html`<p class="muted">${v.ended}</p>`;
  const t = view.totals;
  const body = html`<h1>${v.quarterTitle(q)}</h1>
<p class="noprint"><a href="/compliance/${input.previous}">${v.previous}</a>${input.next ? html` · <a href="/compliance/${input.next}">${v.next}</a>` : ''}</p>
${state}
<form class="filters noprint" method="get" action="/compliance/${q}">
<label>${v.filters.kind}<select name="kind"><option value="">${v.filters.all}</option>${kinds.map((kind) => html`<option value="${kind}"${filters.kind === kind ? html` selected` : ''}>${v.kinds[kind]}</option>`)}</select></label>
<label>${v.filters.status}<select name="status"><option value="">${v.filters.all}</option>${(['missing', 'lead_missing', 'met'] as const).map((status) => html`<option value="${status}"${filters.status === status ? html` selected` : ''}>${v.statuses[status]}</option>`)}</select></label>
<button type="submit">${v.filters.apply}</button></form>
<section class="panel" aria-labelledby="totals"><h2 id="totals">${v.totals.heading}</h2>
<p>${v.totals.agencies}: <strong>${String(t.agencies)}</strong> · ${v.statuses.met}: <strong>${String(t.met)}</strong> · ${v.statuses.lead_missing}: <strong>${String(t.lead_missing)}</strong> · ${v.statuses.missing}: <strong>${String(t.missing)}</strong> · ${v.totals.items}: <strong>${String(t.items)}</strong></p>
${kinds.length > 1 ? html`<table><thead><tr><th scope="col">${v.columns.kind}</th><th scope="col">${v.totals.agencies}</th><th scope="col">${v.statuses.met}</th><th scope="col">${v.statuses.lead_missing}</th><th scope="col">${v.statuses.missing}</th><th scope="col">${v.columns.items}</th></tr></thead><tbody>${kinds.map((kind) => {
    const k = t.byKind[kind]!;
    return html`<tr><td>${v.kinds[kind]}</td><td>${String(k.agencies)}</td><td>${String(k.met)}</td><td>${String(k.lead_missing)}</td><td>${String(k.missing)}</td><td>${String(k.items)}</td></tr>`;
  })}</tbody></table>` : ''}
</section>
${shown.length
    ? html`<table><thead><tr><th scope="col">${v.columns.agency}</th><th scope="col">${v.columns.items}</th><th scope="col">${v.columns.areas}</th><th scope="col">${v.columns.leadAreas}</th><th scope="col">${v.columns.firstAt}</th><th scope="col">${v.columns.lastAt}</th><th scope="col">${v.columns.status}</th><th scope="col">${v.columns.health}</th><th scope="col">${v.columns.year}</th></tr></thead><tbody>${shown.map((r) => row(r, q))}</tbody></table>`
    : html`<p class="muted">${v.none}</p>`}
<section class="panel noprint" aria-labelledby="exports"><h2 id="exports">${v.exports.heading}</h2><ul>
${exportLinks(q, v.quarterTitle(q))}${exportLinks(half, v.exports.half(half))}${exportLinks(year, v.exports.year(Number(year)))}
</ul></section>`;
  return layout(v.quarterTitle(q), body, input.chrome);
}

/** A bar per quarter: counted items; a dashed line at the quarterly share of the yearly target. */
function chart(history: AgencyHistory, target: number): RawHtml {
  const quarters = history.quarters;
  const max = Math.max(3, Math.ceil(target / 4), ...quarters.map((q) => q.counted.length));
  const width = 40 * quarters.length + 40;
  const height = 140;
  const base = 110;
  const scale = (value: number) => (value / max) * 90;
  const share = target / 4;
  const bars = quarters.map((q, index) => {
    const x = 30 + index * 40;
    const h = scale(q.counted.length);
    const fill = !q.judged ? '#c9ced6' : q.row?.status === 'met' ? '#1b7f3b' : q.row?.status === 'lead_missing' ? '#b35c00' : '#b00020';
    return html`<g><title>${quarterLabel(q.quarter)}: ${String(q.counted.length)}</title><rect x="${String(x)}" y="${String(base - h)}" width="28" height="${String(Math.max(h, 1))}" fill="${fill}"></rect><text x="${String(x + 14)}" y="${String(base - h - 3)}" font-size="10" text-anchor="middle">${String(q.counted.length)}</text><text x="${String(x + 14)}" y="${String(base + 14)}" font-size="9" text-anchor="middle">${quarterLabel(q.quarter)}</text></g>`;
  });
  return html`<svg role="img" aria-label="${v.history.chart(history.agency.name)}" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}" xmlns="http://www.w3.org/2000/svg"><line x1="25" y1="${String(base)}" x2="${String(width - 5)}" y2="${String(base)}" stroke="#5b6775"></line><line x1="25" y1="${String(base - scale(share))}" x2="${String(width - 5)}" y2="${String(base - scale(share))}" stroke="#5b6775" stroke-dasharray="4 3"></line>${bars}</svg>`;
}

/** One agency's history page. */
export function renderAgencyHistoryPage(input: { history: AgencyHistory; target: number; backQuarter: string; chrome: PageChrome; canSeeOthers: boolean }): string {
  const { history } = input;
  const a = history.agency;
  const link = (agency: Agency) => (input.canSeeOthers ? html`<a href="/compliance/agencies/${encodeURIComponent(agency.id)}">${agency.name}</a>` : html`${agency.name}`);
  const newestFirst = [...history.quarters].reverse();
  const creditList = (credits: AgencyHistory['quarters'][number]['counted']) =>
    html`<ul>${credits.map((c) => html`<li><a href="/stories/${encodeURIComponent(c.storyId)}">${c.title || c.url}</a> <span class="muted">${formatVietnamDateTime(c.sortAt)}${c.mark ? html` · ${v.columns.mark}: ${c.mark.counted ? v.mark.counted : v.mark.notCounted} (${c.mark.reason})` : ''}</span></li>`)}</ul>`;
  const body = html`<p class="noprint"><a href="/compliance/${input.backQuarter}">${v.history.back}</a></p>
<h1>${v.history.title(a.name)}</h1>
<p class="muted">${v.kinds[a.kind]}${a.leadAreas.length ? html` · ${v.columns.leadAreas}: ${areaNames(a.leadAreas)}` : ''}</p>
${a.validTo ? html`<p class="notice">${v.history.mergedOn(a.validTo.split('-').reverse().join('/'))}${history.successor ? html` · ${v.history.mergedInto} ${link(history.successor)}` : ''}</p>` : ''}
${history.predecessors.length ? html`<p>${v.history.predecessors}: ${history.predecessors.map((p, i) => html`${i ? ', ' : ''}${link(p)}`)}</p>` : ''}
<p>${v.columns.health}: ${healthBadge(history.health, 'met')}</p>
<section class="panel"><h2>${v.history.quarters}</h2>
${chart(history, input.target)}
<ul>${history.years.map((y) => html`<li>${v.history.yearTarget(y.year, y.items, y.target)}</li>`)}</ul>
</section>
<table><thead><tr><th scope="col">${v.columns.quarter}</th><th scope="col">${v.columns.items}</th><th scope="col">${v.columns.areas}</th><th scope="col">${v.columns.leadAreasMissing}</th><th scope="col">${v.columns.status}</th><th scope="col">${v.columns.firstAt}</th><th scope="col">${v.columns.lastAt}</th></tr></thead><tbody>${newestFirst.map((q) =>
    q.row
      ? html`<tr><td><a href="/compliance/${q.quarter}">${quarterLabel(q.quarter)}</a></td><td>${String(q.row.items)}</td><td>${(Object.entries(q.row.areas) as [AreaId, number][]).map(([area, n]) => `${AREA_NAMES[area]} (${n})`).join('; ') || '—'}</td><td>${areaNames(q.row.leadAreasMissing) || '—'}</td><td>${statusBadge(q.row.status)}${q.row.daysLeft !== undefined ? html`<br><span class="muted">${v.daysLeft(q.row.daysLeft)}</span>` : ''}</td><td class="date">${formatVietnamDateTime(q.row.firstAt) || '—'}</td><td class="date">${formatVietnamDateTime(q.row.lastAt) || '—'}</td></tr>`
      : html`<tr><td>${quarterLabel(q.quarter)}</td><td colspan="6" class="muted">${v.history.notJudged}</td></tr>`,
  )}</tbody></table>
${newestFirst.filter((q) => q.counted.length || q.notCounted.length).map(
    (q) => html`<section class="panel"><h2>${quarterLabel(q.quarter)}</h2><h3>${v.history.counted}</h3>${q.counted.length ? creditList(q.counted) : html`<p class="muted">${v.history.noItems}</p>`}${q.notCounted.length ? html`<h3>${v.history.notCounted}</h3>${creditList(q.notCounted)}` : ''}</section>`,
  )}`;
  return layout(v.history.title(a.name), body, input.chrome);
}
