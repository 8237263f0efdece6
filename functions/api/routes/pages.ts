/**
 * Server-rendered pages: the story list, a story with its desk actions, a
 * desk's queue, the slot planner and the rundown. Forms post here and are
 * answered with a redirect (success) or the page again with the reason.
 */
import { authorize, can } from '../../../shared/auth';
import type { Desk } from '../../../shared/desks/config';
import { buildRundown, renderRundownPrint, rundownCsv } from '../../../shared/desks/rundown';
import { nextSlot, requireSlotId } from '../../../shared/desks/slots';
import { lastCycle } from '../../../shared/store/sources-repo';
import { renderStoriesPage, renderStoryPage } from '../../../shared/web/pages/stories';
import { renderSubmissionAttachmentsSection } from '../../../shared/web/pages/submissions';
import { submissionIdOfStoryUrl } from '../../../shared/submissions/submit';
import { renderDeskQueuePage } from '../../../shared/web/pages/desk-queue';
import { renderStoryDeskSections } from '../../../shared/web/pages/story-desks';
import { renderStoryCountSection } from '../../../shared/web/pages/story-count';
import { renderPlannerPage, type PlannerOutcome } from '../../../shared/web/pages/planner';
import { formatVietnamDateTime, html, layout } from '../../../shared/web/html';
import { vi } from '../../../shared/web/strings';
import { clientErrorOf } from '../errors';
import { download, formOf, page, redirect, validate, type Result } from '../http';
import type { RequestContext, Route, Services } from '../context';
import { DESK_ID, STORY_ID, airtimeSchema, queueFiltersSchema, toQueueQuery, transitionSchema } from './queries';
import { compareVietnamese } from '../../../shared/text/collate';

const deskRef = (desk: Desk) => ({ id: desk.id, editorRoles: desk.editorRoles });

async function agencyNames(services: Services): Promise<Map<string, string>> {
  return new Map((await services.agencies()).map((agency) => [agency.id, agency.name]));
}

/** The story page, with the desk sections this user may see and act on. */
async function storyPage(ctx: RequestContext, services: Services, storyId: string, status: number, message: { notice?: string; error?: string } = {}): Promise<Result> {
  const view = await services.desks.storyView(storyId);
  if (!view) return page(404, layout(vi.story.notFound, html`<h1>${vi.story.notFound}</h1><p><a href="/">${vi.story.back}</a></p>`, ctx.chrome));
  authorize(ctx.principal, 'stories.read', { agencyIds: view.story.agencyIds });
  const editDesks = new Set(services.desks.desks.filter((desk) => can(ctx.principal, 'desk.edit', { desk: deskRef(desk) })).map((desk) => desk.id));
  const sections = renderStoryDeskSections({
    story: view.story,
    desks: services.desks.desks,
    entries: view.entries,
    history: view.history,
    permissions: { editDesks, canLabel: can(ctx.principal, 'stories.label') },
    csrfToken: ctx.session?.csrfToken ?? null,
    now: ctx.now,
  });
  const fromDesk = services.desks.desks.find((desk) => desk.id === ctx.query.desk && can(ctx.principal, 'desk.read', { desk: deskRef(desk) }));
  const submissionId = submissionIdOfStoryUrl(view.story.url);
  const submission = submissionId ? await services.submissions.get(submissionId) : undefined;
  return page(
    status,
    renderStoryPage(view.story, await agencyNames(services), {
      sections: html`${submission ? renderSubmissionAttachmentsSection(submission) : ''}${sections}${renderStoryCountSection({ story: view.story, canMark: can(ctx.principal, 'compliance.mark'), csrfToken: ctx.session?.csrfToken ?? null })}`,
      notice: message.notice ?? null,
      error: message.error ?? null,
      chrome: ctx.chrome,
      backHref: fromDesk ? `/desks/${fromDesk.id}` : '/',
    }),
  );
}

