/** GET /outbox and /outbox/{id} through the local API Gateway adapter: admins only, newest first, escaped. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/handler';
import { startApiServer } from '../../infra/local/http-server';
import { hashPassword } from '../../shared/auth';
import { listMail } from '../../shared/mail/mail-log';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import { signIn, type TestSession } from '../support/session';
import { freshStores } from '../support/stores';

const now = new Date('2026-12-24T03:00:00Z');
let api: Awaited<ReturnType<typeof startApiServer>>;
let admin: TestSession;
let editor: TestSession;
let dir: string;
let ids: { first: string; hostile: string };

beforeAll(async () => {
  const clients = await freshStores();
  dir = mkdtempSync(join(tmpdir(), 'cchc-outbox-pages-'));
  let clock = new Date('2026-12-10T01:00:00Z');
  const mailer = new OutboxMailer({ clients, dir, sender: 'cchc@binhdinh.example.gov.vn', now: () => clock });
  await mailer.send({ to: ['so-tu-phap@example.gov.vn'], subject: 'Nhắc nộp tin CCHC quý IV', text: 'Kính gửi: Sở Tư pháp,\nCòn 21 ngày.', tag: 'reminder:2026-Q4:21:so-tu-phap' });
  clock = new Date('2026-12-24T01:00:00Z');
  await mailer.send({ to: ['x@example.gov.vn'], subject: '<script>alert(1)</script> Tổng hợp', text: 'Nội dung <b>không</b> phải HTML', html: '<p>html</p>', tag: 'reminder:2026-Q4:7:rollup' });
  const [hostile, first] = await listMail(clients, { now });
  ids = { first: first!.id, hostile: hostile!.id };
  const users = await Promise.all(
    [
      { id: 'quantri', name: 'Quản trị', role: 'admin' as const },
      { id: 'bao', name: 'Biên tập viên Báo', role: 'editor-newspaper' as const },
    ].map(async (u) => ({ ...u, agencyId: null, passwordHash: await hashPassword('mat-khau-thu') })),
  );
  api = await startApiServer(createApiHandler({ clients, now: () => now, users }), { port: 0 });
  admin = await signIn(api.url, 'quantri', 'mat-khau-thu');
  editor = await signIn(api.url, 'bao', 'mat-khau-thu');
});

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the outbox pages', () => {
  it('list the sent mail newest first for an admin, with recipients, subject, tag, time and transport', async () => {
    const response = await admin.get('/outbox');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Hộp thư đã gửi');
    expect(page.indexOf('reminder:2026-Q4:7:rollup')).toBeLessThan(page.indexOf('reminder:2026-Q4:21:so-tu-phap'));
    expect(page).toContain('so-tu-phap@example.gov.vn');
    expect(page).toContain('10/12/2026 08:00');
    expect(page).toContain('Hộp thư cục bộ (.eml)');
    expect(page).toContain(`href="/outbox/${ids.first}"`);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Tổng hợp');
    expect(page).not.toContain('<script>alert');
  });

  it('show one message’s text part from its .eml, escaped', async () => {
    const page = await (await admin.get(`/outbox/${ids.hostile}`)).text();
    expect(page).toContain('Nội dung &lt;b&gt;không&lt;/b&gt; phải HTML');
    expect(page).not.toContain('<b>không</b>');
    const first = await (await admin.get(`/outbox/${ids.first}`)).text();
    expect(first).toContain('Kính gửi: Sở Tư pháp,\nCòn 21 ngày.');
    expect(first).toContain('.eml');
  });

  it('fall back to the logged text when the file is gone', async () => {
    rmSync(dir, { recursive: true, force: true });
    expect(await (await admin.get(`/outbox/${ids.first}`)).text()).toContain('Còn 21 ngày.');
  });

  it('answer 404 for an unknown message and 403 to anyone but an admin', async () => {
    expect((await admin.get('/outbox/bm9wZQ')).status).toBe(404);
    expect((await editor.get('/outbox')).status).toBe(403);
    expect((await editor.get(`/outbox/${ids.first}`)).status).toBe(403);
    const anonymous = await fetch(`${api.url}/outbox`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/auth\/signin/);
  });
});
