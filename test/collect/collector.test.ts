import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { freshStores } from '../support/stores';
import { createLocalPipeline, type LocalPipeline } from '../../infra/local/pipeline';
import type { Source } from '../../shared/config/schema';
import type { AwsClients } from '../../shared/store/clients';
import { SnapshotStore } from '../../shared/store/snapshots';
import { dueSortKey } from '../../shared/store/sources-repo';
import { keys } from '../../shared/store/table';
import { GetCommand } from '@aws-sdk/lib-dynamodb';

/** A tiny set of agency sites on loopback, whose pages the tests change between cycles. */
function agencySites() {
  const pages = new Map<string, { body: string | Buffer; type: string; etag?: string }>();
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/robots.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    if (path === '/hang') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss><channel>');
      return; // never ends: the fetch must time out
    }
    if (path === '/garbage') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 5 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('error', () => {});
      return pump();
    }
    if (path.startsWith('/loop')) return void response.writeHead(302, { location: path === '/loop' ? '/loop2' : '/loop' }).end();
    const page = pages.get(path);
    if (!page) return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
    if (page.etag && request.headers['if-none-match'] === page.etag) return void response.writeHead(304, { etag: page.etag }).end();
    const gzip = /gzip/.test(String(request.headers['accept-encoding']));
    const body = gzip ? gzipSync(page.body) : page.body;
    response.writeHead(200, { 'content-type': page.type, ...(page.etag ? { etag: page.etag } : {}), ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    response.end(body);
  });
  return { server, pages, hits };
}

