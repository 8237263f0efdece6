import { describe, expect, it } from 'vitest';
import {
  checkFit,
  estimateSeconds,
  fillRatio,
  formatCount,
  formatSeconds,
  nextSlot,
  parseSlotId,
  requireSlotId,
  SlotIdError,
  slotIdFor,
  slotLabel,
  slotUsage,
  upcomingSlots,
  withinBudget,
} from '../../shared/desks/slots';
import { PAGE, SEGMENT } from './fixtures';

describe('slotIdFor: the monthly page is the Vietnam month', () => {
  it.each([
    ['2026-11-30T16:59:59Z', '2026-11'], // 23:59:59 on 30 Nov in Vietnam
    ['2026-11-30T17:00:00Z', '2026-12'], // midnight in Vietnam
    ['2026-11-30T17:30:00Z', '2026-12'], // still 30 Nov in UTC
    ['2026-12-31T16:59:59Z', '2026-12'],
    ['2026-12-31T17:00:00Z', '2027-01'], // a new year in Vietnam first
    ['2027-02-28T12:00:00+07:00', '2027-02'],
  ])('%s → %s', (at, id) => {
    expect(slotIdFor(PAGE, new Date(at))).toBe(id);
  });
});

describe('slotIdFor: a segment is the first air date on or after the Vietnam date', () => {
  it.each([
    ['on the anchor', '2026-01-03T09:00:00+07:00', '2026-01-03'],
    ['the day after the anchor', '2026-01-04T00:00:00+07:00', '2026-01-17'],
    ['the last day before an air date', '2026-01-16T23:59:00+07:00', '2026-01-17'],
    ['late on an air date, still that day in Vietnam', '2026-12-05T16:59:00Z', '2026-12-05'],
    ['past midnight in Vietnam, still the air date in UTC', '2026-12-05T17:00:00Z', '2026-12-19'],
    ['the day before the anchor', '2026-01-02T12:00:00+07:00', '2026-01-03'],
    ['a week before the anchor', '2025-12-27T12:00:00+07:00', '2026-01-03'],
    ['an air date before the anchor', '2025-12-20T08:00:00+07:00', '2025-12-20'],
    ['the day after an earlier air date', '2025-12-21T08:00:00+07:00', '2026-01-03'],
    ['a year before the anchor', '2025-01-01T08:00:00+07:00', '2025-01-04'],
  ])('%s', (_, at, id) => {
    expect(slotIdFor(SEGMENT, new Date(at))).toBe(id);
  });
});

