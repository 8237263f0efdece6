import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { awsTableClients, type AwsClients } from '../../shared/store/table-clients';
import { SourcesRepository, lastCycle } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { healthReport } from '../../shared/collect/health-report';
import { COLLECT_SCHEDULE } from '../../shared/schedules';
import { layout, html, type PageChrome } from '../../shared/web/html';
import { pageChrome } from '../../shared/web/chrome';
import { vi } from '../../shared/web/strings';
import { createLogger } from '../../shared/observability/logger';
import { environment } from '../../shared/env';
import type { Desk } from '../../shared/desks/config';
import { createDeskService, parseDesksJson } from '../../shared/desks/create';
import {
  AUTH_PATHS,
  CSRF_FIELD,
  cognitoConfigFromEnvironment,
  ForbiddenError,
  authVi,
  checkStateChange,
  createAuthenticator,
  type CognitoConfig,
  type LocalUser,
  type Principal,
} from '../../shared/auth';
import { clientErrorOf } from './errors';
import { DEFAULT_COMPLIANCE_CONFIG, type ComplianceConfig } from '../../shared/compliance/config';
import { formOf, json, page, queryOf, redirect, type Result } from './http';
import { compressed } from './compress';
import type { RequestContext, Route, Services } from './context';
import { handleAuthRoute, signOut } from './routes/auth';
import { pageRoutes } from './routes/pages';
import { apiRoutes } from './routes/api-v1';
import { complianceRoutes } from './routes/compliance';
import { submissionRoutes } from './routes/submissions';
import { SubmissionService, unconfiguredMailer } from '../../shared/submissions/service';
import type { Mailer } from '../../shared/mail/mailer';
import { cognitoDirectoryOnFirstUse } from '../../shared/users/cognito-on-first-use';
import { sesMailerOnFirstUse } from '../../shared/mail/ses-on-first-use';
import { outboxRoutes } from './routes/outbox';
import { digestRoutes, handleDigestUnsubscribe } from './routes/digests';
import { agencyRoutes } from './routes/agencies';
import { handleSetPassword, userRoutes } from './routes/users';
import { tokenRoutes } from './routes/tokens';
import { LocalUserStore } from '../../shared/users/local-directory';
import { UserAdmin } from '../../shared/users/service';
import type { UserDirectory } from '../../shared/users/directory';
import { ApiTokenStore, SessionStore } from '../../shared/auth';
import { sourceRoutes } from './routes/sources';
import { SourceService } from '../../shared/sources/source-service';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';

/**
 * The classifier (its 150 KB model and its lexicon) is needed only when an
 * agency submits a story: imported on the first submit, it stays out of the
 * cold start of every page and API call.
 */
const loadClassifier = () => import('../../shared/stories/default-classifier').then((module) => module.defaultClassifier);

const logger = createLogger('api');

/** Agencies change rarely; a warm function re-reads them every few minutes. */
const AGENCIES_TTL_MS = 5 * 60_000;

const ROUTES: Route[] = [...sourceRoutes, ...apiRoutes, ...complianceRoutes, ...submissionRoutes, ...outboxRoutes, ...digestRoutes, ...agencyRoutes, ...userRoutes, ...tokenRoutes, ...pageRoutes];

/** What the api function is built from (the local runtime passes its own). */
export interface ApiDeps {
  clients: AwsClients;
  now?: () => Date;
  desks?: readonly Desk[];
  /** Local sign-in users (the configuration's `users`); absent in AWS. */
  users?: readonly LocalUser[];
  /** The user pool, in AWS. */
  cognito?: CognitoConfig;
  /** Where `/users` manages users: Cognito in AWS; absent means the local user store in the table, seeded from `users`. */
  userDirectory?: UserDirectory;
  /** The configuration's `compliance` section (default: 10 a year, reminders at 21 and 7 days). */
  compliance?: ComplianceConfig;
  /** `Secure` on cookies (default true; browsers accept it on http://127.0.0.1 and localhost). */
  secureCookies?: boolean;
  /** Sends the product's e-mail (submission receipts); without one, receipts are not mailed (and retried on the next submit). */
  mailer?: Mailer;
  /** The product's base URL for links in e-mails. */
  appUrl?: string;
}

