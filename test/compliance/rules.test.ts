import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config/load';
import type { Agency } from '../../shared/config/schema';
import type { AreaId } from '../../shared/config/areas';
import { quarterOf, toVietnamIso } from '../../shared/time/vietnam';
import { daysLeft, nextQuarter, parsePeriod, PeriodError, previousQuarter, quarterRange, quarterState } from '../../shared/compliance/periods';
import { isJudged, judgePeriod, judgeQuarter } from '../../shared/compliance/rules';
import type { CountMark, QuarterCredit } from '../../shared/compliance/types';
import { complianceConfigSchema } from '../../shared/compliance/config';
import { configSchema } from '../../shared/config/schema';

const config = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));
const agencies = config.agencies;
const agency = (id: string) => agencies.find((a) => a.id === id)!;
const AFTER_2025 = new Date('2026-06-01T00:00:00Z');

let seq = 0;
function credit(agencyId: string, at: string, options: { relevant?: boolean; areas?: AreaId[]; mark?: CountMark | null; storyId?: string } = {}): QuarterCredit {
  const instant = new Date(at);
  return {
    agencyId,
    storyId: options.storyId ?? `s${++seq}`,
    quarter: quarterOf(instant),
    sortAt: toVietnamIso(instant),
    title: 'Tin CCHC',
    sourceId: `${agencyId}-rss`,
    url: `https://example.gov.vn/${seq}`,
    relevant: options.relevant ?? true,
    areas: options.areas ?? ['procedures'],
    mark: options.mark ?? null,
  };
}
const mark = (counted: boolean): CountMark => ({ counted, reason: 'Sở Nội vụ xem lại', by: 'noivu', at: '2025-05-01T00:00:00Z' });

