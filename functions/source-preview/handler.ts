/**
 * The source-preview function: "Thử nguồn này" (test this source). It
 * fetches the source's page now, through the collector's polite fetcher,
 * and shows what collection would extract — so it carries the parsers
 * (cheerio, the feed parser), which is why it is a Lambda of its own and the
 * api function's bundle has none (issue 7).
 *
 * * `POST /sources-preview/new` and `POST /sources-preview/{id}`: the add /
 *   edit form's test button (`formaction`), answered with the same page as
 *   the api function's, with the test's result; nothing is saved.
 * * `GET` on those paths (a reload, a copied address): back to the form.
 * * `POST /api/v1/sources/test`: the same as JSON (API Gateway routes that
 *   one path here; the OpenAPI document of the api function describes it).
 *
 * The same checks as the api function, in the same order: sign-in first
 * (anonymous callers learn nothing), the CSRF token and same-origin check of
 * a session's form post, then `admin.sources` and zod validation. Reads the
 * table (sessions, tokens, agencies, the source and its history); writes
 * nothing.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AUTH_PATHS, CSRF_FIELD, authVi, authorize, checkStateChange, cognitoConfigFromEnvironment, createAuthenticator, ForbiddenError, type CognitoConfig, type LocalUser } from '../../shared/auth';
import { createFetcher, type Fetcher } from '../../shared/collect/fetch/fetcher';
import { sourceSchema } from '../../shared/config/schema';
import type { Desk } from '../../shared/desks/config';
import { parseDesksJson } from '../../shared/desks/create';
import { environment } from '../../shared/env';
import { createLogger } from '../../shared/observability/logger';
import { SourceService, validateSourceInput } from '../../shared/sources/source-service';
import type { SourceTestResult } from '../../shared/sources/test-source';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { awsTableClients, type AwsClients } from '../../shared/store/table-clients';
import { pageChrome } from '../../shared/web/chrome';
import { html, layout, type PageChrome } from '../../shared/web/html';
import { SOURCE_PREVIEW_PREFIX, sourceFormValues, sourceInputOf, type SourceFormValues } from '../../shared/web/pages/source-admin';
import { vi } from '../../shared/web/strings';
import { clientErrorOf } from '../api/errors';
import { formOf, json, jsonBody, page, redirect, type Result } from '../api/http';
import { newSourcePage, sourcePage, type SourcePageData, type SourcePageViewer } from '../api/routes/source-pages';

/**
 * The parsers (test-source.ts and its extractors), imported on the first
 * test: opening the page, its form and the source's health need none, and
 * their cold start should not compile them (issue 7).
 */
const testSource = async (...args: Parameters<typeof import('../../shared/sources/test-source').testSource>) =>
  (await import('../../shared/sources/test-source')).testSource(...args);

const logger = createLogger('source-preview');

export { SOURCE_PREVIEW_PREFIX };

/** The JSON test, at its public path (API Gateway routes exactly `POST` on it here). */
export const SOURCE_TEST_API_PATH = '/api/v1/sources/test';

/**
 * The routes of the HTTP API that lead here, for the local server's
 * routeByPrefix (infra/local/http-server.ts); infra/constructs/api.ts adds
 * the same two to API Gateway.
 */
export function sourcePreviewRoutes<H>(handler: H): [{ prefix: string; handler: H }, { method: 'POST'; path: string; handler: H }] {
  return [
    { prefix: SOURCE_PREVIEW_PREFIX, handler },
    { method: 'POST', path: SOURCE_TEST_API_PATH, handler },
  ];
}

/** The form's preview paths: `new`, or a source id (the schema's slug). */
const FORM_PATH = /^\/sources-preview\/(new|[a-z0-9][a-z0-9-]{0,99})$/;

/** What the source-preview function is built from (the local runtime passes its own). */
export interface SourcePreviewDeps {
  clients: AwsClients;
  now?: () => Date;
  /** The desks, for the page's navigation (`CCHC_DESKS` in AWS). */
  desks?: readonly Desk[];
  /** Local sign-in users (the configuration's `users`); absent in AWS. */
  users?: readonly LocalUser[];
  /** The user pool, in AWS. */
  cognito?: CognitoConfig;
  /** `Secure` on cookies (default true). */
  secureCookies?: boolean;
  /** The polite fetcher (the local runtime passes its collector's, so pacing and robots.txt are shared). */
  fetcher?: Pick<Fetcher, 'fetch'>;
}

