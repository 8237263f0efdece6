/**
 * The demo agency websites (infra/demo) and the two configuration files
 * (config/agencies.json, config/demo.json): valid, consistent with each
 * other, served over real loopback HTTP, deterministic for a given clock.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_IDS } from '../../shared/config/areas';
import { parseConfig } from '../../shared/config/load';
import type { CchcConfig, Source } from '../../shared/config/schema';
import {
  isoWeekBounds,
  isoWeekOf,
  quarterBounds,
  quarterOf,
  vietnamDate,
} from '../../shared/time/vietnam';
import { buildDemoConfig, DEMO_MERGER } from '../../infra/demo/config';
import { STORIES, resolveStory } from '../../infra/demo/news';
import { renderSitePage } from '../../infra/demo/render/site';
import { previousQuarterId, scheduleItems } from '../../infra/demo/schedule';
import { DEMO_FIRST_PORT, DEMO_SITES, startDemoSites, type DemoSites } from '../../infra/demo/server';
import { decode, discoveredFeed, feedLinks, get, htmlLinks } from './support';

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(repoFile(path), 'utf8'));

/** Wednesday 25 November 2026, 10:30 in Vietnam (2026-Q4, 2026-W48). */
const NOW = new Date('2026-11-25T03:30:00Z');

/** Clocks that stress the calendar: quarter start just after midnight, a Monday, New Year, mid-quarter. */
const CLOCKS = [
  new Date('2026-11-25T03:30:00Z'),
  new Date('2026-03-31T17:10:00Z'), // 2026-04-01 00:10 VN: first minutes of Q2, week began in Q1
  new Date('2026-07-06T00:00:00Z'), // Monday 07:00 VN
  new Date('2026-12-31T17:05:00Z'), // 2027-01-01 00:05 VN, ISO week 2026-W53
  new Date('2025-05-15T08:00:00Z'),
];

const contentSites = DEMO_SITES.filter((site) => site.broken?.mode !== 'maintenance');
const workingSites = DEMO_SITES.filter((site) => !site.broken);

const registry = readJson('config/agencies.json') as { agencies: Parameters<typeof buildDemoConfig>[0]['agencies'] };
const demoConfig = parseConfig(readJson('config/demo.json'));

let demo: DemoSites;
let config: CchcConfig;
const sourceOf = (siteId: string): Source => config.sources.find((source) => source.id === siteId)!;

beforeAll(async () => {
  demo = await startDemoSites({ ports: 'auto', now: () => NOW });
  config = demo.rewriteConfig(demoConfig);
});

afterAll(async () => {
  await demo?.close();
});

/** The article URLs a source's list page or feed links to, read without the product's extractor. */
async function articleLinks(source: Source): Promise<string[]> {
  const page = await get(source.url);
  const text = decode(page.bytes, page.contentType, source.encoding);
  if (source.kind === 'html') return htmlLinks(text, source.url, source.html!);
  if (source.kind === 'auto') {
    const feedUrl = discoveredFeed(text, source.url)!;
    const feed = await get(feedUrl);
    return feedLinks(decode(feed.bytes, feed.contentType), feedUrl);
  }
  return feedLinks(text, source.url);
}

