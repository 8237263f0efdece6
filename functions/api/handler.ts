import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { awsClients, type AwsClients } from '../../shared/store/clients';
import { SourcesRepository, lastCycle } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { healthReport } from '../../shared/collect/health-report';
import { COLLECT_SCHEDULE } from '../../shared/schedules';
import { renderStoriesPage, renderStoryPage } from '../../shared/web/pages/stories';
import { renderSourcesPage } from '../../shared/web/pages/sources';
import { layout, html } from '../../shared/web/html';
import { vi } from '../../shared/web/strings';
import { createLogger } from '../../shared/observability/logger';

const logger = createLogger('api');

type Result = APIGatewayProxyStructuredResultV2;

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const page = (status: number, body: string): Result => ({
  statusCode: status,
  headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS },
  body,
});
const json = (status: number, body: unknown): Result => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS },
  body: JSON.stringify(body),
});

/** Builds the api handler: server-rendered Vietnamese pages and JSON, over explicit dependencies. */
export function createApiHandler(deps: { clients: AwsClients; now?: () => Date }) {
  const sources = new SourcesRepository(deps.clients);
  const stories = new StoriesRepository(deps.clients);
  const now = deps.now ?? (() => new Date());
  const agencyNames = async () => new Map((await sources.listAgencies()).map((a) => [a.id, a.name]));

  const routes: { method: string; pattern: RegExp; handle: (match: RegExpExecArray) => Promise<Result> }[] = [
    {
      method: 'GET',
      pattern: /^\/health$/,
      handle: async () => {
        const [all, cycle] = await Promise.all([sources.listAll(), lastCycle(deps.clients)]);
        const count = all.reduce((sum, record) => sum + record.storiesCreated, 0);
        return json(
          200,
          healthReport({ stories: count, sources: all, lastCycleAt: cycle?.finishedAt ?? null, intervalMinutes: COLLECT_SCHEDULE.intervalMinutes, now: now() }),
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/$/,
      handle: async () => {
        const [newest, all, names, cycle] = await Promise.all([stories.listNewest(100, now()), sources.listAll(), agencyNames(), lastCycle(deps.clients)]);
        const total = all.reduce((sum, record) => sum + record.storiesCreated, 0);
        return page(200, renderStoriesPage({ stories: newest, total, agencyNames: names, lastCycleAt: cycle?.finishedAt ?? null }));
      },
    },
    {
      method: 'GET',
      pattern: /^\/stories\/([A-Za-z0-9_-]{1,64})$/,
      handle: async (match) => {
        const story = await stories.get(match[1]!);
        if (!story) return page(404, layout(vi.story.notFound, html`<h1>${vi.story.notFound}</h1><p><a href="/">${vi.story.back}</a></p>`));
        return page(200, renderStoryPage(story, await agencyNames()));
      },
    },
    {
      method: 'GET',
      pattern: /^\/sources$/,
      handle: async () => {
        const [all, names] = await Promise.all([sources.listAll(), agencyNames()]);
        return page(200, renderSourcesPage({ sources: all, agencyNames: names }));
      },
    },
  ];

  return async (event: APIGatewayProxyEventV2): Promise<Result> => {
    const method = event.requestContext.http.method;
    const path = event.rawPath || '/';
    try {
      for (const route of routes) {
        const match = route.pattern.exec(path);
        if (match && route.method === method) return await route.handle(match);
      }
      if (path.startsWith('/api/')) return json(404, { error: 'not found' });
      return page(404, layout(vi.notFound, html`<h1>${vi.notFound}</h1>`));
    } catch (error) {
      logger.error('request failed', { path, error: error as Error });
      if (path === '/health' || path.startsWith('/api/')) return json(500, { error: 'internal error' });
      return page(500, layout(vi.serverError, html`<h1>${vi.serverError}</h1>`));
    }
  };
}

let defaultHandler: ReturnType<typeof createApiHandler> | undefined;

/** The Lambda entry point behind the HTTP API. */
export const handler = (event: APIGatewayProxyEventV2): Promise<Result> => {
  defaultHandler ??= createApiHandler({ clients: awsClients() });
  return defaultHandler(event);
};
