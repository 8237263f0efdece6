/**
 * The editorial desks through a real browser (Debian's headless Chromium
 * driven by playwright-core) against the local runtime — demo sites, one
 * collection cycle, the api function on a free port: what editors see and
 * do. One runtime and one browser for the file, a new context (own cookies)
 * per test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  BROWSER_NOW,
  launchChromium,
  newPage,
  signInAs,
  submitSignIn,
  submitting,
  startBrowserRuntime,
  type BrowserRuntime,
} from './support/runtime';
import { AREA_NAMES } from '../../shared/config/areas';
import { createDeskService } from '../../shared/desks/create';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { toStory, withMachineLabel } from '../../shared/stories/story';
import { DEMO_PASSWORDS } from '../../infra/demo/users';

const NEWSPAPER = 'Báo Bình Định — trang CCHC hằng tháng';
const TV = 'Đài PT-TH Bình Định — chuyên mục CCHC hai tuần một lần';
const BAO = 'Biên tập viên Báo Bình Định';

let runtime: BrowserRuntime;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startBrowserRuntime(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.close();
});

/** A fresh context and page; every dialog and page error is recorded. */
async function open() {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  return opened;
}

async function closeAll() {
  for (const context of contexts.splice(0)) await context.close();
}

/** The titles of the rows of the table on the page. */
async function rowTitles(page: Page): Promise<string[]> {
  return page.locator('table tbody tr td:nth-child(2) a').allInnerTexts();
}

/** Opens a story from a desk's queue by clicking its title. */
async function openFromQueue(page: Page, desk: string, title: string): Promise<void> {
  await page.goto(`${runtime.baseUrl}/desks/${desk}`);
  await submitting(page, () => page.getByRole('link', { name: title, exact: true }).click());
  expect(new URL(page.url()).pathname).toMatch(/^\/stories\/[\w-]+$/);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(title);
}

/** The desk's panel on a story page. */
const panel = (page: Page, deskName: string) => page.getByRole('region', { name: deskName });
const statusOf = (page: Page, deskName: string) => panel(page, deskName).locator('strong.status').innerText();