describe('config/agencies.json, the agency registry', () => {
  const parsed = parseConfig(registry);
  const byId = new Map(parsed.agencies.map((agency) => [agency.id, agency]));

  it('validates with parseConfig and has no sources', () => {
    expect(parsed.agencies.length).toBeGreaterThanOrEqual(40);
    expect(parsed.sources).toEqual([]);
  });

  it('names every agency in NFC Vietnamese, with slug ids, valid from 2020 and not merged', () => {
    for (const agency of parsed.agencies) {
      expect(agency.name.normalize('NFC')).toBe(agency.name);
      expect(agency.id).toMatch(/^[a-z0-9-]+$/);
      expect(agency).toMatchObject({ validFrom: '2020-01-01', validTo: null, successorId: null });
      // No invented real-looking addresses: only example.gov.vn, or none.
      for (const contact of agency.contacts) expect(contact).toMatch(/@example\.gov\.vn$/);
    }
  });

  it('lists the eleven districts, towns and the city of Bình Định', () => {
    const districts = parsed.agencies.filter((agency) => agency.kind === 'district').map((agency) => agency.name);
    expect(districts).toHaveLength(11);
    for (const place of ['Quy Nhơn', 'An Nhơn', 'Hoài Nhơn', 'Tuy Phước', 'Phù Cát', 'Phù Mỹ', 'Tây Sơn', 'Vân Canh', 'Vĩnh Thạnh', 'Hoài Ân', 'An Lão']) {
      expect(districts.some((name) => name.endsWith(place))).toBe(true);
    }
    expect(byId.get('ubnd-quy-nhon')?.name).toBe('UBND thành phố Quy Nhơn');
  });

  it('gives the lead agencies of the 2025 plan their themes (domain.md)', () => {
    const lead = (id: string) => byId.get(id)?.leadAreas;
    expect(lead('so-tu-phap')).toEqual(['institutions']);
    expect(lead('van-phong-ubnd-tinh')).toEqual(['procedures']);
    expect(lead('so-noi-vu')).toEqual(['direction', 'organization', 'civil_service']);
    expect(lead('so-tai-chinh')).toEqual(['public_finance']);
    expect(lead('so-thong-tin-truyen-thong')).toEqual(['digital_government']);
    for (const id of ['so-ke-hoach-dau-tu', 'so-cong-thuong', 'ban-quan-ly-khu-kinh-te']) expect(lead(id)).toEqual(['business_environment']);
    expect(lead('cong-an-tinh')).toEqual(['project06']);
    expect(lead('so-khoa-hoc-cong-nghe')).toEqual(['science_innovation']);
    const leads = parsed.agencies.filter((agency) => agency.leadAreas.length > 0).map((agency) => agency.id);
    expect(leads).toHaveLength(10);
  });

  it('has the kinds the plans name: office, departments, districts, central agencies, associations, press', () => {
    const kinds = new Set(parsed.agencies.map((agency) => agency.kind));
    for (const kind of ['office', 'department', 'district', 'central', 'association', 'press']) expect(kinds).toContain(kind);
    expect(byId.get('van-phong-ubnd-tinh')?.kind).toBe('office');
    expect(byId.get('cong-an-tinh')?.kind).toBe('central');
    expect(byId.get('bao-binh-dinh')).toMatchObject({ kind: 'press', name: 'Báo Bình Định' });
    expect(byId.get('dai-ptth-binh-dinh')?.kind).toBe('press');
    expect(byId.get('tinh-doan')?.kind).toBe('association');
  });
});

describe('config/demo.json, the demo configuration', () => {
  it('validates with parseConfig', () => {
    expect(demoConfig.sources.length).toBeGreaterThanOrEqual(12);
  });

  it('is exactly what the registry and the site modules give (run infra/demo/write-config.ts after a change)', () => {
    expect(readJson('config/demo.json')).toEqual(buildDemoConfig(registry));
  });

  it('holds every registry agency, and records the merger of Sở Kế hoạch và Đầu tư into Sở Tài chính', () => {
    expect(demoConfig.agencies.map((agency) => agency.id)).toEqual(registry.agencies.map((agency) => agency.id));
    const merged = demoConfig.agencies.find((agency) => agency.id === DEMO_MERGER.id);
    expect(merged).toMatchObject({ validTo: '2025-02-28', successorId: 'so-tai-chinh' });
    const changed = demoConfig.agencies.filter((agency) => agency.validTo !== null || agency.successorId !== null);
    expect(changed.map((agency) => agency.id)).toEqual([DEMO_MERGER.id]);
  });

  it('points every source at 127.0.0.1 on its own fixed port 41NN, one per demo site', () => {
    const ports = demoConfig.sources.map((source) => new URL(source.url));
    for (const url of ports) {
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.port).toMatch(/^41\d\d$/);
    }
    expect(new Set(ports.map((url) => url.port)).size).toBe(demoConfig.sources.length);
    expect(demoConfig.sources.map((source) => source.id)).toEqual(DEMO_SITES.map((site) => site.id));
    expect(Number(ports[0]!.port)).toBe(DEMO_FIRST_PORT);
  });

  it('uses every source kind, html selectors on html sources, and the encoding override where the site lies', () => {
    const kinds = new Set(demoConfig.sources.map((source) => source.kind));
    expect([...kinds].sort()).toEqual(['atom', 'auto', 'html', 'rss']);
    for (const source of demoConfig.sources) expect(source.kind === 'html').toBe(source.html !== undefined);
    expect(demoConfig.sources.filter((source) => source.encoding).map((source) => source.id)).toEqual(['so-tu-phap-pbgdpl']);
  });
});