/** Runs a form's change; on a refusal the story page is shown again with the reason and the matching status. */
export async function storyForm(ctx: RequestContext, services: Services, storyId: string, deskHint: string | null, change: () => Promise<unknown>): Promise<Result> {
  try {
    await change();
  } catch (error) {
    const refused = clientErrorOf(error);
    if (!refused || refused.status === 403) throw error;
    return storyPage(ctx, services, storyId, refused.status, { error: refused.message });
  }
  return redirect(`/stories/${encodeURIComponent(storyId)}?saved=1${deskHint ? `&desk=${encodeURIComponent(deskHint)}` : ''}`);
}

function deskOf(services: Services, id: string): Desk | null {
  return services.desks.desks.find((desk) => desk.id === id) ?? null;
}

const notFound = (ctx: RequestContext) => page(404, layout(vi.notFound, html`<h1>${vi.notFound}</h1>`, ctx.chrome));

async function plannerPage(ctx: RequestContext, services: Services, desk: Desk, slotId: string, status: number, outcome: PlannerOutcome | null): Promise<Result> {
  const { slot, candidates, plan } = await services.desks.plan(desk.id, slotId, ctx.now);
  const proposed = candidates.filter((row) => plan.storyIds.includes(row.storyId));
  proposed.sort((a, b) => plan.storyIds.indexOf(a.storyId) - plan.storyIds.indexOf(b.storyId));
  const versions = new Map((await services.stories.getMany(proposed.map((row) => row.storyId))).map((story) => [story.id, story.version]));
  return page(
    status,
    renderPlannerPage({
      desk,
      slotId,
      slot,
      proposal: proposed.map((row) => ({ row, version: versions.get(row.storyId) ?? 0 })),
      plan,
      agencyNames: await agencyNames(services),
      csrfToken: ctx.session?.csrfToken ?? null,
      outcome,
      now: ctx.now,
      chrome: ctx.chrome,
    }),
  );
}