describe('periods', () => {
  it.each([
    ['2025-Q2', 'quarter', ['2025-Q2']],
    ['2025-H1', 'half', ['2025-Q1', '2025-Q2']],
    ['2025-H2', 'half', ['2025-Q3', '2025-Q4']],
    ['2025', 'year', ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']],
  ])('%s is a %s of %j', (text, kind, quarters) => {
    expect(parsePeriod(text)).toMatchObject({ kind, quarters });
  });

  it.each(['2025-Q5', '2025-H3', '25', '2025-06', '', 'Q2-2025', '1999'])('refuses %j', (text) => {
    expect(() => parsePeriod(text)).toThrow(PeriodError);
  });

  it('bounds quarters in Vietnam time', () => {
    const q2 = quarterRange('2025-Q2');
    expect(q2.start.toISOString()).toBe('2025-03-31T17:00:00.000Z');
    expect(q2.end.toISOString()).toBe('2025-06-30T17:00:00.000Z');
    expect([q2.firstDay, q2.lastDay]).toEqual(['2025-04-01', '2025-06-30']);
    expect(previousQuarter('2025-Q1')).toBe('2024-Q4');
    expect(nextQuarter('2025-Q4')).toBe('2026-Q1');
  });

  it.each([
    ['2025-06-30T16:59:59Z', 'running', 1],
    ['2025-06-30T17:00:00Z', 'past', null],
    ['2025-06-23T17:00:00Z', 'running', 7],
    ['2025-06-23T16:00:00Z', 'running', 8],
    ['2025-03-31T16:59:59Z', 'future', null],
    ['2025-03-31T17:00:00Z', 'running', 91],
  ])('at %s Q2 2025 is %s with %s days left', (now, state, days) => {
    expect(quarterState('2025-Q2', new Date(now))).toBe(state);
    expect(daysLeft('2025-Q2', new Date(now))).toBe(days);
  });

  it('accepts the optional compliance section with defaults', () => {
    expect(complianceConfigSchema.parse({})).toEqual({ yearlyTarget: 10, reminderDays: [21, 7] });
    expect(configSchema.parse({ agencies: [], sources: [], compliance: { yearlyTarget: 12 } }).compliance).toEqual({ yearlyTarget: 12, reminderDays: [21, 7] });
    expect(() => configSchema.parse({ agencies: [], sources: [], compliance: { yearlyTarget: 0 } })).toThrow();
  });
});

describe('judgeQuarter', () => {
  const row = (quarter: string, credits: QuarterCredit[], id: string, now = AFTER_2025) =>
    judgeQuarter({ quarter, agencies, credits, now }).find((r) => r.agencyId === id);

  it.each([
    { name: 'a story at 00:30 on 1 April (Vietnam) counts in Q2', at: '2025-03-31T17:30:00Z', q1: 0, q2: 1 },
    { name: 'a story at 23:59 on 31 March (Vietnam) counts in Q1', at: '2025-03-31T16:59:00Z', q1: 1, q2: 0 },
  ])('$name', ({ at, q1, q2 }) => {
    const credits = [credit('so-tu-phap', at, { areas: ['institutions'] })];
    expect(row('2025-Q1', credits, 'so-tu-phap')!.items).toBe(q1);
    expect(row('2025-Q2', credits, 'so-tu-phap')!.items).toBe(q2);
  });

  it.each([
    { name: 'no counted story → missing', credits: () => [credit('so-tu-phap', '2025-04-02T03:00:00Z', { relevant: false, areas: [] })], status: 'missing', items: 0, missing: ['institutions'] },
    { name: 'a story without the lead theme → lead_missing', credits: () => [credit('so-tu-phap', '2025-04-02T03:00:00Z', { areas: ['procedures'] })], status: 'lead_missing', items: 1, missing: ['institutions'] },
    { name: 'the lead theme as a secondary area → met', credits: () => [credit('so-tu-phap', '2025-04-02T03:00:00Z', { areas: ['procedures', 'institutions'] })], status: 'met', items: 1, missing: [] },
    { name: 'a story corrected to not relevant drops out', credits: () => [credit('so-tu-phap', '2025-04-02T03:00:00Z', { relevant: false, areas: [] }), credit('so-tu-phap', '2025-05-02T03:00:00Z', { areas: ['procedures'] })], status: 'lead_missing', items: 1, missing: ['institutions'] },
    { name: "Sở Nội vụ's mark 'not counted' beats a relevant label", credits: () => [credit('so-tu-phap', '2025-04-02T03:00:00Z', { areas: ['institutions'], mark: mark(false) })], status: 'missing', items: 0, missing: ['institutions'] },
    { name: "Sở Nội vụ's mark 'counted' beats a not-relevant label", credits: () => [credit('so-tu-phap', '2025-04-02T03:00:00Z', { relevant: false, areas: [], mark: mark(true) })], status: 'lead_missing', items: 1, missing: ['institutions'] },
    { name: 'an agency without lead themes is met with one story', id: 'so-y-te', credits: () => [credit('so-y-te', '2025-04-02T03:00:00Z', { areas: ['digital_government'] })], status: 'met', items: 1, missing: [] },
  ])('$name', ({ credits, status, items, missing, id }) => {
    const r = row('2025-Q2', credits(), id ?? 'so-tu-phap')!;
    expect(r).toMatchObject({ status, items, leadAreasMissing: missing });
  });

  it('counts areas over counted stories, first and last in Vietnam ISO, each story once', () => {
    const credits = [
      credit('so-noi-vu', '2025-05-02T03:00:00Z', { areas: ['organization', 'civil_service'], storyId: 'b' }),
      credit('so-noi-vu', '2025-04-02T03:00:00Z', { areas: ['direction', 'organization'], storyId: 'a' }),
      credit('so-noi-vu', '2025-04-02T03:00:00Z', { areas: ['direction', 'organization'], storyId: 'a' }),
      credit('so-noi-vu', '2025-06-02T03:00:00Z', { relevant: false, areas: [], storyId: 'c' }),
    ];
    expect(row('2025-Q2', credits, 'so-noi-vu')).toEqual({
      agencyId: 'so-noi-vu',
      agencyName: 'Sở Nội vụ',
      kind: 'department',
      items: 2,
      areas: { direction: 1, organization: 2, civil_service: 1 },
      leadAreas: ['direction', 'organization', 'civil_service'],
      leadAreasMissing: [],
      status: 'met',
      firstAt: '2025-04-02T10:00:00+07:00',
      lastAt: '2025-05-02T10:00:00+07:00',
    });
  });

  it('credits every publisher of a syndicated story', () => {
    const shared = { storyId: 'syndicated', areas: ['institutions', 'procedures'] as AreaId[] };
    const credits = [credit('so-tu-phap', '2025-04-10T03:00:00Z', shared), credit('ubnd-an-nhon', '2025-04-10T03:00:00Z', shared), credit('van-phong-ubnd-tinh', '2025-04-10T03:00:00Z', shared)];
    expect(row('2025-Q2', credits, 'so-tu-phap')).toMatchObject({ items: 1, status: 'met' });
    expect(row('2025-Q2', credits, 'ubnd-an-nhon')).toMatchObject({ items: 1, status: 'met' });
    expect(row('2025-Q2', credits, 'van-phong-ubnd-tinh')).toMatchObject({ items: 1, status: 'met' });
    expect(row('2025-Q2', credits, 'so-y-te')).toMatchObject({ items: 0, status: 'missing' });
  });

  it('judges a merged agency only while its validity overlaps the quarter, the successor throughout', () => {
    const merged = agency('so-ke-hoach-dau-tu');
    expect(merged).toMatchObject({ validTo: '2025-02-28', successorId: 'so-tai-chinh' });
    expect(isJudged(merged, '2024-Q4')).toBe(true);
    expect(isJudged(merged, '2025-Q1')).toBe(true);
    expect(isJudged(merged, '2025-Q2')).toBe(false);
    const credits = [credit('so-ke-hoach-dau-tu', '2025-02-10T03:00:00Z', { areas: ['business_environment'] }), credit('so-tai-chinh', '2025-05-10T03:00:00Z', { areas: ['public_finance'] })];
    expect(row('2025-Q1', credits, 'so-ke-hoach-dau-tu')).toMatchObject({ items: 1, status: 'met' });
    expect(row('2025-Q2', credits, 'so-ke-hoach-dau-tu')).toBeUndefined();
    expect(row('2025-Q1', credits, 'so-tai-chinh')).toMatchObject({ status: 'missing' });
    expect(row('2025-Q2', credits, 'so-tai-chinh')).toMatchObject({ items: 1, status: 'met' });
  });

  it.each([
    { validFrom: '2025-06-30', validTo: null, judged: true },
    { validFrom: '2025-07-01', validTo: null, judged: false },
    { validFrom: '2020-01-01', validTo: '2025-04-01', judged: true },
    { validFrom: '2020-01-01', validTo: '2025-03-31', judged: false },
  ])('validity $validFrom..$validTo judged in Q2 2025: $judged', ({ validFrom, validTo, judged }) => {
    expect(isJudged({ validFrom, validTo } as Agency, '2025-Q2')).toBe(judged);
  });

  it('shows a running quarter as of now, with days left', () => {
    const now = new Date('2025-06-20T03:00:00Z');
    const rows = judgeQuarter({ quarter: '2025-Q2', agencies, credits: [], now });
    expect(rows[0]!.daysLeft).toBe(11);
    expect(judgeQuarter({ quarter: '2025-Q1', agencies, credits: [], now })[0]).not.toHaveProperty('daysLeft');
  });

  it('orders rows by kind, then Vietnamese name', () => {
    const rows = judgeQuarter({ quarter: '2025-Q2', agencies, credits: [], now: AFTER_2025 });
    expect(rows[0]!.kind).toBe('department');
    expect(rows.at(-1)!.kind).toBe('office');
    expect(rows.map((r) => r.agencyId)).not.toContain('so-ke-hoach-dau-tu');
  });
});

describe('judgePeriod', () => {
  it('aggregates a half-year with each judged quarter and totals; the merged agency has only Q1', () => {
    const credits = [
      credit('so-tu-phap', '2025-02-10T03:00:00Z', { areas: ['institutions'] }),
      credit('so-tu-phap', '2025-05-10T03:00:00Z', { areas: ['procedures'] }),
      credit('so-ke-hoach-dau-tu', '2025-01-10T03:00:00Z', { areas: ['business_environment'] }),
    ];
    const creditsByQuarter = new Map<string, QuarterCredit[]>();
    for (const c of credits) creditsByQuarter.set(c.quarter, [...(creditsByQuarter.get(c.quarter) ?? []), c]);
    const rows = judgePeriod({ quarters: ['2025-Q1', '2025-Q2'], agencies, creditsByQuarter, now: AFTER_2025 });
    const tuPhap = rows.find((r) => r.agencyId === 'so-tu-phap')!;
    expect(tuPhap).toMatchObject({ items: 2, areas: { institutions: 1, procedures: 1 }, status: 'lead_missing', leadAreasMissing: ['institutions'], firstAt: '2025-02-10T10:00:00+07:00', lastAt: '2025-05-10T10:00:00+07:00' });
    expect(Object.keys(tuPhap.quarters)).toEqual(['2025-Q1', '2025-Q2']);
    expect(tuPhap.quarters['2025-Q1']).toMatchObject({ status: 'met', items: 1 });
    expect(tuPhap.quarters['2025-Q2']).toMatchObject({ status: 'lead_missing', items: 1 });
    const merged = rows.find((r) => r.agencyId === 'so-ke-hoach-dau-tu')!;
    expect(Object.keys(merged.quarters)).toEqual(['2025-Q1']);
    expect(merged).toMatchObject({ status: 'met', items: 1 });
  });

  it('leaves out quarters that have not begun', () => {
    const rows = judgePeriod({ quarters: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'], agencies, creditsByQuarter: new Map(), now: new Date('2025-05-01T00:00:00Z') });
    expect(Object.keys(rows[0]!.quarters)).toEqual(['2025-Q1', '2025-Q2']);
    expect(rows[0]!.quarters['2025-Q2']!.daysLeft).toBe(61);
  });
});
