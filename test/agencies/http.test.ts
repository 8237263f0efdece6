/**
 * The agency and user pages over HTTP (the real handler behind the local
 * HTTP adapter, DynamoDB Local): a change is saved only once it has been
 * previewed, exactly as previewed; the set-password page refuses a
 * cross-site post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { signIn, type TestSession } from '../support/session';
import { demoConfig, seedAgencies } from '../compliance/support';
import { startApiServer } from '../../infra/local/http-server';
import { createApiHandler } from '../../functions/api/handler';
import { AgencyRegistry } from '../../shared/agencies/registry';
import { DEMO_PASSWORDS } from '../../infra/demo/users';
import type { AwsClients } from '../../shared/store/clients';

const NOW = new Date('2026-11-23T03:00:00Z');
let clients: AwsClients;
let api: Awaited<ReturnType<typeof startApiServer>>;
let noivu: TestSession;

beforeAll(async () => {
  clients = await freshStores();
  await seedAgencies(clients, NOW);
  api = await startApiServer(createApiHandler({ clients, now: () => NOW, desks: demoConfig.desks ?? [], users: demoConfig.users ?? [] }), { port: 0 });
  noivu = await signIn(api.url, 'noivu', DEMO_PASSWORDS.noivu);
});

afterAll(async () => api?.close());

const fields = { version: '0', name: 'Sở Tư pháp tỉnh Bình Định', kind: 'department', validFrom: '2020-01-01', leadAreas: 'institutions', contacts: 'a@sotuphap.example.gov.vn' };
const confirmOf = (page: string) => /name="confirm" value="([^"]+)"/.exec(page)?.[1];

describe('saving an agency change', () => {
  it('shows the preview instead of saving when the change was not previewed, or changed since', async () => {
    const registry = new AgencyRegistry(clients);
    const unpreviewed = await noivu.post('/agencies/so-tu-phap', { ...fields, intent: 'save' });
    expect(unpreviewed.status).toBe(200);
    const page = await unpreviewed.text();
    expect(page).toContain('Ảnh hưởng tới báo cáo các quý');
    expect((await registry.get('so-tu-phap'))?.version).toBe(0);
    const confirm = confirmOf(page)!;
    // The form edited after the preview: previewed again, not saved.
    const edited = await noivu.post('/agencies/so-tu-phap', { ...fields, name: 'Tên khác', intent: 'save', confirm });
    expect(edited.status).toBe(200);
    expect((await registry.get('so-tu-phap'))?.agency.name).toBe('Sở Tư pháp');
    const saved = await noivu.post('/agencies/so-tu-phap', { ...fields, intent: 'save', confirm });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/agencies/so-tu-phap?saved=1');
    expect(await registry.get('so-tu-phap')).toMatchObject({ version: 1, agency: { name: 'Sở Tư pháp tỉnh Bình Định', leadAreas: ['institutions'], contacts: ['a@sotuphap.example.gov.vn'] } });
    // The same save again is on a stale version now.
    const stale = await noivu.post('/agencies/so-tu-phap', { ...fields, intent: 'save', confirm });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Cơ quan này vừa được Chuyên viên Sở Nội vụ thay đổi lúc 23/11/2026 10:00');
  });

  it('answers invalid input with 400 and the field named in Vietnamese', async () => {
    const response = await noivu.post('/agencies', { intent: 'preview', id: 'so-moi', name: 'Sở Mới', kind: 'department', validFrom: '2026-10-01', validTo: '2026-09-01' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Ngày hết hiệu lực phải bằng hoặc sau ngày bắt đầu hiệu lực.');
    expect(page).toContain('aria-invalid="true"');
  });
});

describe('the set-password page', () => {
  it('refuses a cross-site post and a bad link', async () => {
    const crossSite = await fetch(`${api.url}/account/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ u: 'bao', t: 'x'.repeat(43), password: 'mat-khau-moi-2026', confirm: 'mat-khau-moi-2026' }),
    });
    expect(crossSite.status).toBe(403);
    const bad = await fetch(`${api.url}/account/set-password?u=bao&t=${'x'.repeat(43)}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Đường dẫn không hợp lệ, đã dùng hoặc đã hết hạn.');
  });
});
