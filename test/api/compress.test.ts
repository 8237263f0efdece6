/** functions/api/compress.ts: gzip for browsers that accept it, only where it pays. */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressed } from '../../functions/api/compress';
import type { Result } from '../../functions/api/http';

const html = `<!doctype html><html lang="vi"><body>${'<p>Cải cách hành chính tỉnh Bình Định</p>'.repeat(200)}</body></html>`;
const page = (body: string, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}): Result => ({ statusCode: 200, headers: { 'content-type': type, ...extra }, body });
const asking = (encoding?: string) => ({ headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

describe('compressed', () => {
  it('gzips a large page for a browser that accepts gzip, losslessly, and says so', () => {
    const result = compressed(asking('gzip, deflate, br'), page(html));
    expect(result.isBase64Encoded).toBe(true);
    expect(result.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-type': 'text/html; charset=utf-8' });
    const bytes = Buffer.from(result.body!, 'base64');
    expect(gunzipSync(bytes).toString('utf8')).toBe(html);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(html) / 5);
  });

  it('keeps an existing vary header', () => {
    expect(compressed(asking('gzip'), page(html, 'application/json', { vary: 'cookie' })).headers!.vary).toBe('cookie, accept-encoding');
  });

  it.each([
    ['no accept-encoding', asking(undefined), page(html)],
    ['gzip refused with q=0', asking('gzip;q=0, deflate'), page(html)],
    ['only br', asking('br'), page(html)],
    ['a small body', asking('gzip'), page('<p>ngắn</p>')],
    ['a binary type', asking('gzip'), page(html, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
    ['a body already base64', asking('gzip'), { ...page(Buffer.from(html).toString('base64')), isBase64Encoded: true }],
  ])('leaves the response as it is for %s', (_name, event, result) => {
    expect(compressed(event, result)).toBe(result);
  });

  it('accepts * and a positive q', () => {
    expect(compressed(asking('*'), page(html)).isBase64Encoded).toBe(true);
    expect(compressed(asking('deflate, gzip;q=0.5'), page(html)).isBase64Encoded).toBe(true);
  });
});
