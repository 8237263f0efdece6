import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { startApiServer } from '../../infra/local/http-server';
import { createApiHandler } from '../../functions/api/handler';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { toStory, withMachineLabel } from '../../shared/stories/story';
import type { Source } from '../../shared/config/schema';
import { hashPassword } from '../../shared/auth';
import { signIn, type TestSession } from '../support/session';

const source: Source = { id: 'so-noi-vu-cchc', agencyId: 'so-noi-vu', kind: 'rss', url: 'https://example.gov.vn/rss' };
const now = new Date('2026-11-23T03:00:00Z');

describe('the first pages and /health, through the local API Gateway adapter', () => {
  let api: Awaited<ReturnType<typeof startApiServer>>;
  let storyId: string;
  let editor: TestSession;

  beforeAll(async () => {
    const clients = await freshStores();
    const sources = new SourcesRepository(clients);
    await sources.putAgency({ id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', leadAreas: [], contacts: [], validFrom: '2020-01-01', validTo: null, successorId: null });
    await sources.upsertSource(source, now);
    const candidate = toStory(
      { title: '<img src=x onerror=alert(1)> Cải cách hành chính', url: 'https://example.gov.vn/tin/1', publishedAt: '2026-11-23T08:30:00+07:00', summary: 'Tóm tắt <script>alert(2)</script>' },
      source,
      now,
    );
    storyId = candidate.story.id;
    const label = { relevant: true, areas: ['procedures' as const, 'digital_government' as const], confidence: 0.82, evidence: ['cải cách hành chính'], version: 'test-1', at: now.toISOString() };
    await new StoriesRepository(clients).create(withMachineLabel(candidate, label));
    await sources.savePoll(source.id, { health: { ...(await sources.get(source.id))!.health, lastSuccessAt: now.toISOString(), lastAttemptAt: now.toISOString() }, http: (await sources.get(source.id))!.http, seenUrlHashes: [] }, 1);
    const users = [{ id: 'bao', name: 'Biên tập viên Báo', role: 'editor-newspaper' as const, agencyId: null, passwordHash: await hashPassword('mat-khau-thu') }];
    api = await startApiServer(createApiHandler({ clients, now: () => now, users }), { port: 0 });
    editor = await signIn(api.url, 'bao', 'mat-khau-thu');
  });

  afterAll(async () => api?.close());

  it('lists the newest stories with agency and Vietnam date, showing a hostile title as text', async () => {
    const response = await editor.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html; charset=utf-8/);
    // Sent gzipped (fetch asks for it and unpacks it, as a browser does).
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const page = await response.text();
    expect(page).toContain('lang="vi"');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; Cải cách hành chính');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('Sở Nội vụ');
    expect(page).toContain('23/11/2026 08:30');
    expect(page).toContain('Cải cách thủ tục hành chính');
  });

  it('shows one story with a link to its source', async () => {
    const page = await (await editor.get(`/stories/${storyId}`)).text();
    expect(page).toContain('href="https://example.gov.vn/tin/1"');
    expect(page).toContain('Quý / tuần');
    expect(page).toContain('2026-Q4 / 2026-W48');
    // The classification explains itself: areas by their Vietnamese names, confidence, evidence, who decided.
    expect(page).toContain('Cải cách thủ tục hành chính, Chính quyền điện tử, chính quyền số');
    expect(page).toContain('Độ tin cậy 82%');
    expect(page).toContain('<q>cải cách hành chính</q>');
    expect(page).toContain('Máy phân loại (phiên bản test-1)');
    expect((await editor.get('/stories/khong-co')).status).toBe(404);
  });

  it('shows source health', async () => {
    const page = await (await editor.get('/sources')).text();
    expect(page).toContain('so-noi-vu-cchc');
    expect(page).toContain('Hoạt động tốt');
  });

  it('redirects anonymous page requests to sign-in and answers anonymous API requests 401, even for paths that do not exist', async () => {
    const pageResponse = await fetch(`${api.url}/stories/${storyId}`, { redirect: 'manual' });
    expect(pageResponse.status).toBe(303);
    expect(pageResponse.headers.get('location')).toBe(`/auth/signin?next=${encodeURIComponent(`/stories/${storyId}`)}`);
    for (const path of ['/api/v1/stories', '/api/v1/khong-co-duong-dan-nay', '/api/v1/openapi.json']) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error?: string }).error).toBeTruthy();
    }
  });

  it('answers /health with counts only, degraded before any cycle', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ status: 'degraded', stories: 1, sources: { total: 1, failing: 0, needsRepair: 0 }, lastCycleAt: null });
  });
});
