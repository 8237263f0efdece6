/**
 * Source administration through a real browser against the local runtime:
 * an admin adds a source with "Thử nguồn này" against a local agency site;
 * the site is redesigned, the source goes "cần sửa" after failing cycles, the
 * admin fixes the selector with the preview, and the next good cycle clears
 * it. Cycles are driven as `cchc collect --once` drives them (the collector
 * over the source's record), the clock fixed as in every browser test.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newPage, signInAs, submitting, startBrowserRuntime, type BrowserRuntime } from './support/runtime';
import { runCollectionCycle } from '../../shared/collect/cycle';

const SOURCE_ID = 'so-tu-phap-tin-moi';

/** The agency's list page: before the redesign `li.news`, after it `div.card` (with a hostile script in each item). */
function listPage(redesigned: boolean): string {
  const items = [
    ['/tin/1.html', 'Sở Tư pháp rút ngắn thời gian cấp phiếu lý lịch tư pháp', '20/11/2026'],
    ['tin/2.html', 'Số hóa hồ sơ chứng thực tại bộ phận một cửa', '18/11/2026'],
    ['/tin/3.html', 'Đối thoại với doanh nghiệp về thủ tục hành chính', '15/11/2026'],
  ];
  const tag = redesigned ? 'div class="card"' : 'li class="news"';
  const close = redesigned ? '</div>' : '</li>';
  const body = items.map(([href, title, date]) => `<${tag}><a class="t" href="${href}">${title}</a> <span class="d">${date}</span><script>alert('xss')</script>${close}`).join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tin tức</title></head><body>${redesigned ? `<section>${body}</section>` : `<ul>${body}</ul>`}</body></html>`;
}

let runtime: BrowserRuntime;
let browser: Browser;
let site: Server;
let siteUrl = '';
let redesigned = false;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  site = createServer((request, response) => {
    if (request.url === '/tin-tuc/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listPage(redesigned));
    else if (request.url?.startsWith('/tin')) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><article><h1>Tin</h1><p>Nội dung.</p></article></body></html>');
    else response.writeHead(404).end();
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}/tin-tuc/`;
  [runtime, browser] = await Promise.all([startBrowserRuntime(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.close();
  await new Promise<void>((done) => (site ? site.close(() => done()) : done()));
});

async function open() {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  return opened;
}

/** One collection cycle over this source, as `cchc collect --once` runs it. */
async function cycle() {
  const record = (await runtime.pipeline.deps.sources.get(SOURCE_ID))!;
  return (await runCollectionCycle(runtime.pipeline.deps, [record])).results[0]!;
}

const cell = (page: Page, testId: string) => page.getByTestId(testId).innerText();

describe('/sources for admins', () => {
  it('adds a source after "Thử nguồn này" shows what it would collect, beside the page’s own markup as text', async () => {
    const { page, dialogs, errors } = await open();
    await signInAs(page, runtime.baseUrl, 'quantri', '/sources');
    await submitting(page, () => page.getByRole('link', { name: 'Thêm nguồn mới' }).click());
    await page.getByLabel('Mã nguồn').fill(SOURCE_ID);
    await page.getByLabel('Cơ quan', { exact: true }).selectOption('so-tu-phap');
    await page.getByLabel('Loại', { exact: true }).selectOption('html');
    await page.getByLabel('Địa chỉ (URL)').fill(siteUrl);
    await page.getByLabel('Mỗi tin (item)').fill('li.news');
    await page.getByLabel('Tiêu đề (title)').fill('a.t');
    await page.getByLabel('Liên kết (link)').fill('a.t');
    await page.getByLabel('Ngày đăng (date').fill('span.d');

    expect(await submitting(page, () => page.getByRole('button', { name: 'Thử nguồn này' }).click())).toBe(200);
    await expect.poll(() => page.getByText('Khi thu thập sẽ lấy được 3 tin.').count()).toBe(1);
    const rows = page.getByTestId('preview-items').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toContain(new URL('tin/2.html', siteUrl).href);
    expect(await rows.nth(0).innerText()).toContain('20/11/2026 00:00');
    // The page's markup is shown as text: the hostile script is visible, never run.
    expect(await rows.nth(0).locator('code').last().innerText()).toContain(`<script>alert('xss')</script>`);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.getByText('Không thấy vấn đề nào.').count()).toBe(1);
    // Nothing is saved by a test, and the form keeps what was typed.
    expect(await runtime.pipeline.deps.sources.get(SOURCE_ID)).toBeUndefined();
    expect(await page.getByLabel('Địa chỉ (URL)').inputValue()).toBe(siteUrl);
    expect(await page.getByLabel('Mỗi tin (item)').inputValue()).toBe('li.news');

    await submitting(page, () => page.getByRole('button', { name: 'Thêm nguồn' }).click());
    expect(new URL(page.url()).pathname).toBe(`/sources/${SOURCE_ID}`);
    expect(await page.getByRole('status').innerText()).toContain('Đã thêm nguồn');
    expect(await page.getByTestId('history').innerText()).toContain('Quản trị hệ thống');

    const polled = await cycle();
    expect(polled).toMatchObject({ outcome: 'ok', newStories: 3 });
    await page.reload();
    expect(await cell(page, 'failures')).toBe('0');
    expect(await cell(page, 'last-success')).not.toBe('—');
  });

  it('fixes a selector after a redesign: needs-repair after failing cycles, the preview finds the items again, the next good cycle clears it', async () => {
    redesigned = true;
    const { page } = await open();
    await signInAs(page, runtime.baseUrl, 'quantri', `/sources/${SOURCE_ID}`);
    await submitting(page, () => page.getByRole('button', { name: 'Thử lại ngay' }).click());
    expect(await page.getByRole('status').innerText()).toContain('lần điều phối tới sẽ thu thập nguồn này');
    expect(await cycle()).toMatchObject({ outcome: 'no-match', needsRepair: true });
    expect(await cycle()).toMatchObject({ outcome: 'no-match', needsRepair: true });
    await page.reload();
    expect(await cell(page, 'needs-repair')).toBe('Có');
    expect(await cell(page, 'failures')).toBe('2');
    expect(await cell(page, 'last-error')).toContain('li.news');
    // The list shows it too, for whoever reads source health.
    const editor = await open();
    await signInAs(editor.page, runtime.baseUrl, 'bao', '/sources');
    expect(await editor.page.getByRole('row', { name: new RegExp(SOURCE_ID) }).innerText()).toContain('Cần sửa');
    expect(await editor.page.getByRole('link', { name: 'Thêm nguồn mới' }).count()).toBe(0);
    expect((await editor.page.goto(`${runtime.baseUrl}/sources/${SOURCE_ID}`))!.status()).toBe(403);

    // Another admin has the page open on the old version.
    const other = await open();
    await signInAs(other.page, runtime.baseUrl, 'quantri', `/sources/${SOURCE_ID}`);

    await page.getByLabel('Mỗi tin (item)').fill('div.card');
    await submitting(page, () => page.getByRole('button', { name: 'Thử nguồn này' }).click());
    await expect.poll(() => page.getByText('Khi thu thập sẽ lấy được 3 tin.').count()).toBe(1);
    expect(await page.getByLabel('Mỗi tin (item)').inputValue()).toBe('div.card');
    await submitting(page, () => page.getByRole('button', { name: 'Lưu' }).click());
    expect(await page.getByRole('status').innerText()).toContain('Đã lưu thay đổi.');
    const history = await page.getByTestId('history').innerText();
    expect(history).toContain('Sửa cấu hình');
    expect(history).toContain('html.item: li.news → div.card');

    // The stale page's action is refused with who changed it and when.
    expect(await submitting(other.page, () => other.page.getByRole('button', { name: 'Đánh dấu đã sửa' }).click())).toBe(409);
    expect(await other.page.getByRole('alert').first().innerText()).toMatch(/^Nguồn này vừa được Quản trị hệ thống thay đổi lúc \d\d\/\d\d\/\d{4} \d\d:\d\d — hãy tải lại trang/);

    // The edit made the source due: the next cycle reads the new markup and clears needs-repair.
    expect(await cycle()).toMatchObject({ outcome: 'ok', needsRepair: false, seen: 3 });
    await page.reload();
    expect(await cell(page, 'needs-repair')).toBe('Không');
    expect(await cell(page, 'failures')).toBe('0');
  });
});
