/**
 * The MIME builder, checked by parsing its output back with an independent
 * parser (postal-mime) and with our own reader.
 */
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import {
  MimeError,
  buildMimeMessage,
  decodeQuotedPrintable,
  encodeHeaderWords,
  encodeQuotedPrintable,
  readMimeMessage,
  rfc5322Date,
} from '../../shared/mail/mime';

const NOW = new Date('2026-12-10T01:00:00Z'); // 10/12/2026 08:00 in Vietnam
const SUBJECT = '[CCHC] Nhắc nộp tin cải cách hành chính quý IV năm 2026 — hạn 31/12/2026: Sở Tư pháp, Ủy ban nhân dân thị xã Hoài Nhơn';
const TEXT = 'Kính gửi: Sở Tư pháp,\n\nCòn 21 ngày đến hết quý. Đề nghị đăng tin “cải cách thủ tục hành chính” — hạn 31/12/2026.\n.dòng bắt đầu bằng dấu chấm\ndòng kết thúc bằng dấu cách   \n' + 'Rất dài '.repeat(40);
const HTML = '<p style="color:#a4161a">Kính gửi: <strong>Sở Tư pháp</strong> — đường dẫn: <a href="https://cchc.example.gov.vn/compliance/2026-Q4?x=1&y=2">xem</a></p>';

function build(extra: Partial<Parameters<typeof buildMimeMessage>[0]> = {}) {
  return buildMimeMessage({
    from: 'cchc@binhdinh.example.gov.vn',
    fromName: 'Hệ thống tin CCHC Bình Định',
    to: ['so-tu-phap@example.gov.vn', 'vanphong@example.gov.vn'],
    subject: SUBJECT,
    text: TEXT,
    html: HTML,
    headers: { 'List-Unsubscribe': '<mailto:cchc@binhdinh.example.gov.vn?subject=unsubscribe>', 'Auto-Submitted': 'auto-generated' },
    date: NOW,
    ...extra,
  });
}

describe('buildMimeMessage', () => {
  it('round-trips a Vietnamese subject, both parts and the headers through postal-mime', async () => {
    const message = build();
    const parsed = await PostalMime.parse(message.raw);
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.from).toEqual({ name: 'Hệ thống tin CCHC Bình Định', address: 'cchc@binhdinh.example.gov.vn' });
    expect(parsed.to?.map((a) => a.address)).toEqual(['so-tu-phap@example.gov.vn', 'vanphong@example.gov.vn']);
    expect(parsed.messageId).toBe(message.messageId);
    expect(new Date(parsed.date!).toISOString()).toBe(NOW.toISOString());
    expect(parsed.text?.replace(/\r\n/g, '\n').replace(/\n$/, '')).toBe(TEXT);
    expect(parsed.html?.replace(/\r\n/g, '\n').replace(/\n$/, '')).toBe(HTML);
    const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value;
    expect(header('list-unsubscribe')).toBe('<mailto:cchc@binhdinh.example.gov.vn?subject=unsubscribe>');
    expect(header('auto-submitted')).toBe('auto-generated');
    expect(header('mime-version')).toBe('1.0');
    expect(header('content-type')).toMatch(/^multipart\/alternative; boundary="/);
  });

  it('writes only 7-bit ASCII lines of at most 78 characters, ending in CRLF', () => {
    const raw = build().raw.toString('latin1');
    expect(raw).toMatch(/^[\x00-\x7f]*$/);
    expect(raw.endsWith('\r\n')).toBe(true);
    const lines = raw.split('\r\n');
    expect(lines.every((line) => line.length <= 78)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('encodes the subject as RFC 2047 UTF-8 words, never splitting a character', () => {
    const words = encodeHeaderWords(SUBJECT);
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(75);
      const payload = Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(word)![1]!, 'base64');
      // Each word decodes on its own to valid UTF-8.
      expect(payload.toString('utf8')).not.toContain('\ufffd');
    }
    expect(encodeHeaderWords('Plain ASCII subject')).toEqual(['Plain ASCII subject']);
  });

  it('writes a single text part without multipart when there is no HTML', async () => {
    const message = build({ html: undefined });
    const raw = message.raw.toString('utf8');
    expect(raw).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(raw).not.toContain('multipart');
    const parsed = await PostalMime.parse(message.raw);
    expect(parsed.text?.replace(/\r\n/g, '\n').replace(/\n$/, '')).toBe(TEXT);
    expect(parsed.html).toBeUndefined();
  });

  it('writes the Date in RFC 5322 form, Vietnam time', () => {
    expect(rfc5322Date(NOW)).toBe('Thu, 10 Dec 2026 08:00:00 +0700');
    expect(build().raw.toString()).toContain('\r\nDate: Thu, 10 Dec 2026 08:00:00 +0700\r\n');
  });

  it('refuses header injection and addresses it cannot write', () => {
    expect(() => build({ subject: 'Nhắc\r\nBcc: victim@example.com' })).toThrow(MimeError);
    expect(() => build({ headers: { 'X-Note': 'a\nb' } })).toThrow(MimeError);
    expect(() => build({ headers: { 'Bad Name': 'x' } })).toThrow(MimeError);
    expect(() => build({ headers: { From: 'someone@else.example' } })).toThrow(MimeError);
    expect(() => build({ to: ['a@b.vn>, evil@x.y'] })).toThrow(MimeError);
    expect(() => build({ to: [] })).toThrow(MimeError);
  });
});

describe('quoted-printable', () => {
  it('round-trips text with diacritics, long lines, leading dots and trailing spaces', () => {
    const encoded = encodeQuotedPrintable(TEXT);
    expect(encoded.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(decodeQuotedPrintable(encoded).toString('utf8').replace(/\r\n/g, '\n')).toBe(TEXT);
    expect(encoded).toContain('=2E');
    expect(encoded).toMatch(/ =20\r\n/);
  });
});

describe('readMimeMessage', () => {
  it('reads back the subject, headers and both parts of a built message', () => {
    const read = readMimeMessage(build().raw);
    expect(read.subject).toBe(SUBJECT);
    expect(read.text).toBe(TEXT);
    expect(read.html).toBe(HTML);
    expect(read.headers['list-unsubscribe']).toBe('<mailto:cchc@binhdinh.example.gov.vn?subject=unsubscribe>');
    expect(read.headers.to).toBe('so-tu-phap@example.gov.vn, vanphong@example.gov.vn');
  });

  it('reads a text-only message too', () => {
    expect(readMimeMessage(build({ html: undefined }).raw)).toMatchObject({ subject: SUBJECT, text: TEXT, html: null });
  });
});