function chromeFor(principal: Principal, services: Services, csrfToken: string | null): PageChrome {
  return pageChrome(principal, services.desks.desks, csrfToken);
}

/** Builds the api handler: sign-in first, then pages and JSON, over explicit dependencies. */
export function createApiHandler(deps: ApiDeps) {
  const now = deps.now ?? (() => new Date());
  const stories = new StoriesRepository(deps.clients);
  const sources = new SourcesRepository(deps.clients);
  let agencyCache: { at: number; list: { id: string; name: string; kind: string }[] } | undefined;
  const desks = createDeskService(deps.clients, deps.desks ?? [], now);
  // Local users live in the table (seeded from the configuration on first use) unless a directory (Cognito) is given.
  const localUsers = deps.userDirectory ? null : new LocalUserStore(deps.clients, deps.users ?? []);
  const services: Services = {
    clients: deps.clients,
    stories,
    sources,
    desks,
    submissions: new SubmissionService({ clients: deps.clients, stories, desks, classifier: loadClassifier, mailer: deps.mailer ?? unconfiguredMailer, appUrl: deps.appUrl ?? null }),
    auth: createAuthenticator({
      clients: deps.clients,
      ...(deps.users ? { users: deps.users } : {}),
      ...(localUsers ? { findUser: (id: string) => localUsers.findForSignIn(id) } : {}),
      ...(deps.cognito ? { cognito: deps.cognito } : {}),
      secureCookies: deps.secureCookies ?? true,
    }),
    compliance: deps.compliance ?? DEFAULT_COMPLIANCE_CONFIG,
    localUsers,
    users: new UserAdmin({
      directory: deps.userDirectory ?? localUsers!,
      sessions: new SessionStore(deps.clients),
      tokens: new ApiTokenStore(deps.clients),
      agencyExists: async (agencyId) => (await sources.listAgencies()).some((agency) => agency.id === agencyId),
    }),
    sourceAdmin: new SourceService(new SourceAdminRepository(deps.clients), async () => (await sources.listAgencies()).map((agency) => agency.id)),
    forgetAgencies() {
      agencyCache = undefined;
    },
    async agencies() {
      const at = now().getTime();
      if (!agencyCache || at - agencyCache.at > AGENCIES_TTL_MS) {
        agencyCache = { at, list: (await sources.listAgencies()).map((agency) => ({ id: agency.id, name: agency.name, kind: agency.kind })) };
      }
      return agencyCache.list;
    },
  };

  const health = async (): Promise<Result> => {
    const [all, cycle] = await Promise.all([sources.listAll(), lastCycle(deps.clients)]);
    const count = all.reduce((sum, record) => sum + record.storiesCreated, 0);
    return json(200, healthReport({ stories: count, sources: all, lastCycleAt: cycle?.finishedAt ?? null, intervalMinutes: COLLECT_SCHEDULE.intervalMinutes, now: now() }));
  };

  const refuse = (isApi: boolean, status: number, message: string, chrome?: PageChrome, extra: Record<string, unknown> = {}): Result =>
    isApi ? json(status, { error: message, ...extra }) : page(status, layout(message, html`<h1>${message}</h1><p><a href="/">${vi.story.back}</a></p>`, chrome));

  const respond = async (event: APIGatewayProxyEventV2): Promise<Result> => {
    const method = event.requestContext.http.method;
    const path = event.rawPath || '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    const at = now();
    let chrome: PageChrome | undefined;
    try {
      if (path === '/health' && method === 'GET') return await health();
      // The digest's unsubscribe page and one-click target: public, the token is the proof.
      if (path === '/digests/unsubscribe') return (await handleDigestUnsubscribe(event, deps.clients, at)) ?? refuse(isApi, 405, vi.notFound);
      // A local user's one-time set-password link: public, the link's token is the proof.
      const setPassword = isApi ? null : await handleSetPassword(event, services, at);
      if (setPassword) return setPassword;
      const authRoute = isApi ? null : await handleAuthRoute(event, services, at);
      if (authRoute) return authRoute;

      // The sign-in check comes before routing and validation: anonymous
      // callers learn nothing, not even which paths exist.
      const auth = await services.auth.authenticate({ headers: event.headers ?? {}, ...(event.cookies ? { cookies: event.cookies } : {}) }, at);
      if (!auth) {
        if (isApi) return json(401, { error: authVi.errors.unauthenticatedApi });
        const next = method === 'GET' ? `${path}${event.rawQueryString ? `?${event.rawQueryString}` : ''}` : '/';
        return redirect(`${AUTH_PATHS.signIn}?next=${encodeURIComponent(next)}`);
      }
      const csrfToken = auth.session?.csrfToken ?? null;
      chrome = chromeFor(auth.principal, services, csrfToken);
      const isForm = (event.headers?.['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const stateChange = checkStateChange({
        method,
        headers: event.headers ?? {},
        via: auth.principal.via,
        session: auth.session ?? null,
        submittedToken: isForm && method !== 'GET' ? (formOf(event).get(CSRF_FIELD) ?? undefined) : undefined,
      });
      if (!stateChange.ok) {
        logger.warn('state change refused', { reason: stateChange.reason, path });
        return refuse(isApi, 403, vi.forbidden, chrome);
      }
      if (path === AUTH_PATHS.signOut && method === 'POST') return await signOut(event, services);

      const ctx: RequestContext = { event, method, path, query: queryOf(event), now: at, principal: auth.principal, session: auth.session ?? null, chrome };
      for (const route of ROUTES) {
        const match = route.pattern.exec(path);
        if (match && route.method === method) return await route.handle(ctx, match.slice(1), services);
      }
      return refuse(isApi, 404, isApi ? 'not found' : vi.notFound, chrome);
    } catch (error) {
      const refused = clientErrorOf(error);
      if (refused) {
        if (error instanceof ForbiddenError) logger.warn('forbidden', { detail: error.detail, path });
        return refuse(isApi, refused.status, refused.status === 403 ? vi.forbidden : refused.message, chrome, refused.conflict ?? {});
      }
      logger.error('request failed', { path, error: error as Error });
      return refuse(isApi, 500, isApi ? 'internal error' : vi.serverError, chrome);
    }
  };
  return async (event: APIGatewayProxyEventV2): Promise<Result> => compressed(event, await respond(event));
}

