import { describe, expect, it } from 'vitest';
import type { Source } from '../../shared/config/schema';
import { extractItems } from '../../shared/extract/extract';
import { repairFeed } from '../../shared/extract/feed-repair';
import { ExtractError } from '../../shared/extract/types';

const NOW = new Date('2024-04-06T00:00:00Z');
const SOURCE: Source = { id: 'so-noi-vu-rss', agencyId: 'so-noi-vu', kind: 'rss', url: 'https://snv.example.gov.vn/rss' };

const rss = (items: string, before = '<?xml version="1.0" encoding="utf-8"?>\n') =>
  `${before}<rss version="2.0"><channel><title>Tin</title>${items}</channel></rss>`;
const item = (title: string, extra = '') =>
  `<item><title>${title}</title><link>https://snv.example.gov.vn/tin/1.html</link>${extra}</item>`;

const extract = (text: string | Uint8Array) =>
  extractItems({
    source: SOURCE,
    body: typeof text === 'string' ? new TextEncoder().encode(text) : text,
    url: SOURCE.url,
    contentType: 'application/rss+xml; charset=utf-8',
    now: NOW,
  });

async function extractError(text: string | Uint8Array): Promise<ExtractError> {
  const error = await extract(text).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ExtractError);
  return error as ExtractError;
}

describe('repairFeed makes not-well-formed feeds parseable', () => {
  it('escapes a raw & that does not start an entity', async () => {
    const [first] = await extract(rss(item('Văn thư & lưu trữ', '<link>https://x.gov.vn/?a=1&b=2</link>')));
    expect(first?.title).toBe('Văn thư & lưu trữ');
  });

  it('turns HTML named entities such as &nbsp; and &eacute; into characters', async () => {
    const [first] = await extract(rss(item('Caf&eacute;&nbsp;doanh nh&acirc;n', '<description>&lt;p&gt;A&amp;nbsp;B&lt;/p&gt; &hellip;</description>')));
    expect(first?.title).toBe('Café doanh nhân');
    expect(first?.summary).toBe('A B …');
  });

  it('drops junk and blank lines printed before <?xml', async () => {
    const items = await extract(rss(item('Tin một'), '\n\n<b>Notice</b>: Undefined index in feed.php on line 12\n<?xml version="1.0" encoding="utf-8"?>'));
    expect(items.map((it) => it.title)).toEqual(['Tin một']);
  });

  it('drops junk before a root element when there is no XML declaration', async () => {
    const items = await extract(rss(item('Tin hai'), 'Warning: cannot modify header\n'));
    expect(items.map((it) => it.title)).toEqual(['Tin hai']);
  });

  it('escapes a raw < that cannot start a tag', async () => {
    const [first] = await extract(rss(item('Tỷ lệ < 40% và 3<5')));
    expect(first?.title).toBe('Tỷ lệ < 40% và 3<5');
  });

  it('leaves CDATA sections and comments untouched', () => {
    const text = rss(item('<![CDATA[A & B &nbsp; <i>]]>', '<!-- a & b -->'));
    const { xml } = repairFeed(text);
    expect(xml).toContain('<![CDATA[A & B &nbsp; <i>]]>');
    expect(xml).toContain('<!-- a & b -->');
  });

  it('leaves a well-formed feed as it was', () => {
    const text = rss(item('Văn thư &amp; lưu trữ &#7843; &#x1EA3;'));
    expect(repairFeed(text)).toEqual({ xml: text, format: 'rss' });
  });
});

describe('repairFeed rejects a body cut short', () => {
  const complete = rss(item('Tin một') + item('Tin hai') + item('Triển khai tiếp nhận hồ sơ'));

  it('rejects a feed without its closing root tag, yielding no items at all', async () => {
    const cut = complete.slice(0, complete.indexOf('Triển khai'));
    const error = await extractError(cut);
    expect(error.code).toBe('truncated');
    expect(error.message).not.toContain('\n');
  });

  it('rejects a UTF-8 body that ends inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode(complete);
    const inside = bytes.indexOf(0xe1); // the first byte of "ể" in "Triển"
    const error = await extractError(bytes.slice(0, inside + 1));
    expect(error.code).toBe('truncated');
  });

  it('accepts the same feed when it is complete', async () => {
    expect(await extract(complete)).toHaveLength(3);
  });
});

describe('repairFeed refuses what is not a feed', () => {
  it('calls an HTML page served for a feed wrong-kind and names its title', async () => {
    const error = await extractError('<!DOCTYPE html><html><head><title>Đang bảo trì</title></head><body>05/04/2024</body></html>');
    expect(error.code).toBe('wrong-kind');
    expect(error.message).toContain('Đang bảo trì');
  });

  it('calls XML with another root element wrong-kind', async () => {
    expect((await extractError('<?xml version="1.0"?><urlset></urlset>')).code).toBe('wrong-kind');
  });
});

describe('repaired feeds are read by the format their root element names', () => {
  const read = (kind: Source['kind'], text: string) =>
    extractItems({ source: { ...SOURCE, kind }, body: new TextEncoder().encode(text), url: 'https://x.example.gov.vn/feed', now: NOW });

  it('reads Atom xhtml and html text constructs as plain text, and picks the alternate link', async () => {
    const items = await read(
      'atom',
      `<feed xmlns="http://www.w3.org/2005/Atom">
        <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Tin <b>đậm</b> &amp; nhạt</div></title>
          <link rel="enclosure" href="/file.pdf"/><link href="/tin/1"/><updated>2024-04-01T10:00:00+07:00</updated>
          <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Một</p><p>Hai <i>ba</i> bốn</p></div></summary></entry>
        <entry><title type="html">&lt;b&gt;Tin&lt;/b&gt; &amp;amp; bài</title><link rel="alternate" href="https://x.example.gov.vn/2"/><summary></summary></entry>
      </feed>`,
    );
    expect(items).toEqual([
      { title: 'Tin đậm & nhạt', url: 'https://x.example.gov.vn/tin/1', publishedAt: '2024-04-01T10:00:00+07:00', summary: 'Một Hai ba bốn' },
      { title: 'Tin & bài', url: 'https://x.example.gov.vn/2', publishedAt: null, summary: null },
    ]);
  });

  it('reads RSS 1.0 (RDF) items with dc:date', async () => {
    const items = await read(
      'rss',
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="x"><title>c</title></channel>
        <item rdf:about="a"><title>Tin RDF</title><link>/a</link><description>Mô tả</description><dc:date>2024-04-01T08:00:00+07:00</dc:date></item>
      </rdf:RDF>`,
    );
    expect(items).toEqual([{ title: 'Tin RDF', url: 'https://x.example.gov.vn/a', publishedAt: '2024-04-01T08:00:00+07:00', summary: 'Mô tả' }]);
  });

  it('falls back to a permalink guid when an RSS item has no link, and skips it otherwise', async () => {
    const items = await read(
      'rss',
      '<rss><channel><item><title>Có guid</title><guid>https://x.example.gov.vn/g</guid></item><item><title>Không</title><guid isPermaLink="false">abc</guid></item></channel></rss>',
    );
    expect(items.map((it) => [it.title, it.url])).toEqual([['Có guid', 'https://x.example.gov.vn/g']]);
  });
});
