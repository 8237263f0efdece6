/**
 * "Thử nguồn này": the pure preview over the extractor fixtures and hostile
 * or broken pages, and the fetch through the collector's fetcher against a
 * local HTTP server (robots.txt, User-Agent, size cap).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewSource } from '../../shared/sources/preview';
import { testSource } from '../../shared/sources/test-source';
import { renderTestResult } from '../../shared/web/pages/source-admin';
import { createFetcher } from '../../shared/collect/fetch/fetcher';
import { parseSource } from '../../shared/config/load';
import type { Source } from '../../shared/config/schema';

const SITES = resolve(import.meta.dirname, '../fixtures/sites');
const now = new Date('2024-04-05T06:00:00Z');
const bytes = (text: string) => new TextEncoder().encode(text);

interface Meta {
  contentType: string;
  url: string;
  expectError: boolean;
  feedUrl?: string;
  feedContentType?: string;
}

const cases = readdirSync(SITES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('previewSource over the extractor fixtures', () => {
  it.each(cases)('%s', async (name) => {
    const dir = join(SITES, name);
    const source = parseSource(JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8')));
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
    const expected = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { title: string; url: string; publishedAt: string | null });
    const feed = existsSync(join(dir, 'body-feed')) ? { body: readFileSync(join(dir, 'body-feed')), url: meta.feedUrl!, contentType: meta.feedContentType ?? null } : null;
    const preview = await previewSource({ source, page: { body: readFileSync(join(dir, 'body')), url: meta.url, contentType: meta.contentType }, feed, now });
    const codes = preview.problems.map((problem) => problem.code);
    if (meta.expectError) {
      expect(preview.collected).toBe(0);
      expect(codes).toContain('empty-result');
      return;
    }
    // The count is the extractor's own: what collection would store.
    expect(preview.collected).toBe(expected.length);
    expect(codes).not.toContain('empty-result');
    expect(codes).not.toContain('item-no-match');
    const kept = preview.rows.filter((row) => row.collected);
    expect(kept.map((row) => row.title)).toEqual(expected.map((item) => item.title));
    expect(kept.map((row) => row.url)).toEqual(expected.map((item) => item.url));
    expect(kept.map((row) => row.publishedAt)).toEqual(expected.map((item) => item.publishedAt));
    for (const row of preview.rows) expect(row.snippet.length).toBeGreaterThan(0);
  });
});

const LIST_URL = 'https://so.example.gov.vn/tin-tuc/';

function htmlSource(selectors: Partial<NonNullable<Source['html']>> = {}): Source {
  return parseSource({ id: 'thu', agencyId: 'so-thu', kind: 'html', url: LIST_URL, html: { item: 'li.news', title: 'a.t', link: 'a.t', date: 'span.d', ...selectors } });
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body><ul>
<li class="news"><a class="t" href="/tin/1.html">Đẩy mạnh cải cách thủ tục hành chính</a> <span class="d">05/04/2024</span><script>alert('x')</script></li>
<li class="news"><a class="t" href="javascript:void(0)">Tin có liên kết hỏng</a> <span class="d">ngày xửa ngày xưa</span></li>
<li class="news"><a class="t" href="tin/3.html">Số hóa hồ sơ một cửa</a> <span class="d">2024-04-03</span></li>
</ul></body></html>`;

const preview = (source: Source, text = PAGE) => previewSource({ source, page: { body: bytes(text), url: LIST_URL, contentType: 'text/html; charset=utf-8' }, now });

describe('previewSource: what needs a look', () => {
  it('shows each item with its resolved link, parsed date and its own markup, and names unparsed dates and unresolved links', async () => {
    const result = await preview(htmlSource());
    expect(result.total).toBe(3);
    expect(result.collected).toBe(2);
    expect(result.rows.map((row) => [row.title, row.url, row.publishedAt, row.collected])).toEqual([
      ['Đẩy mạnh cải cách thủ tục hành chính', 'https://so.example.gov.vn/tin/1.html', '2024-04-05T00:00:00+07:00', true],
      ['Tin có liên kết hỏng', null, null, false],
      ['Số hóa hồ sơ một cửa', 'https://so.example.gov.vn/tin-tuc/tin/3.html', '2024-04-03T00:00:00+07:00', true],
    ]);
    expect(result.rows[1]!.href).toBe('javascript:void(0)');
    expect(result.rows[0]!.snippet).toContain("<script>alert('x')</script>");
    expect(result.problems.map((p) => p.code)).toEqual(['dates-unparsed', 'links-unresolved']);
    expect(result.problems[0]!.message).toBe('1 ngày đăng không đọc được (ví dụ: "ngày xửa ngày xưa").');
    expect(result.problems[1]!.message).toContain('javascript:void(0)');
    expect(result.selectorHits).toEqual([
      { field: 'title', selector: 'a.t', hits: 3 },
      { field: 'link', selector: 'a.t', hits: 3 },
      { field: 'date', selector: 'span.d', hits: 3 },
    ]);
  });

  it('says so when the item selector matches nothing, and that the result is empty', async () => {
    const result = await preview(htmlSource({ item: 'div.tin-moi' }));
    expect(result.problems.map((p) => p.code)).toEqual(['item-no-match', 'empty-result']);
    expect(result.problems[0]!.message).toBe('Bộ chọn tin "div.tin-moi" không khớp phần tử nào trên trang.');
  });

  it('names a field selector that matches in no item, or only in some', async () => {
    const none = await preview(htmlSource({ title: 'h3.title', date: 'time' }));
    expect(none.problems.map((p) => p.message)).toEqual([
      'Bộ chọn tiêu đề "h3.title" không khớp gì trong tin nào.',
      'Bộ chọn ngày đăng "time" không khớp gì trong tin nào.',
      '1 liên kết không thành địa chỉ http(s) được (ví dụ: "javascript:void(0)").',
      'Không lấy được tin nào: kiểm tra lại bộ chọn hoặc loại nguồn.',
    ]);
    const some = await preview(htmlSource({ link: 'a[href$=".html"]' }));
    expect(some.problems.map((p) => p.code)).toContain('field-partial');
  });

  it('names a malformed selector instead of failing', async () => {
    const result = await preview(htmlSource({ item: 'li[' }));
    expect(result.problems[0]!.code).toBe('invalid-selector');
    expect(result.problems[0]!.message).toContain('"li["');
  });

  it('points out a feed whose items carry no date', async () => {
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title><item><title>Tin một</title><link>https://so.example.gov.vn/1</link></item></channel></rss>`;
    const source = parseSource({ id: 'thu-rss', agencyId: 'so-thu', kind: 'rss', url: 'https://so.example.gov.vn/rss' });
    const result = await previewSource({ source, page: { body: bytes(rss), url: source.url, contentType: 'application/rss+xml' }, now });
    expect(result.collected).toBe(1);
    expect(result.problems.map((p) => p.code)).toEqual(['no-dates']);
    expect(result.rows[0]!.snippet).toMatch(/^<item>/);
  });

  it('renders the page’s markup as escaped text, never as markup', async () => {
    const result = await preview(htmlSource());
    const markup = renderTestResult({ ok: true, fetched: { url: LIST_URL, status: 200, bytes: 10, ms: 5 }, feedUrl: null, preview: result }).toString();
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(markup).toContain('Khi thu thập sẽ lấy được 2 tin.');
  });
});

describe('testSource: fetched now, politely, within limits', () => {
  let server: Server;
  let origin = '';
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  let page = PAGE;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ path: request.url ?? '', headers: request.headers });
      if (request.url === '/robots.txt') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /rieng/\n');
      } else if (request.url === '/lon') {
        response.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(200_000));
      } else {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' }).end(page);
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address() as { port: number };
    origin = `http://127.0.0.1:${address.port}`;
  });

  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const fetcher = () => createFetcher({ contactUrl: 'https://example.org/lien-he', allowPrivateNetworks: true, perHostGapMs: 0, maxBytes: 100_000, timeoutMs: 2000 });
  const at = (path: string, selectors: Partial<NonNullable<Source['html']>> = {}) => ({ ...htmlSource(selectors), url: `${origin}${path}` });

  it('fetches with the collector’s User-Agent after reading robots.txt, and previews what it got', async () => {
    const result = await testSource({ fetcher: fetcher(), now: () => now }, at('/tin-tuc/'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.preview.collected).toBe(2);
    expect(result.fetched.status).toBe(200);
    expect(seen.map((request) => request.path)).toEqual(['/robots.txt', '/tin-tuc/']);
    expect(seen[1]!.headers['user-agent']).toBe('cchc-pipeline/0.1 (+https://example.org/lien-he)');
    // A test must see the page as it is now, never a 304 of the last poll.
    expect(seen[1]!.headers['if-none-match']).toBeUndefined();
  });

  it('respects robots.txt and the size cap, reporting why instead of throwing', async () => {
    const shared = fetcher();
    const disallowed = await testSource({ fetcher: shared, now: () => now }, at('/rieng/tin'));
    expect(disallowed).toEqual({ ok: false, error: expect.stringContaining('robots.txt disallows /rieng/tin') });
    const large = await testSource({ fetcher: shared, now: () => now }, at('/lon'));
    expect(large.ok).toBe(false);
    expect(!large.ok && large.error).toMatch(/100000|too large|bytes/i);
  });

  it('shows a redesigned page’s empty result, then the fixed selector’s items', async () => {
    page = PAGE.replace(/<li class="news">/g, '<div class="card">').replace(/<\/li>/g, '</div>');
    const broken = await testSource({ fetcher: fetcher(), now: () => now }, at('/tin-tuc/'));
    expect(broken.ok && broken.preview.problems.map((p) => p.code)).toEqual(['item-no-match', 'empty-result']);
    const fixed = await testSource({ fetcher: fetcher(), now: () => now }, at('/tin-tuc/', { item: 'div.card' }));
    expect(fixed.ok && fixed.preview.collected).toBe(2);
    page = PAGE;
  });
});
