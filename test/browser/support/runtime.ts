/**
 * What `npm start` runs, started inside the test process for the browser
 * tests: the demo agency sites (free ports, the demo configuration rewritten
 * to them), the local pipeline seeded and through one collection cycle, and
 * the api function (and source-preview, routed as in AWS) behind the local HTTP adapter — on the global setup's
 * DynamoDB Local and s3rver, with a table of this file's own.
 *
 * The clock is fixed: the demo sites date their items relative to it, the
 * desks' freshness rules and slots are computed from it, and so the queue,
 * the next page (`2026-11`) and the next air date (`2026-12-05`) are the
 * same on every run.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { freshStores } from '../../support/stores';
import { startDemoSites, type DemoSites } from '../../../infra/demo/server';
import { DEMO_PASSWORDS } from '../../../infra/demo/users';
import { createLocalPipeline, type LocalPipeline } from '../../../infra/local/pipeline';
import { routeByPrefix, startApiServer } from '../../../infra/local/http-server';
import { DEMO_CONFIG } from '../../../infra/local/paths';
import { createApiHandler } from '../../../functions/api/handler';
import { createSourcePreviewHandler, sourcePreviewRoutes } from '../../../functions/source-preview/handler';
import { loadConfig } from '../../../shared/config/load';
import type { CchcConfig } from '../../../shared/config/schema';
import type { AwsClients } from '../../../shared/store/clients';

/** The fixed clock of the browser tests: Monday 23 November 2026, 10:00 in Vietnam. */
export const BROWSER_NOW = new Date('2026-11-23T03:00:00Z');

/** Where the browser tests find Debian's Chromium (scripts/ensure-chromium.mjs installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface BrowserRuntime {
  /** e.g. `http://127.0.0.1:39245` */
  baseUrl: string;
  clients: AwsClients;
  config: CchcConfig;
  pipeline: LocalPipeline;
  demo: DemoSites;
  now: () => Date;
  close(): Promise<void>;
}

/**
 * Starts the local runtime on a fresh table: demo sites, seed, one cycle over
 * every source, then the web UI. The article stage is paused by default: the
 * queue, the desks and the planner work from titles and summaries, and
 * fetching the ~150 article texts takes ~50 s on two cores. With
 * `fetchArticles` they are all fetched (and re-classified) before the UI
 * starts — never while a test runs, since an arriving article bumps its
 * story's version and a test's next form would then meet a conflict.
 */
export async function startBrowserRuntime(options: { fetchArticles?: boolean } = {}): Promise<BrowserRuntime> {
  const now = () => BROWSER_NOW;
  const clients = await freshStores();
  const demo = await startDemoSites({ ports: 'auto', now });
  const cleanups: (() => Promise<void> | void)[] = [() => demo.close()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  };
  try {
    const config = demo.rewriteConfig(await loadConfig(DEMO_CONFIG));
    // Loopback demo sites: a short per-host gap keeps the cycle quick (politeness is tested elsewhere).
    const pipeline = createLocalPipeline({ clients, desks: config.desks ?? [], now, fetcher: { perHostGapMs: 50 } });
    cleanups.push(() => pipeline.close());
    if (!options.fetchArticles) pipeline.articleQueue.pause();
    await pipeline.seed(config);
    const summary = await pipeline.runCycle({ all: true });
    if (summary.newStories < 100) throw new Error(`the demo cycle collected only ${summary.newStories} stories`);
    if (options.fetchArticles) await pipeline.articleQueue.idle();
    // As `npm start` routes: "Thử nguồn này" to the source-preview function, with the collector's fetcher.
    const preview = createSourcePreviewHandler({ clients, desks: config.desks ?? [], users: config.users ?? [], now, fetcher: pipeline.deps.fetcher });
    const handler = routeByPrefix(sourcePreviewRoutes(preview), createApiHandler({ clients, desks: config.desks ?? [], users: config.users ?? [], now }));
    const api = await startApiServer(handler, { port: 0, host: '127.0.0.1' });
    cleanups.push(() => api.close());
    const baseUrl = `http://127.0.0.1:${new URL(api.url).port}`;
    return { baseUrl, clients, config, pipeline, demo, now, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Debian's Chromium, headless, without the background traffic a test does not want. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type DemoUser = keyof typeof DEMO_PASSWORDS;

/** A new browser context (own cookies) in Vietnamese, with a page that fails the test on any dialog or page error. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, dialogs, errors };
}

/** Fills the sign-in form by its labels and submits it (the page must show the form). */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await submitting(page, () => page.getByRole('button', { name: 'Đăng nhập' }).click());
}

/**
 * Runs an action that submits a form (or follows a link) and waits until the
 * next document has loaded — also when it has the same URL, as a page shown
 * again with an error has. Resolves to the status of that document's response.
 */
export async function submitting(page: Page, action: () => Promise<unknown>): Promise<number> {
  const response = page.waitForEvent(
    'response',
    (candidate) => candidate.request().isNavigationRequest() && candidate.frame() === page.mainFrame() && (candidate.status() < 300 || candidate.status() >= 400),
  );
  const loaded = page.waitForEvent('load');
  await action();
  const [final] = await Promise.all([response, loaded]);
  return final.status();
}

/**
 * Signs in through the real form as a demo user, starting from `path` (an
 * anonymous visit redirects to the form, which returns there), and checks
 * that the browser landed on `path` signed in.
 */
export async function signInAs(page: Page, baseUrl: string, user: DemoUser, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  expect(new URL(page.url()).pathname).toBe('/auth/signin');
  await submitSignIn(page, user, DEMO_PASSWORDS[user]);
  const landed = new URL(page.url());
  expect(`${landed.pathname}${landed.search}`).toBe(path);
  await expect.poll(() => page.getByText('Đang đăng nhập:').count()).toBe(1);
}
