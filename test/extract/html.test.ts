import { describe, expect, it } from 'vitest';
import type { Source } from '../../shared/config/schema';
import { discoverFeedUrl } from '../../shared/extract/discover';
import { discoverFeedUrlFromBody, extractAuto, extractItems } from '../../shared/extract/extract';
import { extractHtmlItems } from '../../shared/extract/html';
import { ExtractError } from '../../shared/extract/types';

const NOW = new Date('2024-04-05T05:00:00Z'); // 12:00 Vietnam time
const PAGE_URL = 'https://stp.example.gov.vn/tin-tuc/cchc';
const SELECTORS = { item: 'ul.news > li', title: 'a.title', link: 'a.title', date: '.date', summary: 'p.sapo' };
const encode = (text: string) => new TextEncoder().encode(text);

const page = (items: string, head = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body><ul class="news">${items}</ul></body></html>`;
const li = (title: string, href: string, rest = '') => `<li><a class="title" href="${href}">${title}</a>${rest}</li>`;

function thrown(action: () => unknown): ExtractError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractError);
    return error as ExtractError;
  }
  throw new Error('expected an ExtractError');
}

async function rejected(promise: Promise<unknown>): Promise<ExtractError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ExtractError);
  return error as ExtractError;
}

describe('extractHtmlItems', () => {
  it('fails with selector-no-match and a one-line reason when the item selector finds nothing', () => {
    const error = thrown(() => extractHtmlItems(page(li('Tin', '/a')), PAGE_URL, { ...SELECTORS, item: 'div.list-news .item' }, NOW));
    expect(error.code).toBe('selector-no-match');
    expect(error.message).toContain('div.list-news .item');
    expect(error.message).not.toContain('\n');
  });

  it('treats a malformed selector as a selector that finds nothing', () => {
    expect(thrown(() => extractHtmlItems(page(li('Tin', '/a')), PAGE_URL, { ...SELECTORS, item: 'ul[[' }, NOW)).code).toBe(
      'selector-no-match',
    );
  });

  it('keeps a hostile title written with escaped entities as plain text, not markup', () => {
    const [item] = extractHtmlItems(
      page(li('&lt;img src=x onerror=alert(1)&gt; Tin', '/a', '<p class="sapo">&lt;script&gt;alert(2)&lt;/script&gt;</p>')),
      PAGE_URL,
      SELECTORS,
      NOW,
    );
    // Decoded once: the text a reader sees, which a later HTML renderer must escape.
    expect(item?.title).toBe('<img src=x onerror=alert(1)> Tin');
    expect(item?.summary).toBe('<script>alert(2)</script>');
  });

  it('drops real markup inside a title and keeps only its text', () => {
    const title = '<img src=x onerror=alert(1)><b>Tin</b> <script>x()</script>mới';
    const [item] = extractHtmlItems(page(li(title, '/a')), PAGE_URL, SELECTORS, NOW);
    expect(item?.title).toBe('Tin mới');
  });

  it('survives a 5 MB page and still returns every item', () => {
    const details = `<span class="date">05/04/2024</span><p class="sapo">${'Tóm tắt nội dung. '.repeat(10)}</p>`;
    const one = li('Cải cách hành chính tin số N với tiêu đề dài', '/tin/N.html', details);
    const count = Math.ceil((5 * 1024 * 1024) / encode(one).byteLength);
    const text = page(Array.from({ length: count }, (_, index) => one.replaceAll('N', String(index))).join(''));
    expect(encode(text).byteLength).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    const items = extractHtmlItems(text, PAGE_URL, SELECTORS, NOW);
    expect(items).toHaveLength(count);
    expect(items.at(-1)?.url).toBe(`https://stp.example.gov.vn/tin/${count - 1}.html`);
  });

  it('lets a datetime attribute, or a descendant <time datetime>, win over the visible text', () => {
    const items = extractHtmlItems(
      page(
        li('A', '/a', '<time class="date" datetime="2024-04-05T03:15:00Z">3 giờ trước</time>') +
          li('B', '/b', '<span class="date"><time datetime="2024-04-01">Hôm qua</time></span>') +
          li('C', '/c', '<span class="date">Hôm qua</span>') +
          li('D', '/d', '<span class="date" datetime="not a date">05/04/2024 10:15</span>'),
      ),
      PAGE_URL,
      SELECTORS,
      NOW,
    );
    expect(items.map((item) => item.publishedAt)).toEqual([
      '2024-04-05T10:15:00+07:00',
      '2024-04-01T00:00:00+07:00',
      '2024-04-04T00:00:00+07:00',
      '2024-04-05T10:15:00+07:00',
    ]);
  });

  it('skips items whose title or link is empty or not a web link, keeping page order', () => {
    const items = extractHtmlItems(
      page(li('Một', '/1') + li('', '/2') + li('Ba', '') + li('Bốn', 'javascript:void(0)') + li('Năm', ' /5 ')),
      PAGE_URL,
      SELECTORS,
      NOW,
    );
    expect(items.map((item) => [item.title, item.url])).toEqual([
      ['Một', 'https://stp.example.gov.vn/1'],
      ['Năm', 'https://stp.example.gov.vn/5'],
    ]);
  });

  it('gives null for a missing or empty date and summary', () => {
    const [item] = extractHtmlItems(page(li('Một', '/1', '<span class="date"> </span><p class="sapo"></p>')), PAGE_URL, SELECTORS, NOW);
    expect(item).toMatchObject({ publishedAt: null, summary: null });
  });

  it('resolves relative links against the page, or its <base href>', () => {
    const [plain] = extractHtmlItems(page(li('Một', 'chi-tiet/1.html')), PAGE_URL, SELECTORS, NOW);
    expect(plain?.url).toBe('https://stp.example.gov.vn/tin-tuc/chi-tiet/1.html');
    const [based] = extractHtmlItems(page(li('Một', 'chi-tiet/1.html'), '<base href="https://cdn.example.gov.vn/stp/">'), PAGE_URL, SELECTORS, NOW);
    expect(based?.url).toBe('https://cdn.example.gov.vn/stp/chi-tiet/1.html');
  });
});

