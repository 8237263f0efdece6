import { AREA_NAMES, type AreaId } from '../../config/areas';
import type { Desk } from '../../desks/config';
import type { Plan } from '../../desks/planner';
import { fillRatio, formatSeconds, slotLabel, slotUsage, upcomingSlots } from '../../desks/slots';
import type { QueueRow, SlotContents } from '../../store/desks-repo';
import { html, layout, type PageChrome } from '../html';
import { vi } from '../strings';

/** What accepting a plan did, story by story. */
export interface PlannerOutcome {
  scheduled: string[];
  failed: { storyId: string; reason: string }[];
}

function usageText(desk: Desk, usage: { stories: number; words: number; seconds: number }): string {
  if (desk.slot.kind === 'recurring-segment') {
    return `${formatSeconds(usage.seconds)} / ${formatSeconds(desk.slot.maxSeconds)} (tối thiểu ${formatSeconds(desk.slot.minSeconds)}) · ${usage.stories} tin`;
  }
  return `${usage.stories}/${desk.slot.maxStories} tin · ${usage.words.toLocaleString('vi-VN')}/${desk.slot.maxWords.toLocaleString('vi-VN')} chữ`;
}

const areaNames = (areas: readonly string[]) => areas.map((area) => AREA_NAMES[area as AreaId] ?? area).join(', ');

/**
 * The slot planner: what the slot holds, and the planner's proposal as
 * checkboxes the editor accepts or edits before scheduling them.
 */
export function renderPlannerPage(input: {
  desk: Desk;
  slotId: string;
  slot: SlotContents;
  proposal: { row: QueueRow; version: number }[];
  plan: Plan;
  agencyNames: ReadonlyMap<string, string>;
  csrfToken: string | null;
  outcome: PlannerOutcome | null;
  now: Date;
  chrome: PageChrome;
}): string {
  const { desk, slotId } = input;
  const label = slotLabel(desk.slot, slotId);
  const segment = desk.slot.kind === 'recurring-segment';
  const current = slotUsage(input.slot.members);
  const size = (item: { words: number; seconds: number }) => (segment ? formatSeconds(item.seconds) : vi.desk.words(item.words));
  const slots = upcomingSlots(desk.slot, input.now, 8);
  if (!slots.includes(slotId)) slots.unshift(slotId);
  const outcome = input.outcome;
  const body = html`<p class="noprint"><a href="/desks/${desk.id}">← ${desk.name}</a></p>
<h1>${vi.planner.heading(label)}</h1>
${outcome?.scheduled.length ? html`<div class="notice" role="status">${vi.planner.scheduledCount(outcome.scheduled.length)}</div>` : ''}
${
  outcome?.failed.length
    ? html`<div class="error" role="alert"><ul>${outcome.failed.map((failure) => html`<li>${vi.planner.failedItem(failure.storyId, failure.reason)}</li>`)}</ul></div>`
    : ''
}
<form method="get" action="/desks/${desk.id}/plan" class="filters noprint"><label>${vi.planner.choose}<select name="slot">${slots.map(
    (id) => html`<option value="${id}"${id === slotId ? html` selected` : ''}>${slotLabel(desk.slot, id)}</option>`,
  )}</select></label><button type="submit">${vi.desk.apply}</button></form>
<section class="panel" aria-labelledby="in-slot"><h2 id="in-slot">${vi.planner.inSlot}</h2>
<p>${vi.planner.usage}: <strong>${usageText(desk, current)}</strong> · ${vi.planner.fill(Math.round(fillRatio(desk.slot, current) * 100))}</p>
${
  input.slot.members.length
    ? html`<ol>${input.slot.members.map(
        (member) => html`<li><a href="/stories/${encodeURIComponent(member.storyId)}?desk=${desk.id}">${member.title}</a> — ${input.agencyNames.get(member.agencyId) ?? member.agencyId} · ${size(member)}</li>`,
      )}</ol>`
    : html`<p class="muted">${vi.planner.emptySlot}</p>`
}
${
  segment && input.slot.members.length
    ? html`<p class="noprint"><a class="button" href="/desks/${desk.id}/slots/${slotId}/rundown">${vi.planner.rundown}</a> <a class="button" href="/desks/${desk.id}/slots/${slotId}/rundown.csv">${vi.planner.rundownCsv}</a></p>`
    : ''
}</section>
<section class="panel" aria-labelledby="proposal"><h2 id="proposal">${vi.planner.proposal}</h2>
${
  input.proposal.length
    ? html`<p class="muted">${vi.planner.proposalHelp}</p>
<p>${vi.planner.usage}: <strong>${usageText(desk, input.plan.usage)}</strong> · ${vi.planner.fill(Math.round(input.plan.fill * 100))} · ${input.plan.distinctAgencies} cơ quan · ${input.plan.distinctAreas} lĩnh vực</p>
<form method="post" action="/desks/${desk.id}/plan" class="stack">${input.csrfToken ? html`<input type="hidden" name="_csrf" value="${input.csrfToken}">` : ''}<input type="hidden" name="slot" value="${slotId}">
<fieldset><legend>${label}</legend>${input.proposal.map(
        ({ row, version }) =>
          html`<label class="check"><input type="checkbox" name="story" value="${row.storyId}" checked> <span><strong>${row.title}</strong><br><span class="muted">${input.agencyNames.get(row.agencyId) ?? row.agencyId} · ${areaNames(row.areas)} · ${size(row)} · ${vi.statuses[row.status]}</span></span></label><input type="hidden" name="version:${row.storyId}" value="${String(version)}">`,
      )}</fieldset>
<button type="submit" class="primary">${vi.planner.accept}</button></form>`
    : html`<p class="muted">${vi.planner.noProposal}</p>`
}</section>`;
  return layout(vi.planner.heading(label), body, input.chrome);
}
