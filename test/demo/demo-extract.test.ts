/**
 * The product's extractor (shared/extract/extract.ts) over every demo
 * source, fetched from the running demo sites: the working sources yield
 * their items, the broken ones fail the way source health expects.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config/load';
import type { CchcConfig, Source } from '../../shared/config/schema';
import { discoverFeedUrlFromBody, extractAuto, extractItems, ExtractError, type ExtractedItem } from '../../shared/extract/extract';
import { scheduleItems } from '../../infra/demo/schedule';
import { DEMO_SITES, startDemoSites, type DemoSites } from '../../infra/demo/server';

/** Wednesday 25 November 2026, 10:30 in Vietnam. */
const NOW = new Date('2026-11-25T03:30:00Z');
const HOUR = 3_600_000;

let demo: DemoSites;
let config: CchcConfig;

beforeAll(async () => {
  demo = await startDemoSites({ ports: 'auto', now: () => NOW });
  config = demo.rewriteConfig(parseConfig(JSON.parse(readFileSync(fileURLToPath(new URL('../../config/demo.json', import.meta.url)), 'utf8'))));
});

afterAll(async () => {
  await demo?.close();
});

async function fetchBody(url: string) {
  const response = await fetch(url);
  return { body: new Uint8Array(await response.arrayBuffer()), url, contentType: response.headers.get('content-type') };
}

/** What a collector does for one source: one fetch (two for `auto`), then extraction. */
async function extract(source: Source): Promise<ExtractedItem[]> {
  const page = await fetchBody(source.url);
  if (source.kind !== 'auto') return extractItems({ source, ...page, now: NOW });
  const feedUrl = discoverFeedUrlFromBody(page.body, page.url, page.contentType, source.encoding);
  return extractAuto(page, await fetchBody(feedUrl), source, NOW);
}

describe('extractItems over the demo sites', () => {
  const working = DEMO_SITES.filter((site) => !site.broken);

  it.each(working.map((site) => [site.id, site.source.kind] as const))('%s (%s) yields its items with titles and absolute URLs', async (id) => {
    const site = DEMO_SITES.find((s) => s.id === id)!;
    const source = config.sources.find((s) => s.id === id)!;
    const items = await extract(source);
    const expected = scheduleItems(site, NOW);

    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(items.map((item) => item.title)).toEqual(expected.map((item) => item.title));
    const origin = new URL(source.url).origin;
    items.forEach((item, i) => {
      expect(item.title.trim()).not.toBe('');
      const url = new URL(item.url);
      expect(url.href).toBe(item.url); // absolute, already normalised
      expect(url.origin).toBe(origin);
      // Tracking parameters and fragments may remain; the page itself is the item's article.
      const path = url.pathname + (expected[i]!.path.includes('?') ? url.search : '');
      expect(path).toBe(expected[i]!.path);
      // Dates, where the list gives one, land within a day of the real instant
      // (date-only forms are 00:00; "N giờ trước" is rounded to the hour).
      if (item.publishedAt !== null) {
        expect(item.publishedAt).toMatch(/(Z|[+-]\d\d:\d\d)$/);
        expect(Math.abs(Date.parse(item.publishedAt) - expected[i]!.publishedAt.getTime())).toBeLessThan(24 * HOUR);
      }
    });
  });

  it('finds dates on every list that prints them, and none where the list has none', async () => {
    for (const site of working) {
      const items = await extract(config.sources.find((s) => s.id === site.id)!);
      const dated = items.filter((item) => item.publishedAt !== null).length;
      if (site.id === 'ubnd-tuy-phuoc-tin-tuc') expect(dated, site.id).toBe(0);
      else expect(dated, site.id).toBeGreaterThanOrEqual(items.length - 1); // Quy Nhơn omits one date on purpose
    }
  });

  it('fails on the maintenance page served for the Sở Công Thương feed', async () => {
    const source = config.sources.find((s) => s.id === 'so-cong-thuong-tin-tuc')!;
    await expect(extract(source)).rejects.toBeInstanceOf(ExtractError);
  });

  it('reports selector-no-match on the redesigned Ban Quản lý Khu kinh tế page', async () => {
    const source = config.sources.find((s) => s.id === 'ban-quan-ly-khu-kinh-te-tin-tuc')!;
    await expect(extract(source)).rejects.toMatchObject({ name: 'ExtractError', code: 'selector-no-match' });
  });
});