describe('feed discovery for auto sources', () => {
  const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Tin từ feed</title><link>/tin/1</link></item></channel></rss>';
  const AUTO: Source = { id: 'so-khcn-auto', agencyId: 'so-khcn', kind: 'auto', url: PAGE_URL };
  const linkingPage = page(
    li('Tin từ trang…', '/x'),
    '<link rel="alternate" hreflang="en" href="/en"><link rel="alternate" type="application/rss+xml" href="/rss/tin.xml">',
  );

  it('finds the first feed link after alternates that are not feeds, resolved against the page', () => {
    expect(discoverFeedUrl(linkingPage, PAGE_URL)).toBe('https://stp.example.gov.vn/rss/tin.xml');
    expect(discoverFeedUrl(page('', '<link rel="Alternate feed" type="application/atom+xml; charset=utf-8" href=" atom.xml ">'), PAGE_URL)).toBe(
      'https://stp.example.gov.vn/tin-tuc/atom.xml',
    );
  });

  it('fails with no-feed-link when the page advertises no feed', () => {
    const error = thrown(() => discoverFeedUrl(page(li('Tin', '/a'), '<link rel="alternate" hreflang="en" href="/en">'), PAGE_URL));
    expect(error.code).toBe('no-feed-link');
    expect(error.message).toContain('application/rss+xml');
  });

  it('takes the items from the discovered feed in two steps, not from the page', async () => {
    const pageBody = { body: encode(linkingPage), url: PAGE_URL, contentType: 'text/html; charset=utf-8' };
    const feedUrl = discoverFeedUrlFromBody(pageBody.body, pageBody.url, pageBody.contentType, null);
    const items = await extractAuto(pageBody, { body: encode(RSS), url: feedUrl, contentType: null }, AUTO, NOW);
    expect(items).toEqual([{ title: 'Tin từ feed', url: 'https://stp.example.gov.vn/tin/1', publishedAt: null, summary: null }]);
  });

  it('says where the feed is when it was not supplied, and refuses auto in extractItems', async () => {
    const pageBody = { body: encode(linkingPage), url: PAGE_URL, contentType: 'text/html' };
    const missing = await rejected(extractAuto(pageBody, null, AUTO, NOW));
    expect(missing.code).toBe('no-feed-link');
    expect(missing.message).toContain('https://stp.example.gov.vn/rss/tin.xml');
    expect((await rejected(extractItems({ source: AUTO, ...pageBody, now: NOW }))).code).toBe('no-feed-link');
  });

  it('reads an auto source whose URL already serves a feed without a second body', async () => {
    const feedPage = { body: encode(RSS), url: PAGE_URL, contentType: 'application/rss+xml' };
    expect(discoverFeedUrlFromBody(feedPage.body, feedPage.url)).toBe(PAGE_URL);
    expect((await extractAuto(feedPage, null, AUTO, NOW)).map((item) => item.title)).toEqual(['Tin từ feed']);
  });

  it('calls a 0-byte or blank page empty, not a list with no items', async () => {
    const html: Source = { ...AUTO, kind: 'html', html: SELECTORS };
    expect((await rejected(extractItems({ source: html, body: new Uint8Array(), url: PAGE_URL, now: NOW }))).code).toBe('empty');
    expect((await rejected(extractItems({ source: html, body: encode(' \n '), url: PAGE_URL, now: NOW }))).code).toBe('empty');
  });
});