describe('the demo sites over HTTP', () => {
  it('serves at least 12 sites, each on its own origin', () => {
    expect(demo.sites.length).toBeGreaterThanOrEqual(12);
    expect(new Set(demo.sites.map((site) => site.origin)).size).toBe(demo.sites.length);
    for (const site of demo.sites) expect(site.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 200 at every working source URL of config/demo.json', async () => {
    for (const site of workingSites) {
      const response = await get(sourceOf(site.id).url);
      expect(response.status, site.id).toBe(200);
      expect(response.bytes.length, site.id).toBeGreaterThan(500);
    }
  });

  it('serves robots.txt on every site, the broken ones included', async () => {
    for (const site of demo.sites) {
      const response = await get(`${site.origin}/robots.txt`);
      expect(response.status, site.id).toBe(200);
      expect(response.contentType).toMatch(/^text\/plain/);
      expect(response.bytes.toString('utf8')).toMatch(/^User-agent: \*/);
    }
    const finance = await get(`${demo.sites.find((site) => site.id === 'so-tai-chinh-tin-tuc')!.origin}/robots.txt`);
    expect(finance.bytes.toString('utf8')).toContain('Disallow: /tim-kiem/');
  });

  it('answers 304 to a conditional GET with the ETag or with Last-Modified, and 200 when the validator is stale', async () => {
    for (const site of workingSites) {
      const url = sourceOf(site.id).url;
      const first = await get(url);
      const etag = first.headers.get('etag');
      const lastModified = first.headers.get('last-modified');
      expect(etag, site.id).toMatch(/^W\/"[0-9a-f]+"$/);
      expect(lastModified, site.id).not.toBeNull();
      expect((await get(url, { headers: { 'If-None-Match': etag! } })).status, site.id).toBe(304);
      expect((await get(url, { headers: { 'If-Modified-Since': lastModified! } })).status, site.id).toBe(304);
      expect((await get(url, { headers: { 'If-None-Match': 'W/"0000"' } })).status, site.id).toBe(200);
      const older = new Date(Date.parse(lastModified!) - 60_000).toUTCString();
      expect((await get(url, { headers: { 'If-Modified-Since': older } })).status, site.id).toBe(200);
    }
  });

  it('gzips when asked, and the gzip body decodes to the identity body', async () => {
    const site = demo.sites.find((s) => s.id === 'so-noi-vu-cchc')!;
    const raw = (acceptEncoding: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(site.sourceUrl, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const gzipped = await raw('gzip, deflate');
    const identity = await raw('identity');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gzipped.body).equals(identity.body)).toBe(true);
    expect(gzipped.headers.etag).toBe(identity.headers.etag);
  });

  it('links from every list page or feed to article pages that answer 200 with title, date and meta descriptions', async () => {
    for (const site of workingSites) {
      const source = sourceOf(site.id);
      const links = await articleLinks(source);
      expect(links.length, site.id).toBeGreaterThanOrEqual(8);
      expect(links.length, site.id).toBeLessThanOrEqual(20);
      for (const link of links) {
        const article = await get(link);
        expect(article.status, link).toBe(200);
        const $ = cheerio.load(decode(article.bytes, article.contentType, source.encoding));
        expect($('h1').first().text().trim().length, link).toBeGreaterThan(10);
        expect($('meta[name="description"]').attr('content')?.length, link).toBeGreaterThan(20);
        expect($('meta[property="og:description"]').attr('content'), link).toBe($('meta[name="description"]').attr('content'));
        expect($('article p').length, link).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('gives article dates in machine form on some sites (article:published_time, JSON-LD datePublished)', async () => {
    for (const id of ['ubnd-tuy-phuoc-tin-tuc', 'so-tai-chinh-tin-tuc']) {
      const [link] = await articleLinks(sourceOf(id));
      const $ = cheerio.load((await get(link!)).bytes.toString('utf8'));
      const published = $('meta[property="article:published_time"]').attr('content');
      expect(published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      const jsonLd = JSON.parse($('script[type="application/ld+json"]').text()) as { datePublished: string };
      expect(jsonLd.datePublished).toBe(published);
    }
  });

  it('discovers the auto site’s RSS feed from its page, and the feed has more items than the page', async () => {
    const source = sourceOf('so-thong-tin-truyen-thong-tin-tuc');
    const page = await get(source.url);
    const text = decode(page.bytes, page.contentType);
    const feedUrl = discoveredFeed(text, source.url);
    expect(feedUrl).toBe(new URL('/rss/tin-tuc.xml', source.url).href);
    const feed = await get(feedUrl!);
    expect(feed.status).toBe(200);
    expect(feed.contentType).toBe('application/rss+xml');
    expect(feedLinks(decode(feed.bytes, feed.contentType), feedUrl!).length).toBeGreaterThan(cheerio.load(text)('.card').length);
  });

  it('answers 405 to methods other than GET and HEAD, and 404 with a Vietnamese page elsewhere', async () => {
    const site = demo.sites[0]!;
    expect((await get(site.sourceUrl, { method: 'POST' })).status).toBe(405);
    expect((await get(site.sourceUrl, { method: 'HEAD' })).status).toBe(200);
    const missing = await get(`${site.origin}/khong-co-trang-nay.html`);
    expect(missing.status).toBe(404);
    expect(missing.bytes.toString('utf8')).toContain('Không tìm thấy trang');
  });
});

describe('the intentionally broken sites', () => {
  it('so-cong-thuong-tin-tuc answers 503 with a Vietnamese maintenance page, even for its feed URL', async () => {
    const site = DEMO_SITES.find((s) => s.broken?.mode === 'maintenance')!;
    expect(site.id).toBe('so-cong-thuong-tin-tuc');
    const response = await get(sourceOf(site.id).url);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3600');
    expect(response.contentType).toMatch(/^text\/html/);
    expect(response.bytes.toString('utf8')).toContain('Hệ thống đang bảo trì');
    expect(response.bytes.toString('utf8')).not.toContain('<rss');
  });

  it('ban-quan-ly-khu-kinh-te-tin-tuc answers 200 but its configured selectors match nothing after the redesign', async () => {
    const site = DEMO_SITES.find((s) => s.broken?.mode === 'redesigned')!;
    expect(site.id).toBe('ban-quan-ly-khu-kinh-te-tin-tuc');
    const source = sourceOf(site.id);
    const page = await get(source.url);
    expect(page.status).toBe(200);
    const text = decode(page.bytes, page.contentType);
    expect(cheerio.load(text)(source.html!.item).length).toBe(0);
    // The news is still there, in the new markup.
    const links = htmlLinks(text, source.url, { item: 'section.tin-moi article.the-tin', title: 'h3 a', link: 'h3 a' });
    expect(links.length).toBeGreaterThanOrEqual(8);
    for (const link of links) expect((await get(link)).status).toBe(200);
  });
});

describe('the quirks of real agency sites', () => {
  const bodyOf = async (siteId: string) => {
    const source = sourceOf(siteId);
    const response = await get(source.url);
    return { response, text: decode(response.bytes, response.contentType, source.encoding) };
  };

  it('serves windows-1258 declared only in <meta http-equiv>, with combining tone marks', async () => {
    const { response, text } = await bodyOf('ubnd-van-canh-cchc');
    expect(response.contentType).toBe('text/html');
    expect(response.bytes.toString('latin1')).toContain('charset=windows-1258');
    expect(response.bytes.toString('utf8')).toContain('\uFFFD'); // not UTF-8
    expect(text).toContain('CẢI CÁCH HÀNH CHÍNH');
    expect(text).toMatch(/ngày \d{1,2} tháng \d{1,2} năm \d{4}/);
    expect(text).toMatch(/Ngày \d{1,2} tháng \d{1,2} năm \d{4}/);
    expect(text).toMatch(/^<td valign="top"><a class="tieu-de" href="chitiet\.asp\?id=\d+">.*&#\d+;/m);
  });

  it('lies about its charset (iso-8859-1) on the site whose source overrides the encoding', async () => {
    const { response, text } = await bodyOf('so-tu-phap-pbgdpl');
    expect(response.contentType).toBe('text/html; charset=iso-8859-1');
    expect(response.bytes.toString('utf8')).toContain('Phổ biến, giáo dục pháp luật');
    expect(text).toMatch(/\d\d:\d\d - \d\d\/\d\d\/\d{4}/);
  });

  it('stores text decomposed (NFD) on the Công an tỉnh site', async () => {
    const response = await get(sourceOf('cong-an-tinh-de-an-06').url);
    const raw = response.bytes.toString('utf8');
    expect(raw).not.toBe(raw.normalize('NFC'));
    expect(raw).not.toContain('Công an tỉnh'.normalize('NFC'));
    expect(raw.normalize('NFC')).toMatch(/Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy), \d\d\/\d\d\/\d{4}, \d\d:\d\d \(GMT\+7\)|Chủ Nhật, \d\d\/\d\d\/\d{4}, \d\d:\d\d \(GMT\+7\)/);
  });

  it('prints every Vietnamese date form somewhere', async () => {
    expect((await bodyOf('ubnd-quy-nhon-cchc')).text).toMatch(/<span class="ngay">\d\d\/\d\d\/\d{4} \d\d:\d\d<\/span>/);
    const relative = (await bodyOf('ubnd-hoai-nhon-cchc')).text;
    expect(relative).toMatch(/<span class="date">\d+ (giờ|phút) trước<\/span>/);
    expect(relative).toContain('>Hôm qua</time>');
    expect((await bodyOf('so-giao-duc-dao-tao-cchc')).text).toMatch(/\d\d-\d\d-\d{4}/);
    expect((await bodyOf('dai-ptth-binh-dinh-tin-tuc')).text).toMatch(/<pubDate>\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d<\/pubDate>/);
    expect((await bodyOf('so-noi-vu-cchc')).text).toMatch(/<pubDate>\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0700<\/pubDate>/);
    expect((await bodyOf('van-phong-ubnd-tinh-cchc')).text).toMatch(/<pubDate>\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT<\/pubDate>/);
  });

  it('serves a feed that needs repair: raw & and &nbsp; inside the XML', async () => {
    const { text } = await bodyOf('van-phong-ubnd-tinh-cchc');
    expect(text).toMatch(/<title>[^<]* & [^<]*<\/title>/);
    expect(text).toContain(',&nbsp;');
    expect(text).toMatch(/<link>[^<]*\?ChuyenMuc=[^<&]*&Trang=1<\/link>/);
  });

  it('escapes HTML descriptions as entities in one feed and wraps them in CDATA in another', async () => {
    expect((await bodyOf('so-noi-vu-cchc')).text).toContain('<description>&lt;p&gt;&lt;img src=&quot;');
    const press = (await bodyOf('bao-binh-dinh-cchc')).text;
    expect(press).toMatch(/<description>\n<!\[CDATA\[\n<a href=/);
    expect(press).toContain('</br>');
  });

  it('serves a feed with a UTF-8 BOM and no charset in its Content-Type', async () => {
    const response = await get(sourceOf('dai-ptth-binh-dinh-tin-tuc').url);
    expect(response.contentType).toBe('text/xml');
    expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes links in every relative form, with tracking parameters and a fragment', async () => {
    const quyNhon = (await bodyOf('ubnd-quy-nhon-cchc')).text;
    for (const pattern of [/href="\.\/chi-tiet\//, /href="\.\.\/tin-tuc\/chi-tiet\//, /href="\/vi\/tin-tuc\/chi-tiet\//, /href="\/\/127\.0\.0\.1:\d+\//, /href=" {2}http:[^"]+#noi-dung {2}"/, /utm_source=zalo&amp;utm_medium=social/]) {
      expect(quyNhon).toMatch(pattern);
    }
    expect((await bodyOf('so-noi-vu-cchc')).text).toMatch(/<link>[^<]+\?utm_source=rss&amp;utm_medium=feed&amp;utm_campaign=cchc<\/link>/);
  });

  it('serves broken markup: unclosed li and p, raw &, upper-case tags, a comment in a title', async () => {
    const { text } = await bodyOf('so-giao-duc-dao-tao-cchc');
    expect(text).toMatch(/<li><a class=tieude href=index\.php\?option=com_content&view=article/);
    expect(text).toContain('<LI><A CLASS=tieude');
    expect(text).toContain('<!-- tin moi -->');
    expect(text).toContain('giáo dục & đào tạo');
    expect(text).toContain('<span class=ngay></span>');
    // The HTML5 parse still gives one item per entry.
    expect(cheerio.load(text)('ul.dstin > li').length).toBe(scheduleItems(DEMO_SITES.find((s) => s.id === 'so-giao-duc-dao-tao-cchc')!, NOW).length);
  });

  it('has list pages without dates or summaries, whose articles carry them', async () => {
    const { text } = await bodyOf('ubnd-tuy-phuoc-tin-tuc');
    expect(text).not.toMatch(/\d\d\/\d\d\/\d{4}/);
    const source = sourceOf('ubnd-tuy-phuoc-tin-tuc');
    expect(source.html?.date).toBeUndefined();
    expect(source.html?.summary).toBeUndefined();
    expect(sourceOf('ubnd-van-canh-cchc').html?.summary).toBeUndefined();
  });

  it('carries one story on two sites with the same title and text at different URLs (syndication)', async () => {
    const pairs = [
      ['so-noi-vu-cchc', 'bao-binh-dinh-cchc', 'syn-mot-cua-cap-xa'],
      ['van-phong-ubnd-tinh-cchc', 'dai-ptth-binh-dinh-tin-tuc', 'syn-thanh-toan-truc-tuyen'],
    ] as const;
    for (const [a, b, key] of pairs) {
      const articles = [];
      for (const id of [a, b]) {
        const site = DEMO_SITES.find((s) => s.id === id)!;
        const item = scheduleItems(site, NOW).find((i) => i.key === key)!;
        const origin = demo.sites.find((s) => s.id === id)!.origin;
        const page = await get(`${origin}${item.path}`);
        expect(page.status).toBe(200);
        const $ = cheerio.load(decode(page.bytes, page.contentType));
        articles.push({ url: `${origin}${item.path}`, title: $('h1').text(), text: $('article p').map((_, p) => $(p).text()).get() });
      }
      expect(articles[0]!.url).not.toBe(articles[1]!.url);
      expect(articles[0]!.title).toBe(articles[1]!.title);
      expect(articles[0]!.text).toEqual(articles[1]!.text);
    }
  });
});

describe('dates relative to the clock', () => {
  it.each(CLOCKS.map((now) => [now.toISOString(), now] as const))(
    'at %s every site with news has items today, in the current ISO week and in the previous quarter, none in the future',
    (_, now) => {
      const week = isoWeekOf(now);
      const quarter = quarterOf(now);
      const previous = previousQuarterId(quarter);
      const earliest = quarterBounds(previous).start;
      for (const site of contentSites) {
        const items = scheduleItems(site, now);
        expect(items.length, site.id).toBeGreaterThanOrEqual(8);
        expect(items.length, site.id).toBeLessThanOrEqual(20);
        const dates = items.map((item) => item.publishedAt);
        for (const date of dates) {
          expect(date.getTime(), site.id).toBeLessThanOrEqual(now.getTime());
          expect(date.getTime(), site.id).toBeGreaterThanOrEqual(earliest.getTime());
        }
        expect(dates.some((date) => vietnamDate(date) === vietnamDate(now)), `${site.id} today`).toBe(true);
        expect(dates.filter((date) => isoWeekOf(date) === week).length, `${site.id} week`).toBeGreaterThanOrEqual(2);
        expect(dates.some((date) => quarterOf(date) === quarter), `${site.id} quarter`).toBe(true);
        expect(dates.filter((date) => quarterOf(date) === previous).length, `${site.id} previous quarter`).toBeGreaterThanOrEqual(3);
        // Newest first, as list pages and feeds are ordered.
        expect([...dates].sort((x, y) => y.getTime() - x.getTime())).toEqual(dates);
      }
    },
  );

  it('spreads the current week over its own days, not only today, when the week is already under way', () => {
    const { start } = isoWeekBounds(isoWeekOf(NOW));
    for (const site of contentSites) {
      const earlier = scheduleItems(site, NOW).filter((item) => item.publishedAt >= start && vietnamDate(item.publishedAt) !== vietnamDate(NOW));
      expect(earlier.length, site.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps every date stable through the day once the morning news is out', () => {
    const morning = new Date('2026-11-25T01:00:00Z'); // 08:00 VN
    const evening = new Date('2026-11-25T14:00:00Z'); // 21:00 VN
    for (const site of contentSites) {
      const dates = (now: Date) => scheduleItems(site, now).map((item) => [item.key, item.publishedAt.toISOString()]);
      expect(dates(evening), site.id).toEqual(dates(morning));
    }
  });
});

describe('determinism', () => {
  it('renders the same bytes for the same clock and origin', () => {
    for (const site of contentSites) {
      const origin = `http://127.0.0.1:${site.port}`;
      const paths = [site.source.path, ...Object.keys(site.extraPages ?? {}), ...scheduleItems(site, NOW).map((item) => item.path)];
      for (const path of paths) {
        const a = renderSitePage(site, path, { now: NOW, origin });
        const b = renderSitePage(site, path, { now: new Date(NOW.getTime()), origin });
        expect(a.status, path).toBe(200);
        expect(a.body.equals(b.body), `${site.id} ${path}`).toBe(true);
      }
    }
  });

  it('serves the same bytes from two independent servers with the same clock, up to their origins', async () => {
    const other = await startDemoSites({ ports: 'auto', now: () => NOW });
    try {
      for (const site of contentSites) {
        const here = demo.sites.find((s) => s.id === site.id)!;
        const there = other.sites.find((s) => s.id === site.id)!;
        const paths = [site.source.path, ...scheduleItems(site, NOW).map((item) => item.path)];
        for (const path of paths) {
          const [a, b] = await Promise.all([get(`${here.origin}${path}`), get(`${there.origin}${path}`)]);
          const normalise = (bytes: Buffer, origin: string) => bytes.toString('latin1').split(new URL(origin).host).join('HOST');
          expect(normalise(a.bytes, here.origin), `${site.id} ${path}`).toBe(normalise(b.bytes, there.origin));
        }
      }
    } finally {
      await other.close();
    }
  });

  it('changes the list when the day changes', () => {
    const site = DEMO_SITES[0]!;
    const origin = `http://127.0.0.1:${site.port}`;
    const today = renderSitePage(site, site.source.path, { now: NOW, origin });
    const tomorrow = renderSitePage(site, site.source.path, { now: new Date(NOW.getTime() + 86_400_000), origin });
    expect(today.body.equals(tomorrow.body)).toBe(false);
  });
});

describe('the invented stories', () => {
  const voices = [...new Map(DEMO_SITES.map((site) => [site.voice.agency, site.voice])).values()];

  it('are NFC, label only known areas, and give article bodies of 150–600 words for every site voice', () => {
    for (const story of STORIES.values()) {
      for (const text of [story.title, story.summary, ...story.paragraphs]) expect(text.normalize('NFC'), story.key).toBe(text);
      for (const area of story.label.areas) expect(AREA_IDS).toContain(area);
      expect(story.label.relevant, story.key).toBe(story.label.areas.length > 0);
      for (const voice of voices) {
        const words = resolveStory(story, voice, NOW).paragraphs.join(' ').split(/\s+/).length;
        expect(words, `${story.key} (${voice.agency})`).toBeGreaterThanOrEqual(150);
        expect(words, `${story.key} (${voice.agency})`).toBeLessThanOrEqual(600);
      }
    }
  });

  it('mix reform news with other agency news on the sites', () => {
    const items = contentSites.flatMap((site) => scheduleItems(site, NOW));
    const relevant = items.filter((item) => item.label.relevant).length;
    expect(relevant / items.length).toBeGreaterThan(0.5);
    expect(relevant / items.length).toBeLessThan(0.85);
    const areas = new Set(items.flatMap((item) => item.label.areas));
    expect([...areas].sort()).toEqual([...AREA_IDS].sort());
  });

  it('are each carried by a site, and every site item names a story', () => {
    const used = new Set(DEMO_SITES.flatMap((site) => site.items.map((item) => item.story)));
    for (const key of used) expect(STORIES.has(key), key).toBe(true);
    for (const key of STORIES.keys()) expect(used.has(key), key).toBe(true);
  });
});

describe('rewriting and closing', () => {
  it('maps fixed-port demo URLs to the actual origins and leaves other URLs alone', () => {
    const first = demo.sites[0]!;
    expect(demo.rewriteUrl(`http://127.0.0.1:${DEMO_FIRST_PORT}/rss/x.rss?a=1#f`)).toBe(`${first.origin}/rss/x.rss?a=1#f`);
    expect(demo.rewriteUrl('https://example.gov.vn/rss')).toBe('https://example.gov.vn/rss');
    expect(demo.rewriteUrl('http://127.0.0.1:4999/x')).toBe('http://127.0.0.1:4999/x');
    expect(demo.rewriteUrl('not a url')).toBe('not a url');
    const rewritten = demo.rewriteConfig(demoConfig);
    expect(rewritten.sources.map((source) => source.url)).toEqual(demo.sites.map((site) => site.sourceUrl));
    expect(demoConfig.sources[0]!.url).toMatch(/:4101\//); // the input is not changed
    expect(rewritten.agencies).toBe(demoConfig.agencies);
  });

  it('closes promptly even with a keep-alive connection open, and then refuses connections', async () => {
    const own = await startDemoSites({ ports: 'auto', now: () => NOW });
    const url = own.sites[0]!.sourceUrl;
    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    await own.close();
    await own.close(); // idempotent
    await expect(fetch(url)).rejects.toThrow();
    agent.destroy();
  });
});
