/**
 * The JSON API under /api/v1: the same actions as the pages, validated with
 * zod, errors as `{ "error": message }` with the right status. Described by
 * the OpenAPI document (openapi.ts) served at /api/v1/openapi.json.
 */
import { authorize, can } from '../../../shared/auth';
import type { Desk } from '../../../shared/desks/config';
import { nextSlot, requireSlotId } from '../../../shared/desks/slots';
import type { Story } from '../../../shared/stories/story';
import type { StoredEntry } from '../../../shared/store/desks-repo';
import { HttpError, json, jsonBody, validate } from '../http';
import type { Route, Services } from '../context';
import { openApiDocument } from '../openapi';
import { DESK_ID, STORY_ID, airtimeSchema, labelsSchema, queueFiltersSchema, toQueueQuery, transitionSchema } from './queries';

const deskRef = (desk: Desk) => ({ id: desk.id, editorRoles: desk.editorRoles });

function deskOrThrow(services: Services, id: string): Desk {
  const desk = services.desks.desks.find((candidate) => candidate.id === id);
  if (!desk) throw new HttpError(404, `no desk "${id}"`);
  return desk;
}

/** A story as the API shows it: the story without its raw-snapshot key, its desk entries and version. */
function storyJson(story: Story, entries: StoredEntry[]) {
  const { rawSnapshotKey, ...rest } = story;
  void rawSnapshotKey;
  return {
    ...rest,
    desks: Object.fromEntries(
      entries.map((entry) => [entry.desk, { status: entry.status, slot: entry.slot, rejectReason: entry.rejectReason, words: entry.words, seconds: entry.seconds, updatedAt: entry.updatedAt, updatedBy: entry.updatedBy }]),
    ),
  };
}

/** The JSON routes; the sign-in check has already run. */
export const apiRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/v1\/openapi\.json$/,
    handle: async () => json(200, openApiDocument()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/desks$/,
    async handle(ctx, _params, services) {
      const desks = services.desks.desks.filter((desk) => can(ctx.principal, 'desk.read', { desk: deskRef(desk) }));
      return json(200, { desks: desks.map((desk) => ({ ...desk, nextSlot: nextSlot(desk.slot, ctx.now) })) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/stories$/,
    async handle(ctx, _params, services) {
      const filters = validate(queueFiltersSchema, ctx.query, 'query');
      const deskId = ctx.query.desk;
      if (!deskId) {
        // Without a desk: the newest stories this caller may read (an agency user: its own).
        authorize(ctx.principal, 'stories.list', { agencyId: ctx.principal.agencyId });
        const newest = await services.stories.listNewest(filters.limit ?? 50, ctx.now);
        const visible = newest.filter((story) => can(ctx.principal, 'stories.read', { agencyIds: story.agencyIds }));
        return json(200, { stories: visible.map((story) => storyJson(story, [])), cursor: null });
      }
      const desk = deskOrThrow(services, deskId);
      authorize(ctx.principal, 'desk.read', { desk: deskRef(desk) });
      const page = await services.desks.queue(toQueueQuery(desk.id, filters));
      return json(200, { stories: page.rows, cursor: page.cursor });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/v1/stories/${STORY_ID}$`),
    async handle(ctx, [storyId], services) {
      const view = await services.desks.storyView(storyId!);
      if (!view) throw new HttpError(404, `no story with id ${storyId}`);
      authorize(ctx.principal, 'stories.read', { agencyIds: view.story.agencyIds });
      return json(200, { ...storyJson(view.story, view.entries), history: view.history });
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/api/v1/stories/${STORY_ID}/labels$`),
    async handle(ctx, [storyId], services) {
      authorize(ctx.principal, 'stories.label');
      const input = jsonBody(ctx.event, labelsSchema);
      const story = await services.desks.correctLabels({ storyId: storyId!, raw: { relevant: input.relevant, areas: input.areas }, version: input.version, by: ctx.principal.name, now: ctx.now });
      const view = await services.desks.storyView(story.id);
      return json(200, storyJson(view!.story, view!.entries));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/v1/stories/${STORY_ID}/transitions$`),
    async handle(ctx, [storyId], services) {
      const input = jsonBody(ctx.event, transitionSchema);
      const desk = deskOrThrow(services, input.desk);
      authorize(ctx.principal, 'desk.edit', { desk: deskRef(desk) });
      const { story, entry } = await services.desks.transition({
        storyId: storyId!,
        desk: desk.id,
        to: input.to,
        slot: input.slot ?? null,
        note: input.note ?? null,
        version: input.version,
        by: ctx.principal.name,
        now: ctx.now,
      });
      return json(200, { storyId: story.id, version: story.version, desk: desk.id, status: entry.status, slot: entry.slot });
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/api/v1/stories/${STORY_ID}/airtime$`),
    async handle(ctx, [storyId], services) {
      const input = jsonBody(ctx.event, airtimeSchema);
      const desk = deskOrThrow(services, input.desk);
      authorize(ctx.principal, 'desk.edit', { desk: deskRef(desk) });
      const entry = await services.desks.setAirtime({ storyId: storyId!, desk: desk.id, seconds: input.seconds, version: input.version, by: ctx.principal.name, now: ctx.now });
      const story = await services.stories.get(storyId!);
      return json(200, { storyId: entry.storyId, version: story?.version ?? null, desk: desk.id, seconds: entry.seconds });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/v1/desks/${DESK_ID}/slots/([0-9-]{7,10})$`),
    async handle(ctx, [deskId, slotParam], services) {
      const desk = deskOrThrow(services, deskId!);
      authorize(ctx.principal, 'desk.read', { desk: deskRef(desk) });
      const slot = await services.desks.slot(desk.id, requireSlotId(desk.slot, slotParam!).id);
      return json(200, slot);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/v1/desks/${DESK_ID}/slots/([0-9-]{7,10})/plan$`),
    async handle(ctx, [deskId, slotParam], services) {
      const desk = deskOrThrow(services, deskId!);
      authorize(ctx.principal, 'desk.plan', { desk: deskRef(desk) });
      const slotId = requireSlotId(desk.slot, slotParam!).id;
      const { plan } = await services.desks.plan(desk.id, slotId, ctx.now);
      return json(200, { desk: desk.id, slot: slotId, ...plan });
    },
  },
];
