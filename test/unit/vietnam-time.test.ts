import { describe, expect, it } from 'vitest';
import { isoWeekBounds, isoWeekOf, quarterBounds, quarterOf, toVietnamIso } from '../../shared/time/vietnam';

describe('Vietnam time calendar rules', () => {
  it('counts an item published 00:30 on 1 April (Vietnam) in Q2', () => {
    expect(quarterOf(new Date('2025-03-31T17:30:00Z'))).toBe('2025-Q2');
    expect(quarterOf(new Date('2025-03-31T16:59:59Z'))).toBe('2025-Q1');
  });

  it('writes instants in Vietnam time with an explicit offset', () => {
    expect(toVietnamIso(new Date('2025-03-31T17:30:00Z'))).toBe('2025-04-01T00:30:00+07:00');
  });

  it('puts Monday 00:30 Vietnam time in the new ISO week although UTC is still Sunday', () => {
    expect(isoWeekOf(new Date('2025-03-30T17:30:00Z'))).toBe('2025-W14');
    expect(isoWeekOf(new Date('2025-03-30T16:30:00Z'))).toBe('2025-W13');
  });

  it.each([
    ['2020-12-31T05:00:00Z', '2020-W53'],
    ['2021-01-03T05:00:00Z', '2020-W53'],
    ['2021-01-04T05:00:00Z', '2021-W01'],
    ['2026-12-31T05:00:00Z', '2026-W53'],
    ['2024-12-30T05:00:00Z', '2025-W01'],
  ])('gives %s the ISO week %s (year boundaries and week 53)', (instant, week) => {
    expect(isoWeekOf(new Date(instant))).toBe(week);
  });

  it('bounds a quarter at midnight Vietnam time', () => {
    const { start, end } = quarterBounds('2025-Q2');
    expect(start.toISOString()).toBe('2025-03-31T17:00:00.000Z');
    expect(end.toISOString()).toBe('2025-06-30T17:00:00.000Z');
    expect(quarterBounds('2025-Q4').end.toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it('bounds an ISO week from Monday 00:00 Vietnam time, and refuses a week that does not exist', () => {
    expect(isoWeekBounds('2025-W14').start.toISOString()).toBe('2025-03-30T17:00:00.000Z');
    expect(isoWeekBounds('2026-W53').start.toISOString()).toBe('2026-12-27T17:00:00.000Z');
    expect(() => isoWeekBounds('2025-W53')).toThrow(/no such ISO week/);
    expect(() => quarterBounds('2025-Q5')).toThrow(/not a quarter id/);
  });
});
