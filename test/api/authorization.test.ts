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
import { routeByPrefix, startApiServer } from '../../infra/local/http-server';
import { createApiHandler } from '../../functions/api/handler';
import { EXPORTS_PREFIX, createExportsHandler } from '../../functions/exports/handler';
import { createSourcePreviewHandler, sourcePreviewRoutes } from '../../functions/source-preview/handler';
import { parseConfig } from '../../shared/config/load';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { createDeskService } from '../../shared/desks/create';
import { ApiTokenStore, type Role } from '../../shared/auth';
import { toStory, withMachineLabel } from '../../shared/stories/story';
import { DEMO_PASSWORDS, DEMO_USERS } from '../../infra/demo/users';
import { SubmissionsRepository } from '../../shared/submissions/repo';

const config = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));
const now = new Date('2026-12-01T03:00:00Z');

/** `hidden`: 404, as for something that does not exist (an agency user asking for another agency's draft). */
type Outcome = 'allowed' | 'forbidden' | 'hidden';
const ROLE_USER: Record<Role, (typeof DEMO_USERS)[number]['id']> = {
  'editor-newspaper': 'bao',
  'editor-tv': 'truyenhinh',
  'home-affairs': 'noivu',
  agency: 'sotuphap',
  admin: 'quantri',
};
/** The source the source rows act on (written before versions existed: version 0, so 999 is stale). */
const AUTH_SOURCE = { id: 'so-tu-phap-html', agencyId: 'so-tu-phap', kind: 'html' as const, url: 'https://so-tu-phap.example.gov.vn/tin', html: { item: 'li', title: 'a', link: 'a' } };
const A: Outcome = 'allowed';
const F: Outcome = 'forbidden';
const H: Outcome = 'hidden';

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
  // Compliance (issue 5): Sở Nội vụ and admins see every agency; an agency user its own row; only they mark.
  { action: 'GET /compliance/{quarter}', expect: [F, F, A, A, A] },
  { action: 'GET /compliance/agencies/own', expect: [F, F, A, A, A] },
  { action: 'GET /compliance/agencies/other', expect: [F, F, A, F, A] },
  { action: 'POST count mark', expect: [F, F, A, F, A] },
  { action: 'API GET compliance/{quarter}', expect: [F, F, A, A, A] },
  { action: 'API PUT count mark', expect: [F, F, A, F, A] },
  { action: 'GET /exports/compliance/{quarter}.csv', expect: [F, F, A, A, A] },
  { action: 'API GET /exports/compliance/{year}.json', expect: [F, F, A, A, A] },
  // Direct submissions (issue 5): agency users for their own agency, admins for any. Another
  // agency's draft is 404 to an agency user; writes are sent so that an allowed one changes nothing
  // (stale version, invalid attachment type, a draft without text that submit refuses with 422).
  { action: 'GET /submissions (agency page)', expect: [F, F, F, A, A] },
  { action: 'GET /submissions/new', expect: [F, F, F, A, A] },
  { action: 'GET /submissions/own draft', expect: [F, F, F, A, A] },
  { action: 'GET /submissions/other draft', expect: [F, F, F, H, A] },
  { action: 'POST /submissions/other draft (stale)', expect: [F, F, F, H, A] },
  { action: 'API POST submissions (own agency)', expect: [F, F, F, A, A] },
  { action: 'API POST submissions (other agency)', expect: [F, F, F, F, A] },
  { action: 'API GET submissions/own draft', expect: [F, F, F, A, A] },
  { action: 'API GET submissions/other draft', expect: [F, F, F, H, A] },
  { action: 'API PUT submissions/other draft (stale)', expect: [F, F, F, H, A] },
  { action: 'API POST submissions/other attachments (bad type)', expect: [F, F, F, H, A] },
  { action: 'API POST submissions/other submit (no text)', expect: [F, F, F, H, A] },
  // Sources (issue 8): health for staff; the admin pages, actions, "Thử nguồn này" and their API for admins only.
  // Writes are sent so that an allowed one changes nothing (stale version, an id that exists, an invalid source).
  { action: 'GET /sources/new', expect: [F, F, F, F, A] },
  { action: 'GET /sources/{id}', expect: [F, F, F, F, A] },
  // "Thử nguồn này" is the source-preview function's (routed as in AWS); a test posted to the api is sent on (307).
  { action: 'POST /sources-preview/new (test, invalid source)', expect: [F, F, F, F, A] },
  { action: 'POST /sources/new (test, sent on to the preview)', expect: [F, F, F, F, A] },
  { action: 'GET /sources-preview/new (back to the form)', expect: [F, F, F, F, A] },
  { action: 'POST /sources/new (save, id exists)', expect: [F, F, F, F, A] },
  { action: 'POST /sources/{id} (edit, stale)', expect: [F, F, F, F, A] },
  { action: 'POST /sources-preview/{id} (test, invalid source)', expect: [F, F, F, F, A] },
  { action: 'POST /sources/{id}/actions (retry, stale)', expect: [F, F, F, F, A] },
  { action: 'API GET sources', expect: [A, A, A, F, A] },
  { action: 'API GET sources/{id}', expect: [F, F, F, F, A] },
  { action: 'API POST sources (id exists)', expect: [F, F, F, F, A] },
  { action: 'API POST sources/test (invalid source)', expect: [F, F, F, F, A] },
  { action: 'API PUT sources/{id} (stale)', expect: [F, F, F, F, A] },
  { action: 'API POST sources/{id}/actions (stale)', expect: [F, F, F, F, A] },
  // Agencies, users and tokens managed in the UI (issue 8): agencies for Sở Nội vụ and admins,
  // users and tokens for admins. Writes are sent so an allowed one changes nothing (a preview,
  // invalid input answered 400, an unknown user or token answered 404).
  { action: 'GET /agencies', expect: [F, F, A, F, A] },
  { action: 'GET /agencies/new', expect: [F, F, A, F, A] },
  { action: 'GET /agencies/{id}', expect: [F, F, A, F, A] },
  { action: 'POST /agencies/{id} (preview)', expect: [F, F, A, F, A] },
  { action: 'POST /agencies (invalid)', expect: [F, F, A, F, A] },
  { action: 'GET /users', expect: [F, F, F, F, A] },
  { action: 'POST /users (invalid)', expect: [F, F, F, F, A] },
  { action: 'POST /users/{unknown}/disable', expect: [F, F, F, F, A] },
  { action: 'POST /users/{unknown}/enable', expect: [F, F, F, F, A] },
  { action: 'POST /users/{unknown}/reset-password', expect: [F, F, F, F, A] },
  { action: 'GET /tokens', expect: [F, F, F, F, A] },
  { action: 'POST /tokens (invalid)', expect: [F, F, F, F, A] },
  { action: 'POST /tokens/{unknown}/revoke', expect: [F, F, F, F, A] },
];

