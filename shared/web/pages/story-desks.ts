/**
 * The story page's working parts: its entry on each desk with the actions
 * the signed-in editor may take, the label correction form and the history.
 * Every form carries the story version it was rendered from, so a change
 * made meanwhile by someone else is reported instead of overwritten.
 */
import { AREA_IDS, AREA_NAMES, type AreaId } from '../../config/areas';
import type { Desk } from '../../desks/config';
import { formatSeconds, slotLabel, slotLabelOrId, upcomingSlots } from '../../desks/slots';
import { nextStatuses, type AuditEvent, type DeskEntry, type DeskStatus } from '../../desks/workflow';
import type { Story } from '../../stories/story';
import { formatVietnamDateTime, html, type RawHtml } from '../html';
import { vi } from '../strings';
import { describeCountEvent } from './story-count';

/** What the signed-in user may do on this page. */
export interface StoryPermissions {
  /** Desks (ids) the user edits. */
  editDesks: ReadonlySet<string>;
  canLabel: boolean;
}

function hidden(csrfToken: string | null, version: number, fields: Record<string, string> = {}) {
  return html`${csrfToken ? html`<input type="hidden" name="_csrf" value="${csrfToken}">` : ''}<input type="hidden" name="version" value="${String(version)}">${Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}`;
}

function actionLabel(from: DeskStatus, to: DeskStatus): string {
  if (from === 'rejected' && to === 'proposed') return vi.actions.restore;
  if (from === 'scheduled' && to === 'shortlisted') return vi.actions.unschedule;
  return vi.actions[to];
}

function actionForm(story: Story, desk: Desk, entry: DeskEntry, to: DeskStatus, csrf: string | null, now: Date): RawHtml {
  const action = `/stories/${encodeURIComponent(story.id)}/transitions`;
  const base = hidden(csrf, story.version, { desk: desk.id, to });
  const id = `${desk.id}-${to}`;
  if (to === 'scheduled' && entry.status !== 'published') {
    const slots = upcomingSlots(desk.slot, now, 6);
    return html`<form method="post" action="${action}">${base}<label for="${id}-slot">${vi.storyDesk.slot}</label><select id="${id}-slot" name="slot">${slots.map(
      (slot) => html`<option value="${slot}">${slotLabel(desk.slot, slot)}</option>`,
    )}</select><button type="submit" class="primary">${actionLabel(entry.status, to)}</button></form>`;
  }
  if (to === 'rejected') {
    return html`<form method="post" action="${action}">${base}<label for="${id}-note">${vi.storyDesk.reason}</label><input id="${id}-note" name="note" required maxlength="500"><button type="submit">${actionLabel(entry.status, to)}</button></form>`;
  }
  return html`<form method="post" action="${action}">${base}<button type="submit"${to === 'shortlisted' && entry.status === 'proposed' ? html` class="primary"` : ''}>${actionLabel(entry.status, to)}</button></form>`;
}

function deskPanel(story: Story, desk: Desk, entry: DeskEntry, permissions: StoryPermissions, csrf: string | null, now: Date): RawHtml {
  const canEdit = permissions.editDesks.has(desk.id);
  const segment = desk.slot.kind === 'recurring-segment';
  const airtime = segment
    ? html`<p>${vi.desk.airtime}: <strong>${formatSeconds(entry.seconds)}</strong> <span class="muted">(${entry.secondsEdited ? vi.storyDesk.edited : vi.storyDesk.estimated})</span></p>${
        canEdit
          ? html`<form method="post" action="/stories/${encodeURIComponent(story.id)}/airtime" class="actions">${hidden(csrf, story.version, { desk: desk.id })}<label for="${desk.id}-seconds">${vi.storyDesk.airtime}</label><input id="${desk.id}-seconds" name="seconds" type="number" min="5" max="${String(desk.slot.kind === 'recurring-segment' ? desk.slot.maxSeconds : 0)}" step="1" value="${String(entry.seconds)}" required><button type="submit">${vi.storyDesk.saveAirtime}</button></form>`
          : ''
      }`
    : html`<p>${vi.desk.words(entry.words)}</p>`;
  return html`<section class="panel" aria-labelledby="desk-${desk.id}">
<h2 id="desk-${desk.id}">${desk.name}</h2>
<p>${vi.desk.status}: <strong class="status" data-desk="${desk.id}">${vi.statuses[entry.status]}</strong>${
    entry.slot ? html` · ${vi.storyDesk.slot}: ${slotLabelOrId(desk.slot, entry.slot)}` : ''
  }${entry.rejectReason ? html` · ${vi.storyDesk.note}: ${entry.rejectReason}` : ''}</p>
${airtime}
${canEdit ? html`<div class="actions">${nextStatuses(entry.status).map((to) => actionForm(story, desk, entry, to, csrf, now))}</div>` : ''}
</section>`;
}

