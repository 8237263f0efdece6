import { describe, expect, it } from 'vitest';
import { canonicalUrl, urlIdentity } from '../../shared/stories/canonical-url';
import { urlHash, textFingerprint, sameText } from '../../shared/stories/ids';

describe('canonical URLs', () => {
  it.each([
    ['https://Example.gov.vn/tin/a/?utm_source=zalo&utm_medium=x&id=2#binh-luan', 'https://example.gov.vn/tin/a?id=2'],
    ['https://example.gov.vn:443/tin?b=2&a=1', 'https://example.gov.vn/tin?a=1&b=2'],
    ['http://example.gov.vn/tin/?fbclid=abc', 'http://example.gov.vn/tin'],
    ['https://example.gov.vn/', 'https://example.gov.vn/'],
    ['https://example.gov.vn/tin.aspx?ID=5&gclid=x', 'https://example.gov.vn/tin.aspx?ID=5'],
  ])('canonicalises %s to %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('treats the http and https copies of a page as one story', () => {
    expect(urlIdentity('http://example.gov.vn/a')).toBe(urlIdentity('https://example.gov.vn/a/'));
    expect(urlHash('http://example.gov.vn/a?utm_campaign=x')).toBe(urlHash('https://example.gov.vn/a'));
  });

  it('keeps parameters that identify the page', () => {
    expect(urlHash('https://example.gov.vn/tin?id=1')).not.toBe(urlHash('https://example.gov.vn/tin?id=2'));
  });
});

describe('syndication fingerprints', () => {
  it('matches the same title with or without diacritics, NFC or NFD', () => {
    const title = 'Một cửa liên thông điện tử được mở rộng tới cấp xã';
    expect(textFingerprint(title.normalize('NFD'))).toBe(textFingerprint(title));
    expect(textFingerprint('Mot cua lien thong dien tu duoc mo rong toi cap xa')).toBe(textFingerprint(title));
  });

  it('does not fingerprint a generic short title', () => {
    expect(textFingerprint('Thông báo')).toBeNull();
  });

  it('tells two texts under one title apart by their summaries', () => {
    expect(sameText({ summary: 'Huyện Tuy Phước tổ chức hội nghị.' }, { summary: 'Thị xã An Nhơn tổ chức hội nghị.' })).toBe(false);
    expect(sameText({ summary: 'Huyện Tuy Phước tổ chức hội nghị.' }, { summary: null })).toBe(true);
  });
});