/** Builds the source-preview handler over explicit dependencies. */
export function createSourcePreviewHandler(deps: SourcePreviewDeps) {
  const now = deps.now ?? (() => new Date());
  const desks = deps.desks ?? [];
  // The same authenticator as the api and exports functions (it only reads sessions and tokens).
  const auth = createAuthenticator({
    clients: deps.clients,
    ...(deps.users ? { users: deps.users } : {}),
    ...(deps.cognito ? { cognito: deps.cognito } : {}),
    secureCookies: deps.secureCookies ?? true,
  });
  const sources = new SourcesRepository(deps.clients);
  const data: SourcePageData = {
    agencies: async () => (await sources.listAgencies()).map(({ id, name }) => ({ id, name })),
    sourceAdmin: new SourceService(new SourceAdminRepository(deps.clients), async () => (await sources.listAgencies()).map((agency) => agency.id)),
  };
  // This function runs 15 s: a test fetch gets a shorter timeout than collection's 15 s, the other limits the same.
  const fetcher = deps.fetcher ?? createFetcher({ contactUrl: environment().CCHC_CONTACT_URL, timeoutMs: 5_000 });

  /** Validated first, then fetched; never saved. A source the admin must fix is the page's error, not a fetch. */
  const runTest = async (values: SourceFormValues, at: Date): Promise<{ test: SourceTestResult | null; error: string | null }> => {
    let source;
    try {
      source = validateSourceInput(sourceInputOf(values));
    } catch (error) {
      const refused = clientErrorOf(error);
      if (!refused) throw error;
      return { test: null, error: refused.message };
    }
    return { test: await testSource({ fetcher, now: () => at }, source), error: null };
  };

  const refuse = (isApi: boolean, status: number, message: string, chrome?: PageChrome): Result =>
    isApi ? json(status, { error: message }) : page(status, layout(message, html`<h1>${message}</h1><p><a href="/sources">${vi.story.back}</a></p>`, chrome));

  return async (event: APIGatewayProxyEventV2): Promise<Result> => {
    const method = event.requestContext.http.method;
    const path = event.rawPath || '/';
    const isApi = path === SOURCE_TEST_API_PATH;
    const at = now();
    let chrome: PageChrome | undefined;
    try {
      // Sign-in before routing and validation, as in the api function.
      const signedIn = await auth.authenticate({ headers: event.headers ?? {}, ...(event.cookies ? { cookies: event.cookies } : {}) }, at);
      if (!signedIn) {
        if (isApi) return json(401, { error: authVi.errors.unauthenticatedApi });
        const next = method === 'GET' ? `${path}${event.rawQueryString ? `?${event.rawQueryString}` : ''}` : '/';
        return redirect(`${AUTH_PATHS.signIn}?next=${encodeURIComponent(next)}`);
      }
      const session = signedIn.session ?? null;
      chrome = pageChrome(signedIn.principal, desks, session?.csrfToken ?? null);
      const isForm = (event.headers?.['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const stateChange = checkStateChange({
        method,
        headers: event.headers ?? {},
        via: signedIn.principal.via,
        session,
        submittedToken: isForm && method !== 'GET' ? (formOf(event).get(CSRF_FIELD) ?? undefined) : undefined,
      });
      if (!stateChange.ok) {
        logger.warn('state change refused', { reason: stateChange.reason, path });
        return refuse(isApi, 403, vi.forbidden, chrome);
      }
      authorize(signedIn.principal, 'admin.sources');

      if (isApi) {
        if (method !== 'POST') return refuse(true, 404, 'not found');
        const input = jsonBody(event, sourceSchema);
        return json(200, await testSource({ fetcher, now: () => at }, validateSourceInput(input)));
      }
      const match = FORM_PATH.exec(path);
      if (!match) return refuse(false, 404, vi.notFound, chrome);
      const target = match[1]!;
      if (method === 'GET') return redirect(`/sources/${target}`);
      if (method !== 'POST') return refuse(false, 404, vi.notFound, chrome);
      const viewer: SourcePageViewer = { chrome, session };
      const form = formOf(event);
      if (target === 'new') {
        const values = sourceFormValues(form);
        const { test, error } = await runTest(values, at);
        return await newSourcePage(viewer, data, error ? 400 : 200, values, { test, error });
      }
      // The source must exist (404 otherwise); its id is the path's, whatever the form says.
      const values = { ...sourceFormValues(form), id: target };
      await data.sourceAdmin.detail(target);
      const { test, error } = await runTest(values, at);
      return await sourcePage(viewer, data, target, error ? 400 : 200, { values, test, error, notice: null });
    } catch (error) {
      const refused = clientErrorOf(error);
      if (refused) {
        if (error instanceof ForbiddenError) logger.warn('forbidden', { detail: error.detail, path });
        return refuse(isApi, refused.status, refused.status === 403 ? vi.forbidden : refused.message, chrome);
      }
      logger.error('source preview failed', { path, error: error as Error });
      return refuse(isApi, 500, isApi ? 'internal error' : vi.serverError, chrome);
    }
  };
}

let defaultHandler: ReturnType<typeof createSourcePreviewHandler> | undefined;

/** The Lambda entry point behind `/sources-preview/{proxy+}` and `POST /api/v1/sources/test`. */
export const handler = (event: APIGatewayProxyEventV2): Promise<Result> => {
  if (!defaultHandler) {
    const env = environment();
    const cognito = cognitoConfigFromEnvironment(env, event.requestContext.domainName);
    defaultHandler = createSourcePreviewHandler({ clients: awsTableClients(), desks: parseDesksJson(env.CCHC_DESKS), ...(cognito ? { cognito } : {}) });
  }
  return defaultHandler(event);
};
