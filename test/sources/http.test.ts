/**
 * The source routes through HTTP: forms carry their CSRF token and keep the
 * admin's values when refused; the JSON API answers 201 / 400 naming the
 * field / 409 with who and when, and "test" (the source-preview function,
 * routed as API Gateway routes it) fetches through the fetcher given.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { signIn, type TestSession } from '../support/session';
import { routeByPrefix, startApiServer } from '../../infra/local/http-server';
import { createApiHandler } from '../../functions/api/handler';
import { createSourcePreviewHandler, sourcePreviewRoutes } from '../../functions/source-preview/handler';
import { createFetcher } from '../../shared/collect/fetch/fetcher';
import { ApiTokenStore } from '../../shared/auth';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';
import { DEMO_PASSWORDS, DEMO_USERS } from '../../infra/demo/users';

const now = new Date('2026-12-01T03:00:00Z');
const agency = { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department' as const, leadAreas: [], contacts: [], validFrom: '2020-01-01', validTo: null, successorId: null };

describe('source routes', () => {
  let api: Awaited<ReturnType<typeof startApiServer>>;
  let site: Server;
  let siteUrl = '';
  let admin: TestSession;
  let token = '';
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${api.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

  beforeAll(async () => {
    site = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<ul><li class="n"><a href="/1">Tin một cửa</a></li></ul>'));
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}/tin`;
    const clients = await freshStores();
    await new SourceAdminRepository(clients).addAgency(agency, now, 'test');
    const users = DEMO_USERS.map((user) => ({ ...user }));
    const fetcher = createFetcher({ contactUrl: 'https://example.org', allowPrivateNetworks: true, perHostGapMs: 0 });
    // As in AWS: "Thử nguồn này" (form and JSON) to the source-preview function, the rest to the api function.
    const preview = createSourcePreviewHandler({ clients, now: () => now, users, fetcher });
    api = await startApiServer(routeByPrefix(sourcePreviewRoutes(preview), createApiHandler({ clients, now: () => now, users })), { port: 0 });
    admin = await signIn(api.url, 'quantri', DEMO_PASSWORDS.quantri);
    token = (await new ApiTokenStore(clients).issue({ userId: 'quantri', name: 'Quản trị hệ thống', role: 'admin', agencyId: null, label: 'test' }, now)).token;
  });

  afterAll(async () => {
    await api?.close();
    await new Promise<void>((done) => site.close(() => done()));
  });

  it('serves the add form with a CSRF token and keeps the values of a refused save', async () => {
    const form = await (await admin.get('/sources/new')).text();
    expect(form).toContain(`name="_csrf" value="${admin.csrf}"`);
    expect(form).toContain('Thử nguồn này');
    const refused = await admin.post('/sources/new', { intent: 'save', id: 'nguon-moi', agencyId: agency.id, kind: 'html', url: siteUrl, item: '', title: 'a', link: 'a' });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('Cấu hình nguồn chưa hợp lệ: html.item');
    expect(page).toContain(`value="${siteUrl}"`);
  });

  it('tests the form through the source-preview function: the same page with the result, the values kept, nothing saved', async () => {
    const form = await (await admin.get('/sources/new')).text();
    expect(form).toContain('formaction="/sources-preview/new"');
    const fields = { intent: 'test', id: 'nguon-thu', agencyId: agency.id, kind: 'html', url: siteUrl, item: 'li.n', title: 'a', link: 'a' };
    const tested = await admin.post('/sources-preview/new', fields);
    expect(tested.status).toBe(200);
    const page = await tested.text();
    expect(page).toContain('Khi thu thập sẽ lấy được 1 tin.');
    expect(page).toContain('Tin một cửa');
    expect(page).toContain(`value="${siteUrl}"`);
    expect(page).toContain(`name="_csrf" value="${admin.csrf}"`);
    // The page's frame is the api function's: the signed-in user and the admin's links.
    expect(page).toContain('href="/tokens"');
    expect((await admin.get('/sources/nguon-thu')).status).toBe(404);

    // Invalid input is refused by the same validation as a save, with the values kept; nothing is fetched.
    const invalid = await admin.post('/sources-preview/new', { ...fields, url: 'khong-phai-url' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('value="khong-phai-url"');

    // A test posted to the api function (a page from before the move) is sent on with its body, never saved.
    const old = await admin.post('/sources/new', fields);
    expect(old.status).toBe(307);
    expect(old.headers.get('location')).toBe('/sources-preview/new');
    // A reload's GET goes back to the form; an unknown source is 404 before anything is fetched.
    expect((await admin.get('/sources-preview/new')).headers.get('location')).toBe('/sources/new');
    expect((await admin.post('/sources-preview/khong-co', fields)).status).toBe(404);
  });

  it('adds, tests and edits through the JSON API with the version, 409 naming who and when', async () => {
    const source = { id: 'nguon-api', agencyId: agency.id, kind: 'html', url: siteUrl, html: { item: 'li.n', title: 'a', link: 'a' } };
    const created = await call('POST', '/api/v1/sources', source);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ source, version: 1, updatedBy: 'Quản trị hệ thống' });
    expect((await call('POST', '/api/v1/sources', source)).status).toBe(409);

    const tested = await call('POST', '/api/v1/sources/test', { ...source, html: { ...source.html, item: 'li.khong-co' } });
    expect(await tested.json()).toMatchObject({ ok: true, preview: { collected: 0, problems: [{ code: 'item-no-match' }, { code: 'empty-result' }] } });

    // The edit form tests through the preview too, keeping the stored version's form.
    const edited = await admin.post('/sources-preview/nguon-api', { intent: 'test', version: '1', agencyId: agency.id, kind: 'html', url: siteUrl, item: 'li.khong-co', title: 'a', link: 'a' });
    expect(edited.status).toBe(200);
    const editPage = await edited.text();
    expect(editPage).toContain('formaction="/sources-preview/nguon-api"');
    expect(editPage).toContain('value="li.khong-co"');
    expect(editPage).toContain('data-testid="preview-problems"');

    const bad = await call('PUT', '/api/v1/sources/nguon-api', { source: { ...source, kind: 'web' }, version: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^body\.source\.kind: /);

    expect((await call('PUT', '/api/v1/sources/nguon-api', { source: { ...source, intervalMinutes: 60 }, version: 1 })).status).toBe(200);
    const stale = await call('POST', '/api/v1/sources/nguon-api/actions', { action: 'pause', version: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({ error: 'Nguồn này vừa được Quản trị hệ thống thay đổi lúc 01/12/2026 10:00 — hãy tải lại trang để xem bản mới trước khi sửa.', changedBy: 'Quản trị hệ thống', changedAt: now.toISOString() });
    expect((await call('GET', '/api/v1/sources/khong-co')).status).toBe(404);

    const detail = (await (await call('GET', '/api/v1/sources/nguon-api')).json()) as { version: number; history: { action: string }[] };
    expect(detail.version).toBe(2);
    expect(detail.history.map((entry) => entry.action)).toEqual(['edit', 'add']);
    const openapi = (await (await call('GET', '/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/sources', '/api/v1/sources/test', '/api/v1/sources/{id}', '/api/v1/sources/{id}/actions']));
  });
});
