/**
 * The agency registry (issue 8), for admins and Sở Nội vụ: the list, an
 * agency's form and history, and changes that are always previewed against
 * the quarter rules before they are saved (the save button comes with the
 * preview, and the server saves only the change that was previewed).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { authorize } from '../../../shared/auth';
import type { Agency } from '../../../shared/config/schema';
import { AgencyAdmin, agencyInputFromForm } from '../../../shared/agencies/service';
import { AgencyConflictError, AgencyExistsError, AgencyRegistry, type StoredAgency } from '../../../shared/agencies/registry';
import { AgencyValidationError } from '../../../shared/agencies/validate';
import { renderAgencyFormPage, renderAgencyListPage, type AgencyFormState } from '../../../shared/web/pages/agencies';
import { agenciesVi } from '../../../shared/web/strings-admin';
import { formatVietnamDateTime, html, layout } from '../../../shared/web/html';
import { vietnamDate } from '../../../shared/time/vietnam';
import { formOf, page, redirect, type Result } from '../http';
import type { RequestContext, Route, Services } from '../context';

/** An agency id in a path. */
const AGENCY_ID = '([a-z0-9][a-z0-9-]{0,63})';

const versionSchema = z.coerce.number().int().min(0).max(1_000_000_000);

const parts = (services: Services) => {
  const registry = new AgencyRegistry(services.clients);
  return { registry, admin: new AgencyAdmin(registry, services.stories) };
};

/** What the "confirm" field must echo: the very change (and version) that was previewed. */
export function changeFingerprint(agency: Agency, version: number | null): string {
  return createHash('sha256').update(JSON.stringify({ agency, version })).digest('base64url');
}

const csrfOf = (ctx: RequestContext) => ctx.session?.csrfToken ?? null;

async function formPage(ctx: RequestContext, services: Services, status: number, state: Omit<AgencyFormState, 'agencies' | 'csrfToken' | 'chrome' | 'history'>): Promise<Result> {
  const { registry } = parts(services);
  const [all, history] = await Promise.all([registry.list(), state.stored ? registry.history(state.stored.agency.id) : Promise.resolve(undefined)]);
  return page(status, renderAgencyFormPage({ ...state, agencies: all.map((entry) => entry.agency), ...(history ? { history } : {}), csrfToken: csrfOf(ctx), chrome: ctx.chrome }));
}

const notFound = (ctx: RequestContext) =>
  page(404, layout(agenciesVi.notFound, html`<h1>${agenciesVi.notFound}</h1><p><a href="/agencies">${agenciesVi.back}</a></p>`, ctx.chrome));

/** A posted change: preview it, or save it when it is the change that was previewed. */
async function change(ctx: RequestContext, services: Services, agencyId: string | null): Promise<Result> {
  authorize(ctx.principal, 'admin.agencies');
  const { registry, admin } = parts(services);
  const form = formOf(ctx.event);
  const stored: StoredAgency | null = agencyId ? ((await registry.get(agencyId)) ?? null) : null;
  if (agencyId && !stored) return notFound(ctx);
  const values = agencyInputFromForm(form, agencyId ?? undefined);
  let version: number | null = null;
  if (stored) {
    const parsed = versionSchema.safeParse(form.get('version'));
    if (!parsed.success) return formPage(ctx, services, 400, { stored, values, error: agenciesVi.validation.badVersion });
    version = parsed.data;
  }
  try {
    const previewed = await admin.preview({ input: values, version }, ctx.now);
    const confirm = changeFingerprint(previewed.agency, version);
    if (form.get('intent') === 'save' && form.get('confirm') === confirm) {
      const saved = await admin.save({ input: values, version }, { userId: ctx.principal.userId, name: ctx.principal.name }, ctx.now);
      services.forgetAgencies();
      return redirect(`/agencies/${saved.agency.id}?${stored ? 'saved' : 'created'}=1`);
    }
    // Asked for a preview, or the form changed since the preview: show (again) what saving would do.
    return formPage(ctx, services, 200, { stored, values, preview: { effect: previewed.effect, confirm } });
  } catch (error) {
    if (error instanceof AgencyValidationError) return formPage(ctx, services, 400, { stored, values, issues: error.issues });
    if (error instanceof AgencyConflictError) {
      const message = agenciesVi.conflict(error.changedBy ?? 'người khác', formatVietnamDateTime(error.changedAt) || 'vừa rồi');
      return formPage(ctx, services, 409, { stored: (await registry.get(agencyId!)) ?? stored, values, error: message });
    }
    if (error instanceof AgencyExistsError) return formPage(ctx, services, 409, { stored, values, error: agenciesVi.exists(String(values.id)) });
    throw error;
  }
}

/** Registered in handler.ts before the general page routes. */
export const agencyRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/agencies\/?$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'admin.agencies');
      const agencies = await parts(services).registry.list();
      return page(200, renderAgencyListPage({ agencies, chrome: ctx.chrome }));
    },
  },
  {
    method: 'GET',
    pattern: /^\/agencies\/new$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'admin.agencies');
      return formPage(ctx, services, 200, { stored: null, values: { kind: 'department', validFrom: vietnamDate(ctx.now), leadAreas: [] } });
    },
  },
  {
    method: 'POST',
    pattern: /^\/agencies\/?$/,
    handle: (ctx, _params, services) => change(ctx, services, null),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/agencies/${AGENCY_ID}$`),
    async handle(ctx, [id], services) {
      authorize(ctx.principal, 'admin.agencies');
      const stored = await parts(services).registry.get(id!);
      if (!stored) return notFound(ctx);
      const notice = ctx.query.saved ? agenciesVi.saved : ctx.query.created ? agenciesVi.created : null;
      return formPage(ctx, services, 200, { stored, values: { ...stored.agency }, notice });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/agencies/${AGENCY_ID}$`),
    handle: (ctx, [id], services) => change(ctx, services, id!),
  },
];