let defaultHandler: ReturnType<typeof createApiHandler> | undefined;

/** The Lambda entry point behind the HTTP API. */
export const handler = (event: APIGatewayProxyEventV2): Promise<Result> => {
  if (!defaultHandler) {
    const env = environment();
    const cognito = cognitoConfigFromEnvironment(env, event.requestContext.domainName);
    // The table's clients: the S3 client loads with the first request that touches the bucket (an attachment, an archived digest).
    const clients = awsTableClients();
    // Receipts of direct submissions go out through SES as the stack's sender identity.
    const mailer = env.CCHC_MAIL_SENDER ? sesMailerOnFirstUse(env.AWS_REGION, clients, env.CCHC_MAIL_SENDER) : undefined;
    defaultHandler = createApiHandler({
      clients,
      desks: parseDesksJson(env.CCHC_DESKS),
      ...(env.CCHC_YEARLY_TARGET ? { compliance: { ...DEFAULT_COMPLIANCE_CONFIG, yearlyTarget: env.CCHC_YEARLY_TARGET } } : {}),
      ...(cognito ? { cognito, userDirectory: cognitoDirectoryOnFirstUse(env.AWS_REGION, cognito.userPoolId) } : {}),
      ...(mailer ? { mailer } : {}),
      ...(env.CCHC_APP_URL ? { appUrl: env.CCHC_APP_URL.replace(/\/$/, '') } : {}),
    });
  }
  return defaultHandler(event);
};
