/** The compliance pages and API (issue 5): the quarter view, an agency's history, Sở Nội vụ's counted marks. */
import * as z from 'zod';
import { agencyScope, authorize, can } from '../../../shared/auth';
import { countMarkInputSchema, saveCountMark } from '../../../shared/compliance/marks';
import { currentQuarter, nextQuarter, parseQuarter, PeriodError, previousQuarter, quarterState, quartersUpTo } from '../../../shared/compliance/periods';
import { KIND_ORDER } from '../../../shared/compliance/rules';
import { loadAgencyHistory, loadQuarterView } from '../../../shared/compliance/view';
import { html, layout } from '../../../shared/web/html';
import { renderAgencyHistoryPage, renderQuarterPage } from '../../../shared/web/pages/compliance';
import { complianceVi } from '../../../shared/web/strings-compliance';
import { HttpError, formOf, json, jsonBody, page, redirect, validate } from '../http';
import type { RequestContext, Route, Services } from '../context';
import { STORY_ID } from './queries';
import { storyForm } from './pages';

/** A quarter id in a path. */
const QUARTER = '(\\d{4}-Q[1-4])';
/** An agency id in a path. */
const AGENCY_ID = '([a-z0-9][a-z0-9-]{0,80})';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The quarter page's filters (GET form). */
export const quarterFiltersSchema = z.object({
  kind: z.preprocess(emptyToUndefined, z.enum(KIND_ORDER as [string, ...string[]]).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(['missing', 'lead_missing', 'met']).optional()),
});

function quarterOrThrow(text: string): string {
  try {
    return parseQuarter(text);
  } catch (error) {
    if (error instanceof PeriodError) throw new HttpError(400, error.message);
    throw error;
  }
}

const deps = (services: Services) => ({ stories: services.stories, sources: services.sources });

/** The rows this principal may read: everyone's for Sở Nội vụ and admins, its own for an agency user. */
function scopeOf(ctx: RequestContext): string | null {
  const scope = agencyScope(ctx.principal);
  authorize(ctx.principal, 'compliance.read', { agencyId: scope });
  return scope;
}

/** The mark's input from the story page's form. */
function markFromForm(ctx: RequestContext): unknown {
  const form = formOf(ctx.event);
  const version = form.get('version');
  if (form.get('clear') === 'true') return { clear: true, version };
  return { counted: form.get('counted') === 'true', reason: form.get('reason') ?? '', version };
}

export const complianceRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/compliance\/?$/,
    async handle(ctx) {
      scopeOf(ctx);
      return redirect(`/compliance/${currentQuarter(ctx.now)}`);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/compliance/${QUARTER}$`),
    async handle(ctx, [quarterParam], services) {
      const scope = scopeOf(ctx);
      const quarter = quarterOrThrow(quarterParam!);
      const filters = validate(quarterFiltersSchema, ctx.query, 'query');
      const view = await loadQuarterView(deps(services), quarter, ctx.now, { agencyId: scope, config: services.compliance });
      const next = nextQuarter(quarter);
      return page(
        200,
        renderQuarterPage({
          view,
          filters: { kind: (filters.kind as never) ?? null, status: filters.status ?? null },
          previous: previousQuarter(quarter),
          next: quarterState(next, ctx.now) === 'future' ? null : next,
          chrome: ctx.chrome,
        }),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/compliance/agencies/${AGENCY_ID}$`),
    async handle(ctx, [agencyId], services) {
      authorize(ctx.principal, 'compliance.read', { agencyId: agencyId! });
      const now = currentQuarter(ctx.now);
      const history = await loadAgencyHistory(deps(services), agencyId!, quartersUpTo(now, 8), ctx.now, { config: services.compliance });
      if (!history) return page(404, layout(complianceVi.notFoundAgency, html`<h1>${complianceVi.notFoundAgency}</h1>`, ctx.chrome));
      const from = /^\d{4}-Q[1-4]$/.test(ctx.query.from ?? '') ? ctx.query.from! : now;
      return page(
        200,
        renderAgencyHistoryPage({ history, target: services.compliance.yearlyTarget, backQuarter: from, chrome: ctx.chrome, canSeeOthers: can(ctx.principal, 'compliance.read', { agencyId: null }) }),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/v1/compliance/${QUARTER}$`),
    async handle(ctx, [quarterParam], services) {
      const scope = scopeOf(ctx);
      const quarter = quarterOrThrow(quarterParam!);
      const view = await loadQuarterView(deps(services), quarter, ctx.now, { agencyId: scope, config: services.compliance });
      return json(200, view);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/stories/${STORY_ID}/count$`),
    async handle(ctx, [storyId], services) {
      authorize(ctx.principal, 'compliance.mark');
      const raw = markFromForm(ctx);
      return storyForm(ctx, services, storyId!, ctx.query.desk ?? null, async () => {
        const input = validate(countMarkInputSchema, raw, 'form');
        await saveCountMark({ stories: services.stories, audit: services.desks.repo }, { storyId: storyId!, mark: input, by: ctx.principal.name, now: ctx.now });
      });
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/api/v1/stories/${STORY_ID}/count$`),
    async handle(ctx, [storyId], services) {
      authorize(ctx.principal, 'compliance.mark');
      const input = jsonBody(ctx.event, countMarkInputSchema);
      const story = await saveCountMark({ stories: services.stories, audit: services.desks.repo }, { storyId: storyId!, mark: input, by: ctx.principal.name, now: ctx.now });
      return json(200, { storyId: story.id, version: story.version, countMark: story.countMark ?? null, relevant: story.relevant ?? false });
    },
  },
];