describe('the editorial desks in a browser', () => {
  it('sends an anonymous visitor to sign in, refuses a wrong password in Vietnamese, and returns the editor to the queue', async () => {
    const { page, dialogs, errors } = await open();
    await page.goto(`${runtime.baseUrl}/desks/newspaper`);
    const signIn = new URL(page.url());
    expect(signIn.pathname).toBe('/auth/signin');
    expect(signIn.searchParams.get('next')).toBe('/desks/newspaper');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Đăng nhập hệ thống');

    await submitSignIn(page, 'bao', 'sai-mat-khau');
    expect(new URL(page.url()).pathname).toBe('/auth/signin');
    const alert = page.locator('#signin-error');
    expect(await alert.innerText()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    // The username typed is kept, the password is not.
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('bao');
    expect(await page.getByLabel('Mật khẩu').inputValue()).toBe('');

    await submitSignIn(page, 'bao', DEMO_PASSWORDS.bao);
    expect(new URL(page.url()).pathname).toBe('/desks/newspaper');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(NEWSPAPER);
    expect(await page.locator('header').innerText()).toContain(`Đang đăng nhập: ${BAO}`);
    const titles = await rowTitles(page);
    expect(titles.length).toBeGreaterThanOrEqual(20);
    expect(titles).toContain('Ban hành Kế hoạch theo dõi tình hình thi hành pháp luật năm 2026');
    expect(await page.locator('table caption').innerText()).toBe('Hàng chờ: Đề xuất');
    expect(await page.locator('table thead').innerText()).toMatch(/Ngày\s+Tiêu đề\s+Cơ quan\s+Lĩnh vực\s+Độ dài/);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await closeAll();
  });

  it('filters the queue by area and by a search typed without diacritics', async () => {
    const { page } = await open();
    await signInAs(page, runtime.baseUrl, 'bao', '/desks/newspaper');
    const all = await rowTitles(page);

    await page.getByLabel('Lĩnh vực').selectOption({ label: AREA_NAMES.project06 });
    await submitting(page, () => page.getByRole('button', { name: 'Lọc', exact: true }).click());
    expect(new URL(page.url()).searchParams.get('area')).toBe('project06');
    const project06 = await rowTitles(page);
    expect(project06.length).toBeGreaterThanOrEqual(3);
    expect(project06.length).toBeLessThan(all.length);
    expect(project06).toContain('Người dân có thể đề nghị cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID');
    expect(project06).not.toContain('Ban hành Kế hoạch theo dõi tình hình thi hành pháp luật năm 2026');
    // Every row shows the area among its areas.
    const areaCells = await page.locator('table tbody tr td:nth-child(4)').allInnerTexts();
    expect(areaCells.every((cell) => cell.includes(AREA_NAMES.project06))).toBe(true);
    // The filter stays selected on the page it produced.
    expect(await page.getByLabel('Lĩnh vực').inputValue()).toBe('project06');

    // "ly lich tu phap" without diacritics finds "lý lịch tư pháp", and only it.
    await page.getByLabel('Tìm trong tiêu đề và tóm tắt (không cần dấu)').fill('ly lich tu phap');
    await submitting(page, () => page.getByLabel('Tìm trong tiêu đề và tóm tắt (không cần dấu)').press('Enter'));
    expect(await rowTitles(page)).toEqual(['Người dân có thể đề nghị cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID']);

    // The same search on every area, then a word that occurs nowhere.
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Tất cả' });
    await submitting(page, () => page.getByRole('button', { name: 'Lọc', exact: true }).click());
    expect(await rowTitles(page)).toEqual(['Người dân có thể đề nghị cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID']);
    await page.getByLabel('Tìm trong tiêu đề và tóm tắt (không cần dấu)').fill('khong co tu nay');
    await submitting(page, () => page.getByRole('button', { name: 'Lọc', exact: true }).click());
    expect(await rowTitles(page)).toEqual([]);
    expect(await page.getByText('Không có tin nào khớp bộ lọc.').isVisible()).toBe(true);

    await submitting(page, () => page.getByRole('link', { name: 'Bỏ lọc' }).click());
    expect(await rowTitles(page)).toEqual(all);
    await closeAll();
  });

  it('reviews a story, corrects its areas, shortlists it and schedules it into the month’s page', async () => {
    const { page, dialogs } = await open();
    await signInAs(page, runtime.baseUrl, 'bao', '/desks/newspaper');
    const title = 'Ban hành Kế hoạch theo dõi tình hình thi hành pháp luật năm 2026';
    await openFromQueue(page, 'newspaper', title);

    // Review: source link, agency, classification with its evidence.
    const article = page.locator('article.story');
    const source = page.getByRole('link', { name: 'Xem bài gốc' });
    expect(await source.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(await article.innerText()).toContain('Sở Tư pháp');
    expect(await article.innerText()).toContain('Tin cải cách hành chính');
    expect(await article.innerText()).toContain(`Lĩnh vực (chính trước): ${AREA_NAMES.institutions}`);
    expect(await article.innerText()).toMatch(/Căn cứ: .+/);
    expect(await article.locator('q').count()).toBeGreaterThan(0);
    expect(await statusOf(page, NEWSPAPER)).toBe('Đề xuất');
    expect(await page.getByRole('link', { name: '← Về danh sách tin' }).getAttribute('href')).toBe('/desks/newspaper');

    // Correct the areas: a new primary area and a secondary one.
    const form = page.getByRole('region', { name: 'Sửa phân loại' });
    await form.getByLabel('Lĩnh vực chính').selectOption({ label: AREA_NAMES.direction });
    await form.getByRole('checkbox', { name: AREA_NAMES.institutions }).check();
    expect(await submitting(page, () => form.getByRole('button', { name: 'Lưu phân loại' }).click())).toBe(200);
    expect(await page.getByRole('status').innerText()).toBe('Đã lưu.');
    expect(await article.innerText()).toContain(`Lĩnh vực (chính trước): ${AREA_NAMES.direction}, ${AREA_NAMES.institutions}`);
    expect(await article.innerText()).toContain(`Đã được ${BAO} sửa lúc 23/11/2026 10:00`);
    // The form now shows the corrected labels.
    expect(await form.getByLabel('Lĩnh vực chính').inputValue()).toBe('direction');
    expect(await form.getByRole('checkbox', { name: AREA_NAMES.institutions }).isChecked()).toBe(true);
    const history = page.getByRole('region', { name: 'Lịch sử' }).locator('tbody tr');
    const labelRow = history.filter({ hasText: 'Sửa phân loại' });
    expect(await labelRow.count()).toBe(1);
    expect(await labelRow.innerText()).toContain(BAO);
    expect(await labelRow.innerText()).toContain(`Sửa phân loại: ${AREA_NAMES.institutions} → ${AREA_NAMES.direction}; ${AREA_NAMES.institutions}`);

    // Shortlist, then schedule into the first slot offered (this month's page).
    await submitting(page, () => panel(page, NEWSPAPER).getByRole('button', { name: 'Chọn sơ bộ' }).click());
    expect(await statusOf(page, NEWSPAPER)).toBe('Đã chọn sơ bộ');
    const slot = panel(page, NEWSPAPER).getByLabel('Kỳ');
    expect(await slot.locator('option').first().innerText()).toBe('Trang CCHC tháng 11/2026');
    await slot.selectOption({ label: 'Trang CCHC tháng 11/2026' });
    expect(await submitting(page, () => panel(page, NEWSPAPER).getByRole('button', { name: 'Xếp lịch' }).click())).toBe(200);
    expect(await statusOf(page, NEWSPAPER)).toBe('Đã xếp lịch');
    expect(await panel(page, NEWSPAPER).innerText()).toContain('Kỳ: Trang CCHC tháng 11/2026');
    expect(await history.filter({ hasText: 'Đã chọn sơ bộ → Đã xếp lịch' }).count()).toBe(1);
    // Stepping back is offered.
    expect(await panel(page, NEWSPAPER).getByRole('button', { name: 'Bỏ xếp lịch' }).count()).toBe(1);

    // The queue's "scheduled" tab lists it with its slot.
    await page.goto(`${runtime.baseUrl}/desks/newspaper`);
    await submitting(page, () => page.getByRole('navigation', { name: 'Trạng thái' }).getByRole('link', { name: 'Đã xếp lịch' }).click());
    expect(await rowTitles(page)).toEqual([title]);
    expect(await page.locator('table tbody').innerText()).toContain('Kỳ: Trang CCHC tháng 11/2026');
    expect(dialogs).toEqual([]);
    await closeAll();
  });

  it('refuses to overfill a TV segment, saying why', async () => {
    const { page } = await open();
    await signInAs(page, runtime.baseUrl, 'truyenhinh', '/desks/tv');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(TV);

    // A long story: 880 s of the segment's 900.
    await openFromQueue(page, 'tv', 'Nâng cao mức tự chủ tài chính của các đơn vị sự nghiệp công lập');
    const seconds = panel(page, TV).getByLabel('Thời lượng (giây)');
    await seconds.fill('880');
    expect(await submitting(page, () => panel(page, TV).getByRole('button', { name: 'Lưu thời lượng' }).click())).toBe(200);
    expect(await page.getByRole('status').innerText()).toBe('Đã lưu.');
    expect(await panel(page, TV).getByLabel('Thời lượng (giây)').inputValue()).toBe('880');
    expect(await panel(page, TV).innerText()).toContain('do biên tập viên sửa');
    const airDate = panel(page, TV).getByLabel('Kỳ');
    expect(await airDate.locator('option').first().innerText()).toBe('Chương trình CCHC phát sóng thứ Bảy, 05/12/2026');
    await airDate.selectOption({ index: 0 });
    expect(await submitting(page, () => panel(page, TV).getByRole('button', { name: 'Xếp lịch' }).click())).toBe(200);
    expect(await statusOf(page, TV)).toBe('Đã xếp lịch');

    // The next story (45 s) no longer fits that air date.
    await openFromQueue(page, 'tv', 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc qua dịch vụ công trực tuyến');
    await panel(page, TV).getByLabel('Kỳ').selectOption({ index: 0 });
    const status = await submitting(page, () => panel(page, TV).getByRole('button', { name: 'Xếp lịch' }).click());
    expect(status).toBe(422);
    const error = await page.getByRole('alert').innerText();
    expect(error).toContain('Vượt dung lượng');
    expect(error).toContain('05/12/2026');
    expect(await statusOf(page, TV)).toBe('Đề xuất');
    // Another air date still takes it.
    await panel(page, TV).getByLabel('Kỳ').selectOption({ index: 1 });
    expect(await submitting(page, () => panel(page, TV).getByRole('button', { name: 'Xếp lịch' }).click())).toBe(200);
    expect(await statusOf(page, TV)).toBe('Đã xếp lịch');
    expect(await panel(page, TV).innerText()).toContain('19/12/2026');
    await closeAll();
  });

  it('tells the second editor who changed the story meanwhile, instead of overwriting it', async () => {
    const title = 'Hơn 95% hồ sơ đăng ký doanh nghiệp được nộp qua mạng';
    const first = await open();
    const second = await open();
    await Promise.all([signInAs(first.page, runtime.baseUrl, 'bao', '/desks/newspaper'), signInAs(second.page, runtime.baseUrl, 'quantri', '/desks/newspaper')]);
    await openFromQueue(first.page, 'newspaper', title);
    await openFromQueue(second.page, 'newspaper', title);
    expect(await statusOf(second.page, NEWSPAPER)).toBe('Đề xuất');

    await submitting(first.page, () => panel(first.page, NEWSPAPER).getByRole('button', { name: 'Chọn sơ bộ' }).click());
    expect(await statusOf(first.page, NEWSPAPER)).toBe('Đã chọn sơ bộ');

    // The second page is stale: it still offers "Chọn sơ bộ" on the old version.
    const status = await submitting(second.page, () => panel(second.page, NEWSPAPER).getByRole('button', { name: 'Chọn sơ bộ' }).click());
    expect(status).toBe(409);
    const message = await second.page.getByRole('alert').innerText();
    expect(message).toContain(`vừa được ${BAO} thay đổi lúc 23/11/2026 10:00`);
    expect(message).toContain('tải lại trang');
    // The page shown with the message is the current state, and the first editor's step stands alone in the history.
    expect(await statusOf(second.page, NEWSPAPER)).toBe('Đã chọn sơ bộ');
    const history = second.page.getByRole('region', { name: 'Lịch sử' }).locator('tbody tr');
    expect(await history.filter({ hasText: 'Đề xuất → Đã chọn sơ bộ' }).count()).toBe(1);
    await closeAll();
  });

  it('shows a hostile title as text, running nothing', async () => {
    const hostile = '<img src=x onerror=alert(1)> Sở Nội vụ hướng dẫn cải cách hành chính';
    const source = runtime.config.sources.find((candidate) => candidate.agencyId === 'so-noi-vu')!;
    const candidate = toStory({ title: hostile, url: `${new URL(source.url).origin}/tin/thu-doc-hai`, publishedAt: BROWSER_NOW.toISOString(), summary: 'Tóm tắt <script>alert(2)</script>' }, source, BROWSER_NOW);
    const label = { relevant: true, areas: ['procedures' as const], confidence: 0.9, evidence: ['cải cách hành chính'], version: 'test-1', at: BROWSER_NOW.toISOString() };
    const stories = new StoriesRepository(runtime.clients);
    expect(await stories.create(withMachineLabel(candidate, label))).toBe('created');
    await createDeskService(runtime.clients, runtime.config.desks ?? [], runtime.now).route((await stories.get(candidate.story.id))!, BROWSER_NOW, { isNew: true });

    const { page, dialogs, errors } = await open();
    await signInAs(page, runtime.baseUrl, 'bao', '/desks/newspaper');
    expect(await rowTitles(page)).toContain(hostile);
    expect(await page.getByRole('link', { name: hostile }).isVisible()).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    await openFromQueue(page, 'newspaper', hostile);
    expect(await page.getByText('Tóm tắt <script>alert(2)</script>').isVisible()).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.title()).toContain(hostile);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await closeAll();
  });

  it('completes the sign-in form with the keyboard alone', async () => {
    const { page } = await open();
    await page.goto(`${runtime.baseUrl}/desks/tv`);
    expect(new URL(page.url()).pathname).toBe('/auth/signin');
    // Tab from the top of the page until the username field has the focus.
    let reached = false;
    for (let tab = 0; tab < 10 && !reached; tab++) {
      await page.keyboard.press('Tab');
      reached = (await page.locator(':focus').getAttribute('name')) === 'username';
    }
    expect(reached).toBe(true);
    await page.keyboard.type('truyenhinh');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('name')).toBe('password');
    await page.keyboard.type(DEMO_PASSWORDS.truyenhinh);
    expect(await submitting(page, () => page.keyboard.press('Enter'))).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/desks/tv');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(TV);
    // The skip link comes first and leads to the content.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').innerText()).toBe('Bỏ qua thanh điều hướng');
    await closeAll();
  });

  it('plans the month’s page: the proposal is accepted and scheduled', async () => {
    const { page } = await open();
    await signInAs(page, runtime.baseUrl, 'bao', '/desks/newspaper');
    await submitting(page, () => page.getByRole('link', { name: 'Lập kế hoạch' }).click());
    expect(new URL(page.url()).pathname).toBe('/desks/newspaper/plan');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Lập kế hoạch: Trang CCHC tháng 11/2026');
    const inSlot = page.getByRole('region', { name: 'Đã xếp vào kỳ này' });
    // The page may already hold a story (the one scheduled above, when the whole file runs).
    const before = await inSlot.locator('li').count();
    const proposal = page.getByRole('region', { name: 'Đề xuất của hệ thống' });
    const chosen = proposal.getByRole('checkbox');
    const count = await chosen.count();
    expect(count).toBeGreaterThan(0);
    // Plenty of stories are waiting: the proposal fills the page's six stories, within its 3 000 words.
    expect(before + count).toBe(6);
    const titles = await proposal.locator('label strong').allInnerTexts();
    expect(new Set(titles).size).toBe(count);
    expect(await proposal.innerText()).toMatch(/lấp đầy \d+%/);
    // Every proposed story is checked; the editor leaves them so.
    for (let index = 0; index < count; index++) expect(await chosen.nth(index).isChecked()).toBe(true);

    expect(await submitting(page, () => proposal.getByRole('button', { name: 'Xếp các tin đã chọn' }).click())).toBe(200);
    expect(await page.getByRole('status').innerText()).toBe(`Đã xếp ${count} tin.`);
    expect(await page.getByRole('alert').count()).toBe(0);
    const scheduled = await page.getByRole('region', { name: 'Đã xếp vào kỳ này' }).locator('li a').allInnerTexts();
    expect(scheduled).toHaveLength(before + count);
    for (const title of titles) expect(scheduled).toContain(title);
    expect(await page.getByRole('region', { name: 'Đã xếp vào kỳ này' }).innerText()).toMatch(/6\/6 tin · [\d.]+\/3\.000 chữ · lấp đầy 100%/);
    // The queue agrees: they are scheduled now.
    await page.goto(`${runtime.baseUrl}/desks/newspaper?status=scheduled`);
    expect((await rowTitles(page)).sort()).toEqual([...scheduled].sort());
    await closeAll();
  });
});