describe('authorisation: every role against every action', () => {
  let api: Awaited<ReturnType<typeof startApiServer>>;
  const sessions = new Map<Role, TestSession>();
  const tokens = new Map<Role, string>();
  const ids = { own: '', other: '' };
  const drafts = { own: '', other: '' };

  beforeAll(async () => {
    const clients = await freshStores();
    const sources = new SourcesRepository(clients);
    for (const agency of config.agencies) await sources.putAgency(agency);
    await sources.upsertSource(AUTH_SOURCE, now);
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
    const submissions = new SubmissionsRepository(clients);
    for (const [key, agencyId] of [['own', 'so-tu-phap'], ['other', 'so-noi-vu']] as const) {
      // No summary and no body: submit refuses it (422), so the table's submit row changes nothing.
      drafts[key] = (await submissions.createDraft({ agencyId, text: { title: `Bản nháp của ${agencyId}`, summary: '', body: '' }, by: { userId: 'test', name: 'Test' }, now })).id;
    }
    // As in AWS: /exports/ goes to the exports function, "Thử nguồn này" to source-preview, everything else to the api function.
    const exportsHandler = createExportsHandler({ clients, now: () => now, users: config.users ?? [] });
    const previewHandler = createSourcePreviewHandler({ clients, now: () => now, desks: config.desks ?? [], users: config.users ?? [] });
    api = await startApiServer(routeByPrefix([{ prefix: EXPORTS_PREFIX, handler: exportsHandler }, ...sourcePreviewRoutes(previewHandler)], createApiHandler({ clients, now: () => now, desks: config.desks ?? [], users: config.users ?? [] })), { port: 0 });
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
      case 'GET /submissions (agency page)':
        return (await session.get('/submissions')).status;
      case 'GET /submissions/new':
        return (await session.get('/submissions/new')).status;
      case 'GET /submissions/own draft':
        return (await session.get(`/submissions/${drafts.own}`)).status;
      case 'GET /submissions/other draft':
        return (await session.get(`/submissions/${drafts.other}`)).status;
      case 'POST /submissions/other draft (stale)':
        return (await session.post(`/submissions/${drafts.other}`, { title: 'Tiêu đề đã sửa', summary: '', body: '', ...stale })).status;
      case 'API POST submissions (own agency)':
        return apiCall('POST', '/api/v1/submissions', { title: 'Tin gửi trực tiếp', agencyId: 'so-tu-phap' });
      case 'API POST submissions (other agency)':
        return apiCall('POST', '/api/v1/submissions', { title: 'Tin gửi trực tiếp', agencyId: 'so-noi-vu' });
      case 'API GET submissions/own draft':
        return apiCall('GET', `/api/v1/submissions/${drafts.own}`);
      case 'API GET submissions/other draft':
        return apiCall('GET', `/api/v1/submissions/${drafts.other}`);
      case 'API PUT submissions/other draft (stale)':
        return apiCall('PUT', `/api/v1/submissions/${drafts.other}`, { title: 'Tiêu đề đã sửa', version: 999 });
      case 'API POST submissions/other attachments (bad type)':
        return apiCall('POST', `/api/v1/submissions/${drafts.other}/attachments`, { name: 'x.html', type: 'text/html' });
      case 'API POST submissions/other submit (no text)':
        return apiCall('POST', `/api/v1/submissions/${drafts.other}/submit`);
      case 'API POST tv transition':
        return apiCall('POST', `/api/v1/stories/${ids.other}/transitions`, { desk: 'tv', to: 'shortlisted', version: 999 });
      case 'GET /compliance/{quarter}':
        return (await session.get('/compliance/2026-Q4')).status;
      case 'GET /compliance/agencies/own':
        return (await session.get('/compliance/agencies/so-tu-phap')).status;
      case 'GET /compliance/agencies/other':
        return (await session.get('/compliance/agencies/so-noi-vu')).status;
      case 'POST count mark':
        return (await session.post(`/stories/${ids.other}/count`, { counted: 'false', reason: 'kiểm tra quyền', ...stale })).status;
      case 'API GET compliance/{quarter}':
        return apiCall('GET', '/api/v1/compliance/2026-Q4');
      case 'API PUT count mark':
        return apiCall('PUT', `/api/v1/stories/${ids.other}/count`, { counted: true, reason: 'kiểm tra quyền', version: 999 });
      case 'GET /exports/compliance/{quarter}.csv':
        return (await session.get('/exports/compliance/2026-Q4.csv')).status;
      case 'GET /sources/new':
        return (await session.get('/sources/new')).status;
      case 'GET /sources/{id}':
        return (await session.get(`/sources/${AUTH_SOURCE.id}`)).status;
      case 'POST /sources-preview/new (test, invalid source)':
        return (await session.post('/sources-preview/new', { intent: 'test', id: 'thu', agencyId: 'so-tu-phap', kind: 'html', url: 'khong-phai-url' })).status;
      case 'POST /sources/new (test, sent on to the preview)':
        return (await session.post('/sources/new', { intent: 'test', id: 'thu', agencyId: 'so-tu-phap', kind: 'html', url: 'khong-phai-url' })).status;
      case 'GET /sources-preview/new (back to the form)':
        return (await session.get('/sources-preview/new')).status;
      case 'POST /sources/new (save, id exists)':
        return (await session.post('/sources/new', { intent: 'save', id: AUTH_SOURCE.id, agencyId: 'so-tu-phap', kind: 'html', url: AUTH_SOURCE.url, item: 'li', title: 'a', link: 'a' })).status;
      case 'POST /sources/{id} (edit, stale)':
        return (await session.post(`/sources/${AUTH_SOURCE.id}`, { intent: 'save', agencyId: 'so-tu-phap', kind: 'html', url: AUTH_SOURCE.url, item: 'li.moi', title: 'a', link: 'a', ...stale })).status;
      case 'POST /sources-preview/{id} (test, invalid source)':
        return (await session.post(`/sources-preview/${AUTH_SOURCE.id}`, { intent: 'test', agencyId: 'so-tu-phap', kind: 'html', url: AUTH_SOURCE.url, ...stale })).status;
      case 'POST /sources/{id}/actions (retry, stale)':
        return (await session.post(`/sources/${AUTH_SOURCE.id}/actions`, { action: 'retry', ...stale })).status;
      case 'API GET sources':
        return apiCall('GET', '/api/v1/sources');
      case 'API GET sources/{id}':
        return apiCall('GET', `/api/v1/sources/${AUTH_SOURCE.id}`);
      case 'API POST sources (id exists)':
        return apiCall('POST', '/api/v1/sources', AUTH_SOURCE);
      case 'API POST sources/test (invalid source)':
        return apiCall('POST', '/api/v1/sources/test', { ...AUTH_SOURCE, url: 'ftp://so-tu-phap.example.gov.vn/' });
      case 'API PUT sources/{id} (stale)':
        return apiCall('PUT', `/api/v1/sources/${AUTH_SOURCE.id}`, { source: AUTH_SOURCE, version: 999 });
      case 'API POST sources/{id}/actions (stale)':
        return apiCall('POST', `/api/v1/sources/${AUTH_SOURCE.id}/actions`, { action: 'pause', version: 999 });
      case 'API GET /exports/compliance/{year}.json':
        return apiCall('GET', '/exports/compliance/2026.json');
      case 'GET /agencies':
        return (await session.get('/agencies')).status;
      case 'GET /agencies/new':
        return (await session.get('/agencies/new')).status;
      case 'GET /agencies/{id}':
        return (await session.get('/agencies/so-tu-phap')).status;
      case 'POST /agencies/{id} (preview)':
        return (await session.post('/agencies/so-tu-phap', { intent: 'preview', version: '0', name: 'Sở Tư pháp', kind: 'department', validFrom: '2020-01-01' })).status;
      case 'POST /agencies (invalid)':
        return (await session.post('/agencies', { intent: 'save', id: 'Không hợp lệ', name: '', kind: 'department', validFrom: 'hôm qua' })).status;
      case 'GET /users':
        return (await session.get('/users')).status;
      case 'POST /users (invalid)':
        return (await session.post('/users', { id: 'Tên có dấu', name: '', role: 'root' })).status;
      case 'POST /users/{unknown}/disable':
        return (await session.post('/users/khong-co-ai/disable', {})).status;
      case 'POST /users/{unknown}/enable':
        return (await session.post('/users/khong-co-ai/enable', {})).status;
      case 'POST /users/{unknown}/reset-password':
        return (await session.post('/users/khong-co-ai/reset-password', {})).status;
      case 'GET /tokens':
        return (await session.get('/tokens')).status;
      case 'POST /tokens (invalid)':
        return (await session.post('/tokens', { userId: 'bao', label: '' })).status;
      case 'POST /tokens/{unknown}/revoke':
        return (await session.post(`/tokens/${'0'.repeat(64)}/revoke`, {})).status;
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
        outcomes[role] = status === 403 ? 'forbidden' : status === 404 && row.expect[index] === 'hidden' ? 'hidden' : status < 500 ? 'allowed' : `error ${status}`;
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

  it('guards "Thử nguồn này" (source-preview) as the api guards its routes: sign-in first, then the CSRF token and same origin', async () => {
    const fields = { intent: 'test', id: 'thu', agencyId: 'so-tu-phap', kind: 'html', url: 'khong-phai-url' };
    // Anonymous: pages go to sign-in, the JSON test is 401 (a bad token too), even for paths that do not exist.
    for (const path of ['/sources-preview/new', `/sources-preview/${AUTH_SOURCE.id}`, '/sources-preview/khong/co']) {
      const anonymous = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: api.url }, body: new URLSearchParams(fields), redirect: 'manual' });
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get('location'), path).toMatch(/^\/auth\/signin\?next=/);
    }
    const anonymousGet = await fetch(`${api.url}/sources-preview/new`, { redirect: 'manual' });
    expect(anonymousGet.headers.get('location')).toBe(`/auth/signin?next=${encodeURIComponent('/sources-preview/new')}`);
    for (const headers of [{}, { authorization: 'Bearer cchc_khong-hop-le' }] as Record<string, string>[]) {
      const response = await fetch(`${api.url}/api/v1/sources/test`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(AUTH_SOURCE) });
      expect(response.status).toBe(401);
    }
    // An admin's session without its token, or cross-site, is refused before anything is read.
    const session = sessions.get('admin')!;
    const withoutToken = await fetch(`${api.url}/sources-preview/new`, { method: 'POST', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: api.url }, body: new URLSearchParams(fields), redirect: 'manual' });
    expect(withoutToken.status).toBe(403);
    const crossSite = await fetch(`${api.url}/sources-preview/new`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    // The admin's allowed test names the field at fault (zod, as a save would).
    const invalid = await session.post('/sources-preview/new', fields);
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Cấu hình nguồn chưa hợp lệ: url');
    const invalidApi = await fetch(`${api.url}/api/v1/sources/test`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get('admin')}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...AUTH_SOURCE, kind: 'web' }) });
    expect(invalidApi.status).toBe(400);
    expect(((await invalidApi.json()) as { error: string }).error).toMatch(/^body\.kind: /);
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
