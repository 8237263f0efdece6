import { describe, expect, it } from 'vitest';
import { decodeBody, endsWithBrokenUtf8 } from '../../shared/extract/decode';
import { ExtractError } from '../../shared/extract/types';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => Uint8Array.from(values);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

// "Cải cách" in windows-1258: "ả" has no precomposed byte, so it is "a" plus
// the combining hook above (0xD2); "á" is precomposed (0xE1).
const CAI_CACH_1258 = bytes(0x43, 0x61, 0xd2, 0x69, 0x20, 0x63, 0xe1, 0x63, 0x68);
const META_1258 = utf8('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>');

describe('decodeBody', () => {
  it('decodes windows-1258 declared in <meta http-equiv>, whose combining marks compose to NFC', () => {
    const { text, charset } = decodeBody(concat(META_1258, CAI_CACH_1258), 'text/html');
    expect(charset).toBe('windows-1258');
    // The code page's own combining hook survives decoding; NFC is the caller's normalisation step.
    expect(text).toContain('Ca\u0309i');
    expect(text.normalize('NFC').endsWith('Cải cách')).toBe(true);
  });

  it('honours a UTF-8 BOM over a header without charset, and removes it', () => {
    const { text, charset } = decodeBody(concat(bytes(0xef, 0xbb, 0xbf), utf8('<?xml version="1.0"?><rss>Tin tức</rss>')), 'text/xml');
    expect(charset).toBe('utf-8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('Tin tức');
  });

  it('honours a UTF-16LE BOM', () => {
    const body = concat(bytes(0xff, 0xfe), Uint8Array.from(Buffer.from('Tin tức', 'utf16le')));
    expect(decodeBody(body, null)).toEqual({ text: 'Tin tức', charset: 'utf-16le' });
  });

  it('lets the source override win over the header and the <meta> that lie', () => {
    const body = utf8('<meta charset="iso-8859-1"><p>Sở Tư pháp</p>');
    expect(decodeBody(body, 'text/html; charset=iso-8859-1').text).toContain('Sá»Ÿ');
    expect(decodeBody(body, 'text/html; charset=iso-8859-1').text).not.toContain('Sở');
    const overridden = decodeBody(body, 'text/html; charset=iso-8859-1', 'utf-8');
    expect(overridden.charset).toBe('utf-8');
    expect(overridden.text).toContain('Sở Tư pháp');
  });

  it('lets the override win over a BOM', () => {
    const body = concat(bytes(0xef, 0xbb, 0xbf), CAI_CACH_1258);
    expect(decodeBody(body, null, 'windows-1258').text.normalize('NFC')).toBe('ï»¿Cải cách'.normalize('NFC'));
  });

  it('prefers the Content-Type charset over the document declaration', () => {
    const body = concat(utf8('<?xml version="1.0" encoding="utf-8"?><r>'), CAI_CACH_1258);
    expect(decodeBody(body, 'application/xml; charset="windows-1258"').charset).toBe('windows-1258');
  });

  it('reads <?xml encoding> when the header has no charset', () => {
    const body = concat(utf8('<?xml version="1.0" encoding="windows-1258"?><r>'), CAI_CACH_1258);
    const { text, charset } = decodeBody(body, 'text/xml');
    expect(charset).toBe('windows-1258');
    expect(text.normalize('NFC')).toContain('Cải cách');
  });

  it('defaults to UTF-8 when nothing is declared, and skips unknown labels', () => {
    expect(decodeBody(utf8('<p>Đề án 06</p>'), null)).toEqual({ text: '<p>Đề án 06</p>', charset: 'utf-8' });
    expect(decodeBody(utf8('<p>Đề án 06</p>'), 'text/html; charset=x-bogus').charset).toBe('utf-8');
  });

  it('rejects an override that names no known charset', () => {
    expect(() => decodeBody(utf8('x'), null, 'not-a-charset')).toThrow(ExtractError);
  });
});

describe('endsWithBrokenUtf8', () => {
  const whole = utf8('Tiếp nhận hồ sơ trực tuyến');

  it('is false for a body that ends on a whole character', () => {
    expect(endsWithBrokenUtf8(whole)).toBe(false);
    expect(endsWithBrokenUtf8(utf8('ends in ASCII'))).toBe(false);
    expect(endsWithBrokenUtf8(new Uint8Array())).toBe(false);
  });

  it('is true when the download stopped inside a multi-byte character', () => {
    // "ế" is E1 BA BF: cut after one and after two of its three bytes.
    const cutAt = whole.indexOf(0xe1);
    expect(endsWithBrokenUtf8(whole.slice(0, cutAt + 1))).toBe(true);
    expect(endsWithBrokenUtf8(whole.slice(0, cutAt + 2))).toBe(true);
    expect(endsWithBrokenUtf8(whole.slice(0, cutAt + 3))).toBe(false);
  });
});

describe('decodeBody with the platform decoder', () => {
  it('maps windows-1252 bytes 0x80–0x9F as the Encoding Standard does, whatever the Node release', () => {
    const body = concat(utf8('<p>'), bytes(0x80, 0x85, 0x92, 0x93, 0x94, 0x96, 0x99, 0x9f, 0x81, 0xe9), utf8('</p>'));
    expect(decodeBody(body, 'text/html; charset=windows-1252').text).toBe('<p>€…’“”–™Ÿ\u0081é</p>');
    // Labels browsers treat as windows-1252 decode the same way.
    expect(decodeBody(body, 'text/html; charset=iso-8859-1')).toEqual({ text: '<p>€…’“”–™Ÿ\u0081é</p>', charset: 'windows-1252' });
  });

  it('names the charset by its Encoding Standard name and refuses an override no decoder knows', () => {
    expect(decodeBody(CAI_CACH_1258, 'text/html; charset=cp1258').charset).toBe('windows-1258');
    expect(() => decodeBody(utf8('x'), null, 'tcvn3')).toThrow(ExtractError);
    // An unknown header label is skipped, not fatal: the document's own declaration decides.
    expect(decodeBody(concat(META_1258, CAI_CACH_1258), 'text/html; charset=x-unknown').charset).toBe('windows-1258');
  });
});
