import { describe, expect, it } from 'vitest';
import { parseVietnameseDate } from '../../shared/text/dates';

// 2026-11-23 10:00 Vietnam time, a Monday.
const NOW = new Date('2026-11-23T03:00:00Z');
const iso = (text: string) => parseVietnameseDate(text, NOW)?.toISOString() ?? null;

describe('parseVietnameseDate: absolute day-first forms are Vietnam time', () => {
  it.each([
    ['23/11/2026', '2026-11-22T17:00:00.000Z'],
    ['23/11/2026 08:30', '2026-11-23T01:30:00.000Z'],
    ['23/11/2026 08:30:15', '2026-11-23T01:30:15.000Z'],
    ['08:30 - 23/11/2026', '2026-11-23T01:30:00.000Z'],
    ['10:15-05/04/2024', '2024-04-05T03:15:00.000Z'],
    ['05-04-2024', '2024-04-04T17:00:00.000Z'],
    ['5.4.2024', '2024-04-04T17:00:00.000Z'],
    ['Cập nhật: 05/03/2024 14:20', '2024-03-05T07:20:00.000Z'],
    ['23/11/2026 08h30', '2026-11-23T01:30:00.000Z'],
    ['23/11/2026 2:30 CH', '2026-11-23T07:30:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads 05/03 as 5 March, not 3 May (day first)', () => {
    expect(iso('05/03/2024')).toBe('2024-03-04T17:00:00.000Z');
  });

  it('honours an explicit (GMT+7) and a different GMT offset', () => {
    expect(iso('Thứ Hai, 23/11/2026, 08:30 (GMT+7)')).toBe('2026-11-23T01:30:00.000Z');
    expect(iso('Thứ Hai, 23/11/2026, 08:30 (GMT+0)')).toBe('2026-11-23T08:30:00.000Z');
    expect(iso('23/11/2026 08:30 +09:00')).toBe('2026-11-22T23:30:00.000Z');
  });
});

describe('parseVietnameseDate: long form "ngày … tháng … năm …"', () => {
  it.each([
    ['ngày 23 tháng 11 năm 2026', '2026-11-22T17:00:00.000Z'],
    ['Ngày 29 tháng 5 năm 2023', '2023-05-28T17:00:00.000Z'],
    ['ngày 05 tháng 06 năm 2023', '2023-06-04T17:00:00.000Z'],
    ['23 tháng 11 năm 2026', '2026-11-22T17:00:00.000Z'],
    ['08:30, ngày 23 tháng 11 năm 2026', '2026-11-23T01:30:00.000Z'],
    ['ngay 23 thang 11 nam 2026', '2026-11-22T17:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });
});

describe('parseVietnameseDate: feed formats', () => {
  it.each([
    ['Thu, 04 Apr 2024 15:40:00 +0700', '2024-04-04T08:40:00.000Z'],
    ['Sun, 31 Mar 2024 17:30:00 GMT', '2024-03-31T17:30:00.000Z'],
    ['Wed, 6 Mar 2024 23:30:00 +0000', '2024-03-06T23:30:00.000Z'],
    ['Fri, 29 Mar 2024 02:00:00 UT', '2024-03-29T02:00:00.000Z'],
    ['Tue, 02 Apr 2024 09:00:00 EST', '2024-04-02T14:00:00.000Z'],
    ['2024-04-05T03:15:00Z', '2024-04-05T03:15:00.000Z'],
    ['2024-04-04T16:30:00+07:00', '2024-04-04T09:30:00.000Z'],
    ['2024-03-20T09:00:00.250+07:00', '2024-03-20T02:00:00.250Z'],
    ['2024-04-01', '2024-03-31T17:00:00.000Z'],
    ['2024-03-29T14:30:00', '2024-03-29T07:30:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('puts 31 Mar 17:30 GMT on 1 April in Vietnam (the next quarter)', () => {
    const instant = parseVietnameseDate('Sun, 31 Mar 2024 17:30:00 GMT', NOW)!;
    expect(new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)).toBe('2024-04-01');
  });
});

describe('parseVietnameseDate: relative forms count back from now', () => {
  it.each([
    ['2 giờ trước', '2026-11-23T01:00:00.000Z'],
    ['30 phút trước', '2026-11-23T02:30:00.000Z'],
    ['3 ngày trước', '2026-11-20T03:00:00.000Z'],
    ['Hôm qua', '2026-11-21T17:00:00.000Z'],
    ['Hôm qua, 08:30', '2026-11-22T01:30:00.000Z'],
    ['08:30 hôm qua', '2026-11-22T01:30:00.000Z'],
    ['Hôm nay', '2026-11-22T17:00:00.000Z'],
    ['Hôm nay 14:20', '2026-11-23T07:20:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('takes "Hôm qua" from the Vietnam calendar day, not the UTC one', () => {
    // 2026-11-23 06:00 in Vietnam is still 22 Nov in UTC.
    const earlyMorning = new Date('2026-11-22T23:00:00Z');
    expect(parseVietnameseDate('Hôm qua', earlyMorning)?.toISOString()).toBe('2026-11-21T17:00:00.000Z');
  });
});

describe('parseVietnameseDate: text as it arrives', () => {
  it('parses decomposed (NFD) text like its NFC form', () => {
    const nfd = 'Thứ Sáu, 05/04/2024, 10:15 (GMT+7)'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(iso(nfd)).toBe('2024-04-05T03:15:00.000Z');
    expect(iso('ngày 12 tháng 6 năm 2023'.normalize('NFD'))).toBe('2023-06-11T17:00:00.000Z');
    expect(iso('2 giờ trước'.normalize('NFD'))).toBe('2026-11-23T01:00:00.000Z');
  });

  it('parses text typed without diacritics', () => {
    expect(iso('Hom qua')).toBe('2026-11-21T17:00:00.000Z');
    expect(iso('2 gio truoc')).toBe('2026-11-23T01:00:00.000Z');
    expect(iso('Thu Hai, 23/11/2026, 08:30 (GMT+7)')).toBe('2026-11-23T01:30:00.000Z');
  });

  it.each(['', '   ', 'Tài trợ', 'Xem thêm', '31/02/2024', '23/13/2026', '23/11/2026 25:00', '2024-02-30', 'abc 12'])(
    'returns null for %j',
    (text) => {
      expect(parseVietnameseDate(text, NOW)).toBeNull();
    },
  );
});