function labelForm(story: Story, csrf: string | null): RawHtml {
  const [primary, ...secondary] = story.relevant ? (story.areas ?? []) : [];
  return html`<section class="panel" aria-labelledby="correct-labels"><h2 id="correct-labels">${vi.storyDesk.correct}</h2>
<form method="post" action="/stories/${encodeURIComponent(story.id)}/labels" class="stack">${hidden(csrf, story.version)}
<p><label class="check"><input type="checkbox" name="relevant" value="true"${story.relevant ? html` checked` : ''}> ${vi.storyDesk.relevantLabel}</label></p>
<p><label>${vi.storyDesk.primaryArea}<select name="primary"><option value="">—</option>${AREA_IDS.map(
    (id) => html`<option value="${id}"${id === primary ? html` selected` : ''}>${AREA_NAMES[id]}</option>`,
  )}</select></label></p>
<fieldset><legend>${vi.storyDesk.secondaryAreas}</legend>${AREA_IDS.map(
    (id) => html`<label class="check"><input type="checkbox" name="areas" value="${id}"${secondary.includes(id) ? html` checked` : ''}> ${AREA_NAMES[id]}</label>`,
  )}</fieldset>
<button type="submit" class="primary">${vi.storyDesk.saveLabels}</button></form></section>`;
}

/** A label change's side as the audit trail stores it (`procedures, project06` or `not relevant`), in Vietnamese. */
function labelsText(value: string | null): string {
  if (!value) return '—';
  if (value === 'not relevant') return vi.stories.notRelevant;
  // Area names contain commas themselves, so they are listed with semicolons.
  return value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .map((id) => AREA_NAMES[id as AreaId] ?? id)
    .join('; ');
}

function describeEvent(event: AuditEvent, desks: ReadonlyMap<string, Desk>): RawHtml {
  const status = (value: string | null) => (value && value in vi.statuses ? vi.statuses[value as keyof typeof vi.statuses] : (value ?? '—'));
  if (event.kind === 'count') return html`${describeCountEvent(event)}`;
  if (event.kind === 'label') return html`${vi.storyDesk.labelChange}: ${labelsText(event.from)} → ${labelsText(event.to)}`;
  const deskName = event.desk ? (desks.get(event.desk)?.name ?? event.desk) : '';
  if (event.kind === 'airtime') return html`${deskName}: ${vi.storyDesk.airtimeChange} ${formatSeconds(Number(event.from))} → ${formatSeconds(Number(event.to))}`;
  const slot = event.slot && event.desk && desks.get(event.desk) ? slotLabelOrId(desks.get(event.desk)!.slot, event.slot) : event.slot;
  return html`${deskName}: ${status(event.from)} → ${status(event.to)}${slot ? html` (${slot})` : ''}`;
}

/** The story page's desk panels, correction form and history. */
export function renderStoryDeskSections(input: {
  story: Story;
  desks: readonly Desk[];
  entries: DeskEntry[];
  history: AuditEvent[];
  permissions: StoryPermissions;
  csrfToken: string | null;
  now: Date;
}): RawHtml {
  const byId = new Map(input.desks.map((desk) => [desk.id, desk]));
  const panels = input.entries
    .filter((entry) => byId.has(entry.desk))
    .map((entry) => deskPanel(input.story, byId.get(entry.desk)!, entry, input.permissions, input.csrfToken, input.now));
  const history = [...input.history].sort((a, b) => a.at.localeCompare(b.at));
  return html`<h2>${vi.storyDesk.heading}</h2>${panels.length ? panels : html`<p class="muted">${vi.storyDesk.none}</p>`}
${input.permissions.canLabel ? labelForm(input.story, input.csrfToken) : ''}
<section class="panel" aria-labelledby="history"><h2 id="history">${vi.storyDesk.history}</h2>${
    history.length
      ? html`<table><thead><tr><th scope="col">${vi.storyDesk.historyColumns.at}</th><th scope="col">${vi.storyDesk.historyColumns.by}</th><th scope="col">${vi.storyDesk.historyColumns.what}</th><th scope="col">${vi.storyDesk.historyColumns.note}</th></tr></thead><tbody>${history.map(
          (event) => html`<tr><td class="date">${formatVietnamDateTime(event.at)}</td><td>${event.by}</td><td>${describeEvent(event, byId)}</td><td>${event.note ?? ''}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">${vi.storyDesk.noHistory}</p>`
  }</section>`;
}
