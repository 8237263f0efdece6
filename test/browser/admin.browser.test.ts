/**
 * The admin screens of issue 8 in a real browser (Debian's Chromium through
 * playwright-core) against the local runtime: Sở Nội vụ records a merger —
 * the preview first, then the save, then the quarter view follows — and an
 * admin invites a user who then chooses a password and signs in. Plain
 * forms, no script needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, newPage, signInAs, startBrowserRuntime, submitSignIn, submitting, type BrowserRuntime } from './support/runtime';
import { StoriesRepository } from '../../shared/store/stories-repo';

const MERGED = { id: 'so-thong-tin-truyen-thong', name: 'Sở Thông tin và Truyền thông' };
const SUCCESSOR = { id: 'so-khoa-hoc-cong-nghe', name: 'Sở Khoa học và Công nghệ' };

let runtime: BrowserRuntime;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startBrowserRuntime(), launchChromium()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await runtime?.close();
});

async function open() {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  return opened;
}

describe('agencies, users and tokens in a browser', () => {
  it('Sở Nội vụ records a merger: sees its effect on the quarters, saves it, and the quarter view follows', async () => {
    const credited = await new StoriesRepository(runtime.clients).agencyCredits(MERGED.id, '2026-Q4');
    expect(credited.length).toBeGreaterThan(0);
    const { page, dialogs, errors } = await open();
    await signInAs(page, runtime.baseUrl, 'noivu', '/compliance/2026-Q4');
    expect(await page.locator('main').innerText()).toContain(MERGED.name);

    await submitting(page, () => page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Cơ quan', exact: true }).click());
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Danh mục cơ quan, đơn vị');
    await submitting(page, () => page.getByRole('link', { name: MERGED.name, exact: true }).click());
    expect(new URL(page.url()).pathname).toBe(`/agencies/${MERGED.id}`);

    await page.getByLabel('Hiệu lực đến ngày').fill('2026-09-30');
    await page.getByLabel('Cơ quan kế thừa').selectOption({ label: SUCCESSOR.name });
    expect(await page.getByRole('button', { name: 'Xác nhận và lưu' }).count()).toBe(0);
    expect(await submitting(page, () => page.getByRole('button', { name: 'Xem trước ảnh hưởng' }).click())).toBe(200);

    // The preview: Q3 unchanged (still judged), Q4 no longer expected, its stories credited to nobody.
    const preview = page.getByRole('region', { name: 'Ảnh hưởng tới báo cáo các quý' });
    const text = await preview.innerText();
    expect(text).toContain('2026-Q3');
    expect(text).toContain('2026-Q4');
    expect(text).toContain(SUCCESSOR.name);
    expect(text).toMatch(/Quý 2026-Q4: \d+ tin đang được tính sẽ không còn được tính\./);
    const q4Row = preview.locator('tr', { has: page.locator('th', { hasText: '2026-Q4' }) });
    expect(await q4Row.innerText()).toMatch(/Có\s*→\s*Không/);
    // Nothing was saved by the preview.
    const untouched = await page.context().request.get(`${runtime.baseUrl}/compliance/2026-Q4`);
    expect(await untouched.text()).toContain(MERGED.name);

    expect(await submitting(page, () => page.getByRole('button', { name: 'Xác nhận và lưu' }).click())).toBe(200);
    expect(new URL(page.url()).search).toBe('?saved=1');
    expect(await page.getByRole('status').innerText()).toBe('Đã lưu thay đổi.');
    const history = page.getByRole('region', { name: 'Lịch sử thay đổi' });
    expect(await history.innerText()).toContain('Chuyên viên Sở Nội vụ');
    expect(await history.innerText()).toContain('Hiệu lực đến ngày: null → "2026-09-30"');

    await page.goto(`${runtime.baseUrl}/compliance/2026-Q4`);
    const q4 = await page.locator('main').innerText();
    expect(q4).not.toContain(MERGED.name);
    expect(q4).toContain(SUCCESSOR.name);
    await page.goto(`${runtime.baseUrl}/compliance/2026-Q3`);
    expect(await page.locator('main').innerText()).toContain(MERGED.name);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a second editor on the same version is told who changed the agency, in Vietnamese (409)', async () => {
    const first = await open();
    const second = await open();
    await signInAs(first.page, runtime.baseUrl, 'noivu', '/agencies/so-tu-phap');
    await signInAs(second.page, runtime.baseUrl, 'quantri', '/agencies/so-tu-phap');
    for (const { page } of [first, second]) {
      await page.getByLabel('Tên cơ quan').fill(page === first.page ? 'Sở Tư pháp tỉnh Bình Định' : 'Sở Tư pháp (sửa)');
      await submitting(page, () => page.getByRole('button', { name: 'Xem trước ảnh hưởng' }).click());
    }
    expect(await submitting(first.page, () => first.page.getByRole('button', { name: 'Xác nhận và lưu' }).click())).toBe(200);
    expect(await submitting(second.page, () => second.page.getByRole('button', { name: 'Xác nhận và lưu' }).click())).toBe(409);
    expect(await second.page.getByRole('alert').first().innerText()).toMatch(/^Cơ quan này vừa được Chuyên viên Sở Nội vụ thay đổi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} — hãy tải lại trang/);
  });

  it('an admin invites a user, who opens the one-time link, chooses a password and signs in', async () => {
    const { page, errors } = await open();
    await signInAs(page, runtime.baseUrl, 'quantri', '/');
    await submitting(page, () => page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Người dùng', exact: true }).click());
    const invite = page.getByRole('region', { name: 'Mời người dùng mới' });
    await invite.getByLabel('Tên đăng nhập').fill('canbo-tuphap');
    await invite.getByLabel('Họ tên').fill('Nguyễn Thị Hồng');
    await invite.getByLabel('Vai trò').selectOption({ label: 'Cán bộ cơ quan, đơn vị' });
    await invite.getByLabel('Cơ quan (chỉ với cán bộ cơ quan)').selectOption({ value: 'so-tu-phap' });
    expect(await submitting(page, () => invite.getByRole('button', { name: 'Mời người dùng' }).click())).toBe(200);
    const link = await page.locator('#set-password-link').innerText();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/account\/set-password\?u=canbo-tuphap&t=[\w-]{43}$/);
    expect(await page.locator('tr', { hasText: 'canbo-tuphap' }).innerText()).toContain('Chờ đặt mật khẩu');

    const invited = await open();
    await invited.page.goto(link);
    expect(await invited.page.getByRole('heading', { level: 1 }).innerText()).toBe('Đặt mật khẩu');
    await invited.page.getByLabel('Mật khẩu mới').fill('hong-tuphap-2026');
    await invited.page.getByLabel('Nhập lại mật khẩu').fill('hong-tuphap-2026');
    await submitting(invited.page, () => invited.page.getByRole('button', { name: 'Đặt mật khẩu' }).click());
    expect(await invited.page.getByRole('status').innerText()).toBe('Đã đặt mật khẩu. Bạn có thể đăng nhập.');
    await submitting(invited.page, () => invited.page.getByRole('link', { name: 'Đến trang đăng nhập' }).click());
    await submitSignIn(invited.page, 'canbo-tuphap', 'hong-tuphap-2026');
    expect(await invited.page.locator('header').innerText()).toContain('Đang đăng nhập: Nguyễn Thị Hồng (Cán bộ cơ quan, đơn vị)');
    // An agency user has no admin links.
    expect(await invited.page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    // The link is spent.
    await invited.page.goto(link);
    expect(await invited.page.getByRole('alert').innerText()).toContain('Đường dẫn không hợp lệ, đã dùng hoặc đã hết hạn');

    // Disabled, the user is signed out at once.
    await page.goto(`${runtime.baseUrl}/users`);
    await submitting(page, () => page.locator('tr', { hasText: 'canbo-tuphap' }).getByRole('button', { name: 'Khóa' }).click());
    expect(await page.getByRole('status').first().innerText()).toContain('Đã khóa “canbo-tuphap”');
    await invited.page.goto(`${runtime.baseUrl}/`);
    expect(new URL(invited.page.url()).pathname).toBe('/auth/signin');
    expect(errors).toEqual([]);
  });

  it('an admin issues an API token shown once, which then works and is revoked', async () => {
    const { page } = await open();
    await signInAs(page, runtime.baseUrl, 'quantri', '/tokens');
    await page.getByLabel('Người dùng').selectOption({ value: 'bao' });
    await page.getByLabel('Nhãn (để nhận ra token)').fill('Cổng thông tin tỉnh');
    await submitting(page, () => page.getByRole('button', { name: 'Cấp token' }).click());
    const token = await page.locator('#issued-token').innerText();
    expect(token).toMatch(/^cchc_[\w-]{43}$/);
    const call = () => fetch(`${runtime.baseUrl}/api/v1/desks`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);
    expect(await call()).toBe(200);
    await page.goto(`${runtime.baseUrl}/tokens`);
    expect(await page.locator('main').innerText()).not.toContain(token);
    await submitting(page, () => page.locator('tr', { hasText: 'Cổng thông tin tỉnh' }).getByRole('button', { name: 'Thu hồi' }).click());
    expect(await page.locator('tr', { hasText: 'Cổng thông tin tỉnh' }).innerText()).toContain('Đã thu hồi');
    expect(await call()).toBe(401);
  });
});