describe('nextSlot and upcomingSlots', () => {
  it('plans this Vietnam month’s page, then the following months across a year end', () => {
    const now = new Date('2026-10-31T18:00:00Z'); // 1 Nov in Vietnam
    expect(nextSlot(PAGE, now)).toBe('2026-11');
    expect(upcomingSlots(PAGE, now, 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('plans the next air date (today’s counts) and every 14 days after', () => {
    expect(nextSlot(SEGMENT, new Date('2026-12-05T01:00:00Z'))).toBe('2026-12-05');
    expect(upcomingSlots(SEGMENT, new Date('2026-12-06T01:00:00Z'), 3)).toEqual(['2026-12-19', '2027-01-02', '2027-01-16']);
  });

  it('takes zero slots and refuses a negative or fractional count', () => {
    expect(upcomingSlots(PAGE, new Date(), 0)).toEqual([]);
    expect(() => upcomingSlots(PAGE, new Date(), -1)).toThrow(RangeError);
    expect(() => upcomingSlots(PAGE, new Date(), 1.5)).toThrow(RangeError);
  });

  it('every upcoming air date is on the cadence', () => {
    for (const id of upcomingSlots(SEGMENT, new Date('2024-03-01T00:00:00Z'), 60)) expect(parseSlotId(SEGMENT, id)).not.toBeNull();
  });
});

describe('parseSlotId', () => {
  it.each([
    [PAGE, '2026-12', { kind: 'month', id: '2026-12', year: 2026, month: 12 }],
    [PAGE, '2027-01', { kind: 'month', id: '2027-01', year: 2027, month: 1 }],
    [SEGMENT, '2026-12-05', { kind: 'air-date', id: '2026-12-05', year: 2026, month: 12, day: 5, weekday: 6 }],
    [SEGMENT, '2025-12-20', { kind: 'air-date', id: '2025-12-20', year: 2025, month: 12, day: 20, weekday: 6 }],
  ] as const)('accepts %o %s', (slot, id, parsed) => {
    expect(parseSlotId(slot, id)).toEqual(parsed);
  });

  it.each([
    [PAGE, '2026-13', 'không phải mã trang tháng'],
    [PAGE, '2026-00', 'không phải mã trang tháng'],
    [PAGE, '2026-1', 'không phải mã trang tháng'],
    [PAGE, '2026-12-05', 'không phải mã trang tháng'],
    [PAGE, ' 2026-12', 'không phải mã trang tháng'],
    [SEGMENT, '2026-12', 'không phải ngày phát sóng (cần dạng YYYY-MM-DD'],
    [SEGMENT, '2026-02-30', 'không phải ngày phát sóng (cần dạng YYYY-MM-DD'],
    [SEGMENT, '2026-12-06', '2026-12-06 không phải ngày phát sóng: chương trình phát mỗi 14 ngày kể từ 2026-01-03'],
    [SEGMENT, '2026-12-12', 'phát mỗi 14 ngày'], // a Saturday, but the off week
    [SEGMENT, '2025-12-27', 'phát mỗi 14 ngày'],
  ] as const)('refuses %o %s', (slot, id, message) => {
    expect(parseSlotId(slot, id)).toBeNull();
    expect(() => requireSlotId(slot, id)).toThrow(SlotIdError);
    expect(() => requireSlotId(slot, id)).toThrow(message);
  });
});

describe('slotLabel', () => {
  it.each([
    [PAGE, '2026-12', 'Trang CCHC tháng 12/2026'],
    [PAGE, '2027-01', 'Trang CCHC tháng 01/2027'],
    [SEGMENT, '2026-12-05', 'Chương trình CCHC phát sóng thứ Bảy, 05/12/2026'],
    [{ ...SEGMENT, anchorDate: '2026-12-06' }, '2026-12-06', 'Chương trình CCHC phát sóng chủ nhật, 06/12/2026'],
    [{ ...SEGMENT, anchorDate: '2026-12-07', everyDays: 1 }, '2026-12-09', 'Chương trình CCHC phát sóng thứ Tư, 09/12/2026'],
  ] as const)('%o %s → %s', (slot, id, label) => {
    expect(slotLabel(slot, id)).toBe(label);
    expect(slotLabel(slot, id)).toBe(label.normalize('NFC'));
  });

  it('names every weekday with its diacritics', () => {
    const daily = { ...SEGMENT, anchorDate: '2026-12-07', everyDays: 1 };
    const names = ['07', '08', '09', '10', '11', '12', '13'].map((day) => slotLabel(daily, `2026-12-${day}`).split(' sóng ')[1]!.split(',')[0]);
    expect(names).toEqual(['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'chủ nhật']);
  });

  it('refuses an id that is not a slot', () => {
    expect(() => slotLabel(SEGMENT, '2026-12-06')).toThrow(SlotIdError);
  });
});

describe('estimateSeconds', () => {
  it.each([
    [0, 30], // the floor: a title with no text
    [20, 30], // 8 s reading + 15 s lead-in is below the floor
    [160, 75], // one minute + 15 s
    [400, 165], // 150 + 15
    [401, 165], // 150.375 rounds to 150
    [402, 166], // 150.75 rounds to 151
    [Number.NaN, 30],
    [-50, 30],
  ])('%d words → %d s', (words, seconds) => {
    expect(estimateSeconds(SEGMENT, words)).toBe(seconds);
  });

  it('uses the configured rate, lead-in and floor', () => {
    expect(estimateSeconds({ ...SEGMENT, wordsPerMinute: 200, perStorySeconds: 0, minStorySeconds: 0 }, 100)).toBe(30);
    expect(estimateSeconds({ ...SEGMENT, minStorySeconds: 90 }, 100)).toBe(90);
  });
});

describe('formatting', () => {
  it.each([
    [0, '0:00'],
    [9, '0:09'],
    [130, '2:10'],
    [820, '13:40'],
    [900, '15:00'],
    [3725, '62:05'],
    [59.6, '1:00'],
  ])('formatSeconds(%d) = %s', (seconds, text) => expect(formatSeconds(seconds)).toBe(text));

  it.each([
    [0, '0'],
    [400, '400'],
    [2950, '2.950'],
    [1234567, '1.234.567'],
  ])('formatCount(%d) = %s', (value, text) => expect(formatCount(value)).toBe(text));
});

describe('budget: usage, fill and the overfill message', () => {
  const items = (count: number, words: number, seconds: number) => Array.from({ length: count }, () => ({ words, seconds }));

  it.each([
    ['a segment with room', SEGMENT, '2026-12-05', items(6, 0, 120), { words: 0, seconds: 170 }, null],
    ['a segment filled exactly', SEGMENT, '2026-12-05', items(6, 0, 120), { words: 0, seconds: 180 }, null],
    [
      'a segment one second over',
      SEGMENT,
      '2026-12-05',
      [...items(6, 0, 120), { words: 0, seconds: 100 }],
      { words: 0, seconds: 130 },
      'Vượt dung lượng: chương trình 05/12/2026 đã có 13:40 trên tối đa 15:00; tin này dài 2:10.',
    ],
    ['a page with room', PAGE, '2026-12', items(5, 500, 0), { words: 500, seconds: 0 }, null],
    ['a page holding its stories', PAGE, '2026-12', items(6, 100, 0), { words: 100, seconds: 0 }, 'Vượt dung lượng: trang tháng 12/2026 đã có 6/6 tin.'],
    [
      'a page over its words',
      PAGE,
      '2026-12',
      [...items(4, 700, 0), { words: 150, seconds: 0 }],
      { words: 400, seconds: 0 },
      'Vượt dung lượng: trang tháng 12/2026 đã có 2.950/3.000 chữ; tin này 400 chữ.',
    ],
  ] as const)('%s', (_, slot, slotId, existing, story, message) => {
    const check = checkFit(slot, slotId, existing, story);
    expect(check.fits).toBe(message === null);
    expect(check.message).toBe(message);
    expect(check.usage).toEqual(slotUsage(existing));
    expect(check.after.stories).toBe(existing.length + 1);
  });

  it('refuses a slot id of the wrong kind before measuring', () => {
    expect(() => checkFit(PAGE, '2026-12-05', [], { words: 1, seconds: 1 })).toThrow(SlotIdError);
  });

  it('counts missing or negative figures as nothing', () => {
    expect(slotUsage([{ words: Number.NaN, seconds: -5 }, { words: 10, seconds: 20 }])).toEqual({ stories: 2, words: 10, seconds: 20 });
  });

  it.each([
    [PAGE, { stories: 3, words: 1500, seconds: 0 }, 0.5, true],
    [PAGE, { stories: 6, words: 900, seconds: 0 }, 1, true], // six stories make a full page
    [PAGE, { stories: 7, words: 900, seconds: 0 }, 1, false],
    [PAGE, { stories: 2, words: 3001, seconds: 0 }, 1, false],
    [SEGMENT, { stories: 5, words: 0, seconds: 810 }, 0.9, true],
    [SEGMENT, { stories: 5, words: 0, seconds: 901 }, 1, false],
  ] as const)('fillRatio and withinBudget %#', (slot, usage, fill, within) => {
    expect(fillRatio(slot, usage)).toBeCloseTo(fill, 10);
    expect(withinBudget(slot, usage)).toBe(within);
  });
});