/** The page routes. */
export const pageRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'stories.list', { agencyId: ctx.principal.agencyId });
      const [newest, all, names, cycle] = await Promise.all([
        services.stories.listNewest(100, ctx.now),
        services.sources.listAll(),
        agencyNames(services),
        lastCycle(services.clients),
      ]);
      // An agency user sees its own agency's stories only.
      const visible = newest.filter((story) => can(ctx.principal, 'stories.read', { agencyIds: story.agencyIds }));
      const total = all.reduce((sum, record) => sum + record.storiesCreated, 0);
      return page(200, renderStoriesPage({ stories: visible, total, agencyNames: names, lastCycleAt: cycle?.finishedAt ?? null, chrome: ctx.chrome }));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/stories/${STORY_ID}$`),
    handle: (ctx, [storyId], services) => storyPage(ctx, services, storyId!, 200, ctx.query.saved ? { notice: vi.storyDesk.saved } : {}),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/stories/${STORY_ID}/transitions$`),
    async handle(ctx, [storyId], services) {
      const form = formOf(ctx.event);
      const input = validate(transitionSchema, { desk: form.get('desk'), to: form.get('to'), slot: form.get('slot'), note: form.get('note'), version: form.get('version') }, 'form');
      const desk = deskOf(services, input.desk);
      if (!desk) return notFound(ctx);
      authorize(ctx.principal, 'desk.edit', { desk: deskRef(desk) });
      return storyForm(ctx, services, storyId!, desk.id, () =>
        services.desks.transition({ storyId: storyId!, desk: desk.id, to: input.to, slot: input.slot ?? null, note: input.note ?? null, version: input.version, by: ctx.principal.name, now: ctx.now }),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/stories/${STORY_ID}/labels$`),
    async handle(ctx, [storyId], services) {
      authorize(ctx.principal, 'stories.label');
      const form = formOf(ctx.event);
      const relevant = form.get('relevant') === 'true';
      const primary = form.get('primary') || null;
      const secondary = form.getAll('areas').filter((area) => area !== primary);
      const version = Number(form.get('version'));
      return storyForm(ctx, services, storyId!, ctx.query.desk ?? null, () =>
        services.desks.correctLabels({
          storyId: storyId!,
          raw: { relevant, areas: relevant ? [...(primary ? [primary] : []), ...secondary] : [] },
          version,
          by: ctx.principal.name,
          now: ctx.now,
        }),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/stories/${STORY_ID}/airtime$`),
    async handle(ctx, [storyId], services) {
      const form = formOf(ctx.event);
      const input = validate(airtimeSchema, { desk: form.get('desk'), seconds: form.get('seconds'), version: form.get('version') }, 'form');
      const desk = deskOf(services, input.desk);
      if (!desk) return notFound(ctx);
      authorize(ctx.principal, 'desk.edit', { desk: deskRef(desk) });
      return storyForm(ctx, services, storyId!, desk.id, () =>
        services.desks.setAirtime({ storyId: storyId!, desk: desk.id, seconds: input.seconds, version: input.version, by: ctx.principal.name, now: ctx.now }),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/desks/${DESK_ID}$`),
    async handle(ctx, [deskId], services) {
      const desk = deskOf(services, deskId!);
      if (!desk) return notFound(ctx);
      authorize(ctx.principal, 'desk.read', { desk: deskRef(desk) });
      const filters = validate(queueFiltersSchema, ctx.query, 'query');
      const [result, agencies] = await Promise.all([services.desks.queue(toQueueQuery(desk.id, filters)), services.agencies()]);
      return page(
        200,
        renderDeskQueuePage({
          desk,
          filters,
          rows: result.rows,
          cursor: result.cursor,
          isFirstPage: !filters.cursor,
          agencies: [...agencies].sort((a, b) => compareVietnamese(a.name, b.name)),
          canPlan: can(ctx.principal, 'desk.plan', { desk: deskRef(desk) }),
          chrome: ctx.chrome,
        }),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/desks/${DESK_ID}/plan$`),
    async handle(ctx, [deskId], services) {
      const desk = deskOf(services, deskId!);
      if (!desk) return notFound(ctx);
      authorize(ctx.principal, 'desk.plan', { desk: deskRef(desk) });
      const slotId = ctx.query.slot ? requireSlotId(desk.slot, ctx.query.slot).id : nextSlot(desk.slot, ctx.now);
      return plannerPage(ctx, services, desk, slotId, 200, null);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/desks/${DESK_ID}/plan$`),
    async handle(ctx, [deskId], services) {
      const desk = deskOf(services, deskId!);
      if (!desk) return notFound(ctx);
      authorize(ctx.principal, 'desk.plan', { desk: deskRef(desk) });
      const form = formOf(ctx.event);
      const slotId = requireSlotId(desk.slot, form.get('slot') ?? '').id;
      const chosen = form.getAll('story').slice(0, 50);
      const outcome: PlannerOutcome = { scheduled: [], failed: [] };
      // In the order the planner proposed them; each is its own conditional step.
      for (const storyId of chosen) {
        try {
          const { entry } = await services.desks.transition({
            storyId,
            desk: desk.id,
            to: 'scheduled',
            slot: slotId,
            version: Number(form.get(`version:${storyId}`)),
            by: ctx.principal.name,
            now: ctx.now,
          });
          outcome.scheduled.push(entry.title);
        } catch (error) {
          const refused = clientErrorOf(error);
          if (!refused) throw error;
          outcome.failed.push({ storyId, reason: refused.message });
        }
      }
      return plannerPage(ctx, services, desk, slotId, outcome.failed.length && !outcome.scheduled.length ? 409 : 200, outcome);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/desks/${DESK_ID}/slots/([0-9-]{7,10})/rundown(\\.csv)?$`),
    async handle(ctx, [deskId, slotParam, csv], services) {
      const desk = deskOf(services, deskId!);
      if (!desk || desk.slot.kind !== 'recurring-segment') return notFound(ctx);
      authorize(ctx.principal, 'desk.read', { desk: deskRef(desk) });
      const slotId = requireSlotId(desk.slot, slotParam!).id;
      const slot = await services.desks.slot(desk.id, slotId);
      const rundown = buildRundown(desk.slot, slotId, slot.members, await agencyNames(services));
      if (csv) return download(rundownCsv(rundown), 'text/csv; charset=utf-8', `rundown-${desk.id}-${slotId}.csv`);
      return page(200, renderRundownPrint(rundown, { csvHref: `/desks/${desk.id}/slots/${slotId}/rundown.csv`, generatedAt: formatVietnamDateTime(ctx.now.toISOString()) }));
    },
  },
];
