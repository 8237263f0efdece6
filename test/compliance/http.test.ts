/** The compliance pages, the JSON API, Sở Nội vụ's mark and the exports function, through HTTP. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { signIn, type TestSession } from '../support/session';
import { routeByPrefix, startApiServer } from '../../infra/local/http-server';
import { createApiHandler } from '../../functions/api/handler';
import { EXPORTS_PREFIX, createExportsHandler } from '../../functions/exports/handler';
import { ApiTokenStore } from '../../shared/auth';
import { AREA_IDS, AREA_NAMES } from '../../shared/config/areas';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { XLSX_HEADER_ROW } from '../../shared/compliance/exports/xlsx';
import { DEMO_PASSWORDS } from '../../infra/demo/users';
import { demoConfig, seedAgencies, seedStory } from './support';

const now = new Date('2025-08-10T03:00:00Z');

describe('compliance over HTTP', () => {
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let noivu: TestSession;
  let sotuphap: TestSession;
  let bao: TestSession;
  let stories: StoriesRepository;
  let adminToken: string;
  let agencyToken: string;
  const ids = { tuPhap: '', formula: '', noiVu: '' };

  beforeAll(async () => {
    const clients = await freshStores();
    await seedAgencies(clients, now);
    stories = new StoriesRepository(clients);
    ids.tuPhap = (await seedStory(clients, 'so-tu-phap', '2025-04-03T08:00:00+07:00', { relevant: true, areas: ['institutions', 'procedures'] })).id;
    ids.formula = (await seedStory(clients, 'so-y-te', '2025-05-03T08:00:00+07:00', { relevant: true, areas: ['digital_government'] })).id;
    ids.noiVu = (await seedStory(clients, 'so-noi-vu', '2025-05-03T08:00:00+07:00', { relevant: true, areas: ['direction'] })).id;
    const handler = routeByPrefix(
      [{ prefix: EXPORTS_PREFIX, handler: createExportsHandler({ clients, now: () => now, users: demoConfig.users ?? [] }) }],
      createApiHandler({ clients, now: () => now, desks: demoConfig.desks ?? [], users: demoConfig.users ?? [] }),
    );
    server = await startApiServer(handler, { port: 0 });
    noivu = await signIn(server.url, 'noivu', DEMO_PASSWORDS.noivu);
    sotuphap = await signIn(server.url, 'sotuphap', DEMO_PASSWORDS.sotuphap);
    bao = await signIn(server.url, 'bao', DEMO_PASSWORDS.bao);
    const tokens = new ApiTokenStore(clients);
    adminToken = (await tokens.issue({ userId: 'quantri', name: 'Quản trị hệ thống', role: 'admin', agencyId: null, label: 't' }, now)).token;
    agencyToken = (await tokens.issue({ userId: 'sotuphap', name: 'Cán bộ Sở Tư pháp', role: 'agency', agencyId: 'so-tu-phap', label: 't' }, now)).token;
  });

  afterAll(async () => server?.close());

  it('redirects /compliance to the running quarter', async () => {
    const response = await noivu.get('/compliance');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/compliance/2025-Q3');
  });

  it('shows the quarter view in Vietnamese with statuses, totals, filters and export links', async () => {
    const page = await (await noivu.get('/compliance/2025-Q2')).text();
    expect(page).toContain('Báo cáo tin CCHC quý II/2025');
    expect(page).toContain('Sở Tư pháp');
    expect(page).toContain('Đạt');
    expect(page).toContain('Chưa có tin');
    expect(page).toContain('Tổng hợp');
    expect(page).toContain('href="/exports/compliance/2025-Q2.xlsx"');
    expect(page).toContain('href="/exports/compliance/2025-H1.csv"');
    expect(page).toContain('href="/compliance/agencies/so-tu-phap?from=2025-Q2"');
    const filtered = await (await noivu.get('/compliance/2025-Q2?kind=district&status=missing')).text();
    expect(filtered).toContain('UBND thị xã An Nhơn');
    expect(filtered).not.toContain('/compliance/agencies/so-tu-phap?');
    const running = await (await noivu.get('/compliance/2025-Q3')).text();
    expect(running).toContain('Còn 52 ngày của quý');
    expect((await noivu.get('/compliance/2025-Q2?status=bogus')).status).toBe(400);
  });

  it('shows an agency user its own row and history only', async () => {
    const page = await (await sotuphap.get('/compliance/2025-Q2')).text();
    expect(page).toContain('Sở Tư pháp');
    expect(page).not.toContain('Sở Nội vụ</a>');
    expect((await sotuphap.get('/compliance/agencies/so-tu-phap')).status).toBe(200);
    expect((await sotuphap.get('/compliance/agencies/so-noi-vu')).status).toBe(403);
    expect((await bao.get('/compliance/2025-Q2')).status).toBe(403);
  });

  it("shows an agency's history with a chart; a merged agency readable and linked from its successor", async () => {
    const merged = await (await noivu.get('/compliance/agencies/so-ke-hoach-dau-tu')).text();
    expect(merged).toContain('Lịch sử gửi tin: Sở Kế hoạch và Đầu tư');
    expect(merged).toContain('Hoạt động đến ngày 28/02/2025');
    expect(merged).toContain('href="/compliance/agencies/so-tai-chinh"');
    expect(merged).toContain('<svg role="img"');
    expect(merged).toContain('Không xét (ngoài thời gian hoạt động)');
    const successor = await (await noivu.get('/compliance/agencies/so-tai-chinh')).text();
    expect(successor).toContain('href="/compliance/agencies/so-ke-hoach-dau-tu"');
    expect(successor).toMatch(/Năm 2025: 0\/10 tin theo kế hoạch/);
    expect((await noivu.get('/compliance/agencies/khong-co')).status).toBe(404);
  });

  it('answers GET /api/v1/compliance/{quarter} with rows, health and totals', async () => {
    const response = await fetch(`${server.url}/api/v1/compliance/2025-Q2`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { quarter: string; rows: { agencyId: string; status: string; items: number; health: { state: string } }[]; totals: { agencies: number } };
    expect(body.quarter).toBe('2025-Q2');
    expect(body.rows.find((r) => r.agencyId === 'so-tu-phap')).toMatchObject({ status: 'met', items: 1, health: { state: 'ok' } });
    const own = (await (await fetch(`${server.url}/api/v1/compliance/2025-Q2`, { headers: { authorization: `Bearer ${agencyToken}` } })).json()) as { rows: { agencyId: string }[] };
    expect(own.rows.map((r) => r.agencyId)).toEqual(['so-tu-phap']);
    expect((await fetch(`${server.url}/api/v1/compliance/2025-Q2`)).status).toBe(401);
  });

  it("lets Sở Nội vụ mark a story on its page, with a reason, and refuses a stale version with 409", async () => {
    const storyPage = await (await noivu.get(`/stories/${ids.noiVu}`)).text();
    expect(storyPage).toContain('Tính vào báo cáo quý');
    expect(storyPage).toContain('Không tính');
    const before = (await stories.get(ids.noiVu))!;
    const noReason = await noivu.post(`/stories/${ids.noiVu}/count`, { counted: 'false', reason: ' ', version: String(before.version) });
    expect(noReason.status).toBe(400);
    const saved = await noivu.post(`/stories/${ids.noiVu}/count`, { counted: 'false', reason: 'Tin trùng với quý trước', version: String(before.version) });
    expect(saved.status).toBe(303);
    const after = (await stories.get(ids.noiVu))!;
    expect(after.countMark).toMatchObject({ counted: false, reason: 'Tin trùng với quý trước', by: 'Chuyên viên Sở Nội vụ' });
    const stale = await noivu.post(`/stories/${ids.noiVu}/count`, { counted: 'true', reason: 'x', version: String(before.version) });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('tải lại trang');
    const marked = await (await noivu.get(`/stories/${ids.noiVu}`)).text();
    expect(marked).toContain('Sở Nội vụ đã đánh dấu: không tính vào báo cáo quý');
    expect(marked).toContain('Bỏ đánh dấu');
    const view = (await (await fetch(`${server.url}/api/v1/compliance/2025-Q2`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { rows: { agencyId: string; items: number }[] };
    expect(view.rows.find((r) => r.agencyId === 'so-noi-vu')!.items).toBe(0);
    // An agency user sees the section but no form, and may not post.
    const own = await (await sotuphap.get(`/stories/${ids.tuPhap}`)).text();
    expect(own).toContain('Tính vào báo cáo quý');
    expect(own).not.toContain(`action="/stories/${ids.tuPhap}/count"`);
    expect((await sotuphap.post(`/stories/${ids.tuPhap}/count`, { counted: 'true', reason: 'x', version: '1' })).status).toBe(403);
  });

  it('sets and clears a mark through PUT /api/v1/stories/{id}/count, validated', async () => {
    const call = (body: unknown, token = adminToken) =>
      fetch(`${server.url}/api/v1/stories/${ids.tuPhap}/count`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const story = (await stories.get(ids.tuPhap))!;
    expect((await call({ counted: true, version: story.version })).status).toBe(400);
    const set = await call({ counted: false, reason: 'Không phải tin CCHC', version: story.version });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ storyId: ids.tuPhap, version: story.version + 1, countMark: { counted: false } });
    const conflict = await call({ clear: true, version: story.version });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ changedBy: 'Quản trị hệ thống' });
    const cleared = await call({ clear: true, version: story.version + 1 });
    expect(await cleared.json()).toMatchObject({ countMark: null });
    expect((await call({ clear: true, version: 1 }, agencyToken)).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/stories/zzzzzzzz/count`, { method: 'PUT', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ clear: true, version: 1 }) })).status).toBe(404);
    const openapi = (await (await fetch(`${server.url}/api/v1/openapi.json`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/compliance/{quarter}', '/api/v1/stories/{id}/count']));
  });

  it('exports XLSX that parses back with Vietnamese headers, cell by cell', async () => {
    const response = await noivu.get('/exports/compliance/2025-Q2.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain('bao-cao-cchc-2025-Q2.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('2025-Q2')!;
    expect(sheet.getCell(1, 1).value).toBe('Báo cáo tin CCHC quý II/2025');
    const headers = (sheet.getRow(XLSX_HEADER_ROW).values as unknown[]).slice(1);
    expect(headers).toEqual(['Mã cơ quan', 'Cơ quan', 'Loại cơ quan', 'Số tin được tính', ...AREA_IDS.map((a) => AREA_NAMES[a]), 'Lĩnh vực chủ trì', 'Lĩnh vực chủ trì còn thiếu', 'Trạng thái', 'Tin đầu tiên', 'Tin gần nhất']);
    let tuPhap: unknown[] | undefined;
    sheet.eachRow((row, number) => {
      if (number > XLSX_HEADER_ROW && row.getCell(1).value === 'so-tu-phap') tuPhap = (row.values as unknown[]).slice(1);
    });
    const areaCells = AREA_IDS.map((a) => (a === 'institutions' || a === 'procedures' ? 1 : 0));
    expect(tuPhap).toEqual(['so-tu-phap', 'Sở Tư pháp', 'Sở, ban, ngành', 1, ...areaCells, 'Cải cách thể chế', undefined, 'Đạt', '03/04/2025 08:00', '03/04/2025 08:00']);
    expect(sheet.rowCount).toBe(XLSX_HEADER_ROW + demoConfig.agencies.length - 1);
  });

  it('exports CSV with a BOM and CRLF, and JSON as the contract shows; an agency user gets its own row', async () => {
    const csv = Buffer.from(await (await noivu.get('/exports/compliance/2025-H1.csv')).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    expect(text.split('\r\n')[0]).toContain('Số tin được tính quý I/2025');
    const json = (await (await noivu.get('/exports/compliance/2025.json')).json()) as { agencyId: string; quarters: Record<string, unknown> }[];
    expect(Object.keys(json.find((r) => r.agencyId === 'so-tu-phap')!.quarters)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    const own = (await (await sotuphap.get('/exports/compliance/2025-Q2.json')).json()) as { agencyId: string }[];
    expect(own.map((r) => r.agencyId)).toEqual(['so-tu-phap']);
    expect((await bao.get('/exports/compliance/2025-Q2.csv')).status).toBe(403);
    expect((await noivu.get('/exports/compliance/2025-Q9.csv')).status).toBe(400);
    expect((await noivu.get('/exports/compliance/2025-Q2.pdf')).status).toBe(404);
    expect((await noivu.get('/exports/compliance/2025-H3.csv')).status).toBe(400);
    const anonymous = await fetch(`${server.url}/exports/compliance/2025-Q2.csv`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/auth/signin');
  });
});
