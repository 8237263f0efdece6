import { AREA_IDS, AREA_NAMES, type AreaId } from '../../config/areas';
import type { Desk } from '../../desks/config';
import { DESK_STATUSES, type DeskStatus } from '../../desks/workflow';
import { formatSeconds, slotLabelOrId } from '../../desks/slots';
import type { QueueRow } from '../../store/desks-repo';
import { formatVietnamDateTime, html, layout, type PageChrome } from '../html';
import { vi } from '../strings';

/** The filters of a desk's queue as the page received them (already validated). */
export interface QueueFilters {
  status: DeskStatus;
  area?: AreaId;
  agency?: string;
  q?: string;
  from?: string;
  to?: string;
}

/** A link to the queue with these filters (and a cursor). */
export function queueHref(deskId: string, filters: QueueFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, String(value));
  if (cursor) params.set('cursor', cursor);
  return `/desks/${encodeURIComponent(deskId)}?${params}`;
}

/** A slot as editors name it ("Trang CCHC tháng 11/2026"); the bare id if the desk's cadence no longer has it. */
function sizeOf(desk: Desk, row: QueueRow) {
  return desk.slot.kind === 'recurring-segment' ? formatSeconds(row.seconds) : vi.desk.words(row.words);
}

/** A desk's queue: status tabs, filters, newest first, page by page. */
export function renderDeskQueuePage(input: {
  desk: Desk;
  filters: QueueFilters;
  rows: QueueRow[];
  cursor: string | null;
  isFirstPage: boolean;
  agencies: { id: string; name: string }[];
  canPlan: boolean;
  chrome: PageChrome;
}): string {
  const { desk, filters } = input;
  const names = new Map(input.agencies.map((agency) => [agency.id, agency.name]));
  const tabs = DESK_STATUSES.map(
    (status) =>
      html`<a href="${queueHref(desk.id, { ...filters, status })}"${status === filters.status ? html` aria-current="page"` : ''}>${vi.statuses[status]}</a>`,
  );
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  const form = html`<form class="filters" method="get" action="/desks/${desk.id}" role="search">
<input type="hidden" name="status" value="${filters.status}">
<label>${vi.desk.area}<select name="area">${option('', vi.desk.any, !filters.area)}${AREA_IDS.map((id) => option(id, AREA_NAMES[id], filters.area === id))}</select></label>
<label>${vi.desk.agency}<select name="agency">${option('', vi.desk.any, !filters.agency)}${input.agencies.map((agency) => option(agency.id, agency.name, filters.agency === agency.id))}</select></label>
<label>${vi.desk.from}<input type="date" name="from" value="${filters.from ?? ''}"></label>
<label>${vi.desk.to}<input type="date" name="to" value="${filters.to ?? ''}"></label>
<label>${vi.desk.search}<input type="search" name="q" value="${filters.q ?? ''}" maxlength="100"></label>
<button type="submit" class="primary">${vi.desk.apply}</button> <a class="button" href="${queueHref(desk.id, { status: filters.status })}">${vi.desk.clear}</a>
</form>`;
  const rows = input.rows.map(
    (row) => html`<tr>
<td class="date">${formatVietnamDateTime(row.sortAt)}</td>
<td><a href="/stories/${encodeURIComponent(row.storyId)}?desk=${desk.id}">${row.title}</a>${row.slot ? html`<div class="muted">${vi.storyDesk.slot}: ${slotLabelOrId(desk.slot, row.slot)}</div>` : ''}</td>
<td>${names.get(row.agencyId) ?? row.agencyId}</td>
<td>${row.areas.map((area, index) => html`${index ? html`<br><span class="muted">` : ''}${AREA_NAMES[area]}${index ? html`</span>` : ''}`)}<div class="muted">${vi.desk.confidence(row.confidence)}</div></td>
<td>${sizeOf(desk, row)}</td></tr>`,
  );
  const body = html`<h1>${desk.name}</h1>
<p class="noprint">${input.canPlan ? html`<a class="button primary" href="/desks/${desk.id}/plan">${vi.desk.plan}</a>` : ''}</p>
<nav class="tabs" aria-label="${vi.desk.status}">${tabs}</nav>
${form}
${
  rows.length
    ? html`<table><caption class="muted">${vi.desk.queue}: ${vi.statuses[filters.status]}</caption><thead><tr><th scope="col">${vi.desk.columns.date}</th><th scope="col">${vi.desk.columns.title}</th><th scope="col">${vi.desk.columns.agency}</th><th scope="col">${vi.desk.columns.areas}</th><th scope="col">${desk.slot.kind === 'recurring-segment' ? vi.desk.airtime : vi.desk.columns.size}</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>${vi.desk.empty}</p>`
}
<p class="noprint">${input.isFirstPage ? '' : html`<a href="${queueHref(desk.id, filters)}">${vi.desk.first}</a> `}${
    input.cursor ? html`<a href="${queueHref(desk.id, filters, input.cursor)}" rel="next">${vi.desk.next}</a>` : ''
  }</p>`;
  return layout(desk.name, body, input.chrome);
}
