/**
 * Every role against every action, through HTTP: pages with a browser
 * session (cookie + CSRF token), the JSON API with Bearer tokens. Writes are
 * sent with a stale version, so an allowed write answers 409 (and changes
 * nothing) while a refused one answers 403 before the version is looked at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { freshStores } from '../support/stores';
import { signIn, type TestSession } from '../support/session';
import { startApiServer } from '../../infra/local/http-server';
import { createApiHandler } from '../../functions/api/handler';
import { parseConfig } from '../../shared/config/load';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { createDeskService } from '../../shared/desks/create';
import { ApiTokenStore, type Role } from '../../shared/auth';
import { toStory, withMachineLabel } from '../../shared/stories/story';
import { DEMO_PASSWORDS, DEMO_USERS } from '../../infra/demo/users';

const config = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));
const now = new Date('2026-12-01T03:00:00Z');

type Outcome = 'allowed' | 'forbidden';
const ROLE_USER: Record<Role, (typeof DEMO_USERS)[number]['id']> = {
  'editor-newspaper': 'bao',
  'editor-tv': 'truyenhinh',
  'home-affairs': 'noivu',
  agency: 'sotuphap',
  admin: 'quantri',
};
const A: Outcome = 'allowed';
const F: Outcome = 'forbidden';

/**
 * The expected table, written from the issue (not from the policy code):
 * columns are editor-newspaper, editor-tv, home-affairs, agency (so-tu-phap), admin.
 * `own` is a story of Sở Tư pháp, `other` one of Sở Nội vụ.
 */
const TABLE: { action: string; expect: [Outcome, Outcome, Outcome, Outcome, Outcome] }[] = [
  { action: 'GET / (story list)', expect: [A, A, A, A, A] },
  { action: 'GET /stories/own', expect: [A, A, A, A, A] },
  { action: 'GET /stories/other', expect: [A, A, A, F, A] },
  { action: 'GET /desks/newspaper', expect: [A, A, A, F, A] },
  { action: 'GET /desks/tv', expect: [A, A, A, F, A] },
  { action: 'GET /desks/newspaper/plan', expect: [A, F, F, F, A] },
  { action: 'GET /desks/tv/plan', expect: [F, A, F, F, A] },
  { action: 'POST newspaper transition', expect: [A, F, F, F, A] },
  { action: 'POST tv transition', expect: [F, A, F, F, A] },
  { action: 'POST labels', expect: [A, A, A, F, A] },
  { action: 'GET /sources', expect: [A, A, A, F, A] },
  { action: 'API GET stories?desk=newspaper', expect: [A, A, A, F, A] },
  { action: 'API GET stories/other', expect: [A, A, A, F, A] },
  { action: 'API GET stories/own', expect: [A, A, A, A, A] },
  { action: 'API PUT labels', expect: [A, A, A, F, A] },
  { action: 'API POST newspaper transition', expect: [A, F, F, F, A] },
  { action: 'API POST tv transition', expect: [F, A, F, F, A] },
];

