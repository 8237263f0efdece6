/**
 * Sources: the health list for whoever may read it (`sources.read`), and for
 * admins (`admin.sources`) each source's page with its actions, the add /
 * edit form, and the same as JSON under /api/v1. "Thử nguồn này" (the form's
 * test button and `POST /api/v1/sources/test`) is the source-preview
 * function's (functions/source-preview): it fetches and parses, which keeps
 * the parsers out of this function (issue 7).
 * The logic is shared/sources/; this file only reads forms and answers.
 */
import * as z from 'zod';
import { authorize, can } from '../../../shared/auth';
import { sourceSchema, type Source } from '../../../shared/config/schema';
import { type SourceAction } from '../../../shared/sources/source-service';
import { sourcesVi } from '../../../shared/sources/strings';
import { renderSourcesPage } from '../../../shared/web/pages/sources';
import { EMPTY_FORM, sourceFormValues, sourceInputOf, sourcePreviewPath } from '../../../shared/web/pages/source-admin';
import { clientErrorOf } from '../errors';
import { formOf, json, jsonBody, page, redirect, validate, type Result } from '../http';
import { newSourcePage as newPage, sourcePage } from './source-pages';
import type { Route } from '../context';

/** A source id in a path: the schema's slug. */
const SOURCE_ID = '([a-z0-9][a-z0-9-]{0,99})';

const ACTIONS = ['pause', 'resume', 'retry', 'repaired'] as const satisfies readonly SourceAction[];

/** `PUT /api/v1/sources/{id}`: the whole source and the version it was read at. */
export const sourceUpdateSchema = z.object({ source: sourceSchema, version: z.number().int().min(0) }).strict();
/** `POST /api/v1/sources/{id}/actions` and the page's action forms. */
export const sourceActionSchema = z.object({ action: z.enum(ACTIONS), version: z.coerce.number().int().min(0) }).strict();

/**
 * A test posted here (a page rendered before the test moved to its own
 * function, whose button has no `formaction`) is never taken for a save: 307
 * sends the browser to post the same form, token included, to the preview.
 */
const toPreview = (sourceId: string | null): Result => ({ ...redirect(sourcePreviewPath(sourceId)), statusCode: 307 });

const NOTICES: Record<string, string> = { saved: sourcesVi.saved, added: sourcesVi.added, retry: sourcesVi.retried, unchanged: sourcesVi.noChange };

/** A source as the API shows it. */
function sourceJson(entry: { record: { source: Source; health: unknown; storiesCreated: number }; version: number; updatedBy: string | null; updatedAt: string | null }) {
  return { source: entry.record.source, health: entry.record.health, storiesCreated: entry.record.storiesCreated, version: entry.version, updatedBy: entry.updatedBy, updatedAt: entry.updatedAt };
}

/** The source routes (pages, then JSON); the sign-in check has already run. */
export const sourceRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/sources$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'sources.read');
      const [all, agencies] = await Promise.all([services.sources.listAll(), services.agencies()]);
      return page(200, renderSourcesPage({ sources: all, agencyNames: new Map(agencies.map((a) => [a.id, a.name])), chrome: ctx.chrome, manage: can(ctx.principal, 'admin.sources') }));
    },
  },
  {
    method: 'GET',
    pattern: /^\/sources\/new$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'admin.sources');
      return newPage(ctx, services, 200, EMPTY_FORM);
    },
  },
  {
    method: 'POST',
    pattern: /^\/sources\/new$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'admin.sources');
      const form = formOf(ctx.event);
      const values = sourceFormValues(form);
      if (form.get('intent') === 'test') return toPreview(null);
      try {
        const source = await services.sourceAdmin.add(sourceInputOf(values), ctx.principal.name, ctx.now);
        return redirect(`/sources/${encodeURIComponent(source.id)}?notice=added`);
      } catch (error) {
        const refused = clientErrorOf(error);
        if (!refused || refused.status === 403) throw error;
        return newPage(ctx, services, refused.status, values, { error: refused.message });
      }
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/sources/${SOURCE_ID}$`),
    async handle(ctx, [sourceId], services) {
      authorize(ctx.principal, 'admin.sources');
      return sourcePage(ctx, services, sourceId!, 200, { notice: NOTICES[ctx.query.notice ?? ''] ?? null });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/sources/${SOURCE_ID}$`),
    async handle(ctx, [sourceId], services) {
      authorize(ctx.principal, 'admin.sources');
      const form = formOf(ctx.event);
      const values = { ...sourceFormValues(form), id: sourceId! };
      if (form.get('intent') === 'test') return toPreview(sourceId!);
      const version = Number(form.get('version'));
      try {
        const next = await services.sourceAdmin.edit(sourceId!, sourceInputOf(values), Number.isInteger(version) ? version : -1, ctx.principal.name, ctx.now);
        return redirect(`/sources/${encodeURIComponent(sourceId!)}?notice=${next === version ? 'unchanged' : 'saved'}`);
      } catch (error) {
        const refused = clientErrorOf(error);
        if (!refused || refused.status === 403 || refused.status === 404) throw error;
        return sourcePage(ctx, services, sourceId!, refused.status, { values, error: refused.message });
      }
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/sources/${SOURCE_ID}/actions$`),
    async handle(ctx, [sourceId], services) {
      authorize(ctx.principal, 'admin.sources');
      const form = formOf(ctx.event);
      const input = validate(sourceActionSchema, { action: form.get('action'), version: form.get('version') }, 'form');
      try {
        await services.sourceAdmin.act(sourceId!, input.action, input.version, ctx.principal.name, ctx.now);
        return redirect(`/sources/${encodeURIComponent(sourceId!)}?notice=${input.action === 'retry' ? 'retry' : 'saved'}`);
      } catch (error) {
        const refused = clientErrorOf(error);
        if (!refused || refused.status === 403 || refused.status === 404) throw error;
        return sourcePage(ctx, services, sourceId!, refused.status, { error: refused.message });
      }
    },
  },
  // JSON: the same actions, with the same checks.
  {
    method: 'GET',
    pattern: /^\/api\/v1\/sources$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'sources.read');
      return json(200, { sources: (await services.sourceAdmin.list()).map(sourceJson) });
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/v1\/sources$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'admin.sources');
      const input = jsonBody(ctx.event, sourceSchema);
      await services.sourceAdmin.add(input, ctx.principal.name, ctx.now);
      return json(201, sourceJson(await services.sourceAdmin.detail(input.id)));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/v1/sources/${SOURCE_ID}$`),
    async handle(ctx, [sourceId], services) {
      authorize(ctx.principal, 'admin.sources');
      const detail = await services.sourceAdmin.detail(sourceId!);
      return json(200, { ...sourceJson(detail), history: detail.history });
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/api/v1/sources/${SOURCE_ID}$`),
    async handle(ctx, [sourceId], services) {
      authorize(ctx.principal, 'admin.sources');
      const input = jsonBody(ctx.event, sourceUpdateSchema);
      await services.sourceAdmin.edit(sourceId!, input.source, input.version, ctx.principal.name, ctx.now);
      return json(200, sourceJson(await services.sourceAdmin.detail(sourceId!)));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/v1/sources/${SOURCE_ID}/actions$`),
    async handle(ctx, [sourceId], services) {
      authorize(ctx.principal, 'admin.sources');
      const input = jsonBody(ctx.event, sourceActionSchema);
      await services.sourceAdmin.act(sourceId!, input.action, input.version, ctx.principal.name, ctx.now);
      return json(200, sourceJson(await services.sourceAdmin.detail(sourceId!)));
    },
  },
];