const rss = (items: { title: string; link: string; date?: string; description?: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Sở</title>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link>${i.date ? `<pubDate>${i.date}</pubDate>` : ''}${
          i.description ? `<description>${i.description}</description>` : ''
        }</item>`,
    )
    .join('')}</channel></rss>`;

const article = (title: string, words: number, date?: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${
    date ? `<meta property="article:published_time" content="${date}">` : ''
  }<meta name="description" content="Mô tả từ trang bài viết."></head><body><nav>Trang chủ</nav><article><h1>${title}</h1>${'<p>Người dân được hướng dẫn nộp hồ sơ trực tuyến tại Trung tâm Phục vụ hành chính công tỉnh. </p>'.repeat(
    words,
  )}</article><footer>Bản quyền</footer></body></html>`;

describe('collection cycle against real local stores and sites', () => {
  let clients: AwsClients;
  let sites: ReturnType<typeof agencySites>;
  let base: string;
  let pipeline: LocalPipeline;
  let clock = new Date('2026-11-23T02:00:00Z');

  const sources = (): Source[] => [
    { id: 'so-noi-vu-rss', agencyId: 'so-noi-vu', kind: 'rss', url: `${base}/a/feed.xml` },
    { id: 'ubnd-quy-nhon-html', agencyId: 'ubnd-quy-nhon', kind: 'html', url: `${base}/b/tin-tuc.html`, html: { item: 'ul.news > li', title: 'a', link: 'a', date: 'span.date' } },
    { id: 'hang', agencyId: 'so-tu-phap', kind: 'rss', url: `${base}/hang` },
    { id: 'garbage', agencyId: 'so-tu-phap', kind: 'rss', url: `${base}/garbage` },
    { id: 'loop', agencyId: 'so-tu-phap', kind: 'rss', url: `${base}/loop` },
    { id: 'maintenance', agencyId: 'so-tu-phap', kind: 'rss', url: `${base}/maintenance` },
    { id: 'tu-phap-auto', agencyId: 'so-tu-phap', kind: 'auto', url: `${base}/c/index.html` },
  ];

  const storyCount = async () => (await pipeline.deps.sources.listAll()).reduce((sum, r) => sum + r.storiesCreated, 0);

  beforeAll(async () => {
    clients = await freshStores();
    sites = agencySites();
    await new Promise<void>((resolve) => sites.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(sites.server.address() as AddressInfo).port}`;
    sites.pages.set('/a/feed.xml', {
      type: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      body: rss([
        { title: 'Sở Nội vụ triển khai vị trí việc làm năm 2026', link: `${base}/a/tin/1?utm_source=rss`, date: 'Mon, 23 Nov 2026 08:30:00 +0700', description: 'Rà soát vị trí việc làm trong các cơ quan hành chính.' },
        { title: 'Một cửa liên thông điện tử được mở rộng tới cấp xã', link: `${base}/a/tin/2`, date: 'Sun, 22 Nov 2026 10:00:00 +0700', description: 'Hồ sơ được tiếp nhận trực tuyến.' },
        { title: 'Tin không ngày tháng để lấy ngày từ trang bài viết', link: `${base}/a/tin/3` },
      ]),
    });
    sites.pages.set('/b/tin-tuc.html', {
      type: 'text/html; charset=utf-8',
      body: `<html><body><ul class="news">
        <li><a href="/b/bai/10">Một cửa liên thông điện tử được mở rộng tới cấp xã</a><span class="date">22/11/2026 11:00</span></li>
        <li><a href="/b/bai/11">Quy Nhơn đối thoại với doanh nghiệp về thủ tục đầu tư</a><span class="date">21/11/2026</span></li>
      </ul></body></html>`,
    });
    sites.pages.set('/c/index.html', { type: 'text/html; charset=utf-8', body: '<html><head><link rel="alternate" type="application/rss+xml" href="/c/feed.xml"></head><body></body></html>' });
    sites.pages.set('/c/feed.xml', {
      type: 'application/rss+xml',
      body: rss([{ title: 'Sở Tư pháp phổ biến Luật Ban hành văn bản quy phạm pháp luật', link: `${base}/c/tin/1`, date: 'Mon, 23 Nov 2026 07:00:00 +0700' }]),
    });
    sites.pages.set('/maintenance', { type: 'text/html; charset=utf-8', body: '<html><body><h1>Trang đang bảo trì</h1></body></html>' });
    for (const [path, title, date] of [
      ['/a/tin/1', 'Sở Nội vụ triển khai vị trí việc làm năm 2026'],
      ['/a/tin/2', 'Một cửa liên thông'],
      ['/a/tin/3', 'Tin không ngày tháng', '2026-11-20T09:15:00+07:00'],
      ['/b/bai/11', 'Quy Nhơn đối thoại'],
    ] as const) {
      sites.pages.set(path, { type: 'text/html; charset=utf-8', body: article(title, 30, date) });
    }
    pipeline = createLocalPipeline({
      clients,
      now: () => clock,
      fetcher: { timeoutMs: 800, maxBytes: 1024 * 1024, perHostGapMs: 0 },
      articleRetryDelayMs: () => 20,
    });
    await pipeline.seed({
      agencies: ['so-noi-vu', 'ubnd-quy-nhon', 'so-tu-phap'].map((id) => ({
        id, name: id, kind: 'department' as const, leadAreas: [], contacts: [], validFrom: '2020-01-01', validTo: null, successorId: null,
      })),
      sources: sources(),
    });
  });

  afterAll(async () => {
    pipeline?.close();
    sites.server.closeAllConnections();
    await new Promise((resolve) => sites.server.close(resolve));
  });

  it('lands every good source complete while the hanging, oversized, looping and broken ones fail with reasons', async () => {
    const summary = await pipeline.runCycle({ all: true });
    const by = new Map(summary.results.map((r) => [r.sourceId, r]));
    const feed = by.get('so-noi-vu-rss')!;
    const list = by.get('ubnd-quy-nhon-html')!;
    expect([feed.outcome, list.outcome]).toEqual(['ok', 'ok']);
    // One item of the list page is the story the feed carried: whichever source
    // ran first created it, the other recorded a syndicated copy.
    expect(feed.newStories + list.newStories).toBe(4);
    expect(feed.syndicated + list.syndicated).toBe(1);
    expect(by.get('hang')).toMatchObject({ outcome: 'failed' });
    expect(by.get('hang')!.error).toMatch(/timed out/);
    expect(by.get('garbage')!.error).toMatch(/larger than/);
    expect(by.get('loop')!.error).toMatch(/redirect/);
    expect(by.get('maintenance')!.outcome).toBe('failed');
    expect(by.get('tu-phap-auto')).toMatchObject({ outcome: 'ok', newStories: 1 });
    expect(await storyCount()).toBe(5);
  });

  it('keeps one story for a syndicated text, crediting both agencies', async () => {
    const newest = await pipeline.deps.stories.listNewest(10, clock);
    const shared = newest.filter((s) => s.title.startsWith('Một cửa liên thông điện tử'));
    expect(shared).toHaveLength(1);
    const story = shared[0]!;
    expect([...story.agencyIds].sort()).toEqual(['so-noi-vu', 'ubnd-quy-nhon']);
    expect(story.agencyIds[0]).toBe(story.agencyId);
    const urls = [story.url, ...story.alsoPublishedBy.map((p) => p.url)].sort();
    expect(urls).toEqual([`${base}/a/tin/2`, `${base}/b/bai/10`]);
    expect(await pipeline.deps.stories.creditsOf('ubnd-quy-nhon', '2026-Q4')).toHaveLength(2);
  });

  it('stores canonical URLs, without the tracking parameters the feed added', async () => {
    const newest = await pipeline.deps.stories.listNewest(10, clock);
    expect(newest.map((s) => s.url)).toContain(`${base}/a/tin/1`);
    expect(newest.some((s) => s.url.includes('utm_'))).toBe(false);
  });

  it('keeps the raw feed in S3 byte for byte, content-addressed', async () => {
    const story = (await pipeline.deps.stories.listNewest(10, clock)).find((s) => s.sourceId === 'so-noi-vu-rss')!;
    const bytes = await new SnapshotStore(clients).get(story.rawSnapshotKey!);
    expect(Buffer.from(bytes).toString('utf8')).toBe(sites.pages.get('/a/feed.xml')!.body);
  });

  it('fills article text, and the date the list lacked, in the asynchronous article stage', async () => {
    await pipeline.articleQueue.idle();
    const newest = await pipeline.deps.stories.listNewest(10, clock);
    const undated = newest.find((s) => s.title.startsWith('Tin không ngày tháng'))!;
    expect(undated.article.status).toBe('done');
    expect(undated.wordCount).toBeGreaterThan(300);
    expect(undated.text).not.toContain('Bản quyền');
    expect(undated.publishedAt).toBe('2026-11-20T09:15:00+07:00');
    expect(undated.summary).toBe('Mô tả từ trang bài viết.');
    expect(undated.quarter).toBe('2026-Q4');
    // An article page that 404s is retried, never blocks the list, and the story stays visible.
    const missing = newest.find((s) => s.url.endsWith('/b/bai/10') || s.url.endsWith('/a/tin/2'));
    expect(missing).toBeDefined();
  });

  it('costs no new story and answers 304 on the second cycle, and backs off the failing sources', async () => {
    clock = new Date(clock.getTime() + 30 * 60_000);
    const before = sites.hits.get('/a/feed.xml');
    const summary = await pipeline.runCycle({ all: true });
    const by = new Map(summary.results.map((r) => [r.sourceId, r]));
    expect(sites.hits.get('/a/feed.xml')).toBe(before! + 1);
    expect(by.get('so-noi-vu-rss')!.outcome).toBe('not-modified');
    expect(by.get('ubnd-quy-nhon-html')).toMatchObject({ outcome: 'ok', newStories: 0, seen: 2 });
    expect(summary.newStories).toBe(0);
    const hang = await pipeline.deps.sources.get('hang');
    expect(hang!.health.consecutiveFailures).toBe(2);
    // Second failure: twice the 30-minute interval.
    expect(new Date(hang!.health.nextAttemptAt).getTime() - clock.getTime()).toBe(60 * 60_000);
    expect(await storyCount()).toBe(5);
    // The dispatcher's query: a healthy source is due every cycle, a backed-off one not before its next attempt.
    const dueAt = async (minutes: number) => (await pipeline.deps.sources.listDue(new Date(clock.getTime() + minutes * 60_000))).map((r) => r.source.id);
    expect(await dueAt(29)).toEqual([]);
    expect(await dueAt(30)).toContain('so-noi-vu-rss');
    expect(await dueAt(30)).not.toContain('hang');
    expect(await dueAt(60)).toContain('hang');
    // A healthy source's index key does not move from poll to poll (a moved key costs DynamoDB two more writes).
    const indexKey = async (id: string) => (await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.source(id) }))).Item!.gsi1sk;
    expect(await indexKey('so-noi-vu-rss')).toBe(dueSortKey({ nextAttemptAt: '2000-01-01T00:00:00.000Z', consecutiveFailures: 0 }, 'so-noi-vu-rss'));
    expect(await indexKey('hang')).toBe(`${hang!.health.nextAttemptAt}#hang`);
  });

  it('records "needs repair" when a list page that used to match no longer does, and never a partial story', async () => {
    sites.pages.set('/b/tin-tuc.html', { type: 'text/html; charset=utf-8', body: '<html><body><div class="redesigned"><a href="/b/bai/12">Tin mới</a></div></body></html>' });
    clock = new Date(clock.getTime() + 30 * 60_000);
    const summary = await pipeline.runCycle({ all: true });
    const html = summary.results.find((r) => r.sourceId === 'ubnd-quy-nhon-html')!;
    expect(html.outcome).toBe('no-match');
    expect(html.needsRepair).toBe(true);
    const record = await pipeline.deps.sources.get('ubnd-quy-nhon-html');
    expect(record!.health.needsRepair).toBe(true);
    expect(await storyCount()).toBe(5);
  });

  it('forgets an auto source\'s feed when it vanishes, and finds the new one on the next poll', async () => {
    sites.pages.set('/c/feed2.xml', sites.pages.get('/c/feed.xml')!);
    sites.pages.delete('/c/feed.xml');
    sites.pages.set('/c/index.html', { type: 'text/html; charset=utf-8', body: '<html><head><link rel="alternate" type="application/rss+xml" href="/c/feed2.xml"></head></html>' });
    clock = new Date(clock.getTime() + 30 * 60_000);
    const failed = (await pipeline.runCycle({ all: true })).results.find((r) => r.sourceId === 'tu-phap-auto')!;
    expect(failed).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/404/) });
    expect((await pipeline.deps.sources.get('tu-phap-auto'))!.http.feedUrl).toBeNull();
    clock = new Date(clock.getTime() + 30 * 60_000);
    const found = (await pipeline.runCycle({ all: true })).results.find((r) => r.sourceId === 'tu-phap-auto')!;
    expect(found).toMatchObject({ outcome: 'ok', newStories: 0, seen: 1 });
    expect((await pipeline.deps.sources.get('tu-phap-auto'))!.http.feedUrl).toBe(`${base}/c/feed2.xml`);
  });
});