describe('authorisation: every role against every action', () => {
  let api: Awaited<ReturnType<typeof startApiServer>>;
  const sessions = new Map<Role, TestSession>();
  const tokens = new Map<Role, string>();
  const ids = { own: '', other: '' };

  beforeAll(async () => {
    const clients = await freshStores();
    const sources = new SourcesRepository(clients);
    for (const agency of config.agencies) await sources.putAgency(agency);
    const stories = new StoriesRepository(clients);
    const desks = createDeskService(clients, config.desks ?? [], () => now);
    for (const [key, agencyId] of [['own', 'so-tu-phap'], ['other', 'so-noi-vu']] as const) {
      const source = { id: `${agencyId}-rss`, agencyId, kind: 'rss' as const, url: `https://${agencyId}.example.gov.vn/rss` };
      const candidate = toStory({ title: `Tin cải cách hành chính của ${agencyId}`, url: `https://${agencyId}.example.gov.vn/tin/1`, publishedAt: '2026-11-30T08:00:00+07:00', summary: null }, source, now);
      const labelled = withMachineLabel(candidate, { relevant: true, areas: ['procedures'], confidence: 0.9, evidence: [], version: 'test', at: now.toISOString() });
      await stories.create(labelled);
      await desks.route(labelled.story, now, { isNew: true });
      ids[key] = candidate.story.id;
    }
    api = await startApiServer(createApiHandler({ clients, now: () => now, desks: config.desks ?? [], users: config.users ?? [] }), { port: 0 });
    const tokenStore = new ApiTokenStore(clients);
    for (const [role, userId] of Object.entries(ROLE_USER) as [Role, (typeof DEMO_USERS)[number]['id']][]) {
      sessions.set(role, await signIn(api.url, userId, DEMO_PASSWORDS[userId]));
      const user = DEMO_USERS.find((candidate) => candidate.id === userId)!;
      const issued = await tokenStore.issue({ userId, name: user.name, role, agencyId: 'agencyId' in user ? user.agencyId : null, label: 'test' }, now);
      tokens.set(role, issued.token);
    }
  });

  afterAll(async () => api?.close());

  async function attempt(role: Role, action: string): Promise<number> {
    const session = sessions.get(role)!;
    const bearer = { authorization: `Bearer ${tokens.get(role)}`, 'content-type': 'application/json' };
    const stale = { version: '999' };
    const apiCall = (method: string, path: string, body?: unknown) =>
      fetch(`${api.url}${path}`, { method, headers: bearer, ...(body ? { body: JSON.stringify(body) } : {}) }).then((response) => response.status);
    switch (action) {
      case 'GET / (story list)':
        return (await session.get('/')).status;
      case 'GET /stories/own':
        return (await session.get(`/stories/${ids.own}`)).status;
      case 'GET /stories/other':
        return (await session.get(`/stories/${ids.other}`)).status;
      case 'GET /desks/newspaper':
        return (await session.get('/desks/newspaper')).status;
      case 'GET /desks/tv':
        return (await session.get('/desks/tv')).status;
      case 'GET /desks/newspaper/plan':
        return (await session.get('/desks/newspaper/plan')).status;
      case 'GET /desks/tv/plan':
        return (await session.get('/desks/tv/plan')).status;
      case 'POST newspaper transition':
        return (await session.post(`/stories/${ids.other}/transitions`, { desk: 'newspaper', to: 'shortlisted', ...stale })).status;
      case 'POST tv transition':
        return (await session.post(`/stories/${ids.other}/transitions`, { desk: 'tv', to: 'shortlisted', ...stale })).status;
      case 'POST labels':
        return (await session.post(`/stories/${ids.other}/labels`, { relevant: 'true', primary: 'institutions', ...stale })).status;
      case 'GET /sources':
        return (await session.get('/sources')).status;
      case 'API GET stories?desk=newspaper':
        return apiCall('GET', '/api/v1/stories?desk=newspaper');
      case 'API GET stories/other':
        return apiCall('GET', `/api/v1/stories/${ids.other}`);
      case 'API GET stories/own':
        return apiCall('GET', `/api/v1/stories/${ids.own}`);
      case 'API PUT labels':
        return apiCall('PUT', `/api/v1/stories/${ids.other}/labels`, { relevant: true, areas: ['institutions'], version: 999 });
      case 'API POST newspaper transition':
        return apiCall('POST', `/api/v1/stories/${ids.other}/transitions`, { desk: 'newspaper', to: 'shortlisted', version: 999 });
      case 'API POST tv transition':
        return apiCall('POST', `/api/v1/stories/${ids.other}/transitions`, { desk: 'tv', to: 'shortlisted', version: 999 });
      default:
        throw new Error(`no such action in the table: ${action}`);
    }
  }

  const roles = Object.keys(ROLE_USER) as Role[];
  for (const row of TABLE) {
    it(`${row.action}`, async () => {
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const [index, role] of roles.entries()) {
        const status = await attempt(role, row.action);
        expect(status, `${role}: ${row.action}`).not.toBe(401);
        outcomes[role] = status === 403 ? 'forbidden' : status < 500 ? 'allowed' : `error ${status}`;
        expected[role] = row.expect[index]!;
      }
      expect(outcomes).toEqual(expected);
    });
  }

  it('answers an allowed write with a stale version 409, naming who changed the story when', async () => {
    const response = await fetch(`${api.url}/api/v1/stories/${ids.other}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('admin')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ desk: 'newspaper', to: 'shortlisted', version: 999 }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining('tải lại trang'), changedBy: null });
  });

  it('refuses a session form post without its CSRF token, and a cross-site one', async () => {
    const session = sessions.get('admin')!;
    const withoutToken = await fetch(`${api.url}/stories/${ids.other}/transitions`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: api.url },
      body: new URLSearchParams({ desk: 'newspaper', to: 'shortlisted', version: '1' }),
      redirect: 'manual',
    });
    expect(withoutToken.status).toBe(403);
    const crossSite = await fetch(`${api.url}/stories/${ids.other}/transitions`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ _csrf: session.csrf, desk: 'newspaper', to: 'shortlisted', version: '1' }),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
  });

  it('validates API input with a message naming the field', async () => {
    const response = await fetch(`${api.url}/api/v1/stories/${ids.other}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('admin')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ desk: 'newspaper', to: 'archived', version: 1 }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^body\.to: /);
  });

  it('serves the OpenAPI document to a signed-in caller', async () => {
    const response = await fetch(`${api.url}/api/v1/openapi.json`, { headers: { authorization: `Bearer ${tokens.get('editor-tv')}` } });
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/stories', '/api/v1/stories/{id}/labels', '/api/v1/stories/{id}/transitions']));
  });
});
