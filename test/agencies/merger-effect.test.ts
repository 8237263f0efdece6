import { describe, expect, it } from 'vitest';
import type { Agency } from '../../shared/config/schema';
import type { QuarterCredit } from '../../shared/compliance/types';
import { affectedQuarters, agencyChangeEffect, quarterOfDay } from '../../shared/agencies/merger-effect';
import { AgencyValidationError, parseAgency, referenceIssues, validateAgencyChange } from '../../shared/agencies/validate';

const NOW = new Date('2025-05-10T03:00:00Z'); // 2025-Q2 running

const agency = (overrides: Partial<Agency> & { id: string }): Agency => ({
  name: `Cơ quan ${overrides.id}`,
  kind: 'department',
  leadAreas: [],
  contacts: [],
  validFrom: '2020-01-01',
  validTo: null,
  successorId: null,
  ...overrides,
});

let n = 0;
const credit = (agencyId: string, quarter: string, sortAt: string, overrides: Partial<QuarterCredit> = {}): QuarterCredit => ({
  agencyId,
  storyId: `s${++n}`,
  quarter,
  sortAt,
  title: 'Tin CCHC',
  sourceId: `${agencyId}-rss`,
  url: `https://example.gov.vn/${n}`,
  relevant: true,
  areas: ['procedures'],
  mark: null,
  ...overrides,
});

const planning = agency({ id: 'so-ke-hoach-dau-tu', name: 'Sở Kế hoạch và Đầu tư', leadAreas: ['procedures'] });
const finance = agency({ id: 'so-tai-chinh', name: 'Sở Tài chính', validFrom: '2020-01-01' });

describe('affectedQuarters', () => {
  it('runs from the quarter of the earliest changed date to the running quarter', () => {
    const merged = { ...planning, validTo: '2025-02-28', successorId: 'so-tai-chinh' };
    expect(affectedQuarters(planning, merged, NOW)).toEqual(['2025-Q1', '2025-Q2']);
    expect(affectedQuarters(merged, { ...merged, validTo: '2024-08-31' }, NOW)).toEqual(['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
  });

  it('reaches a future end date, and caps the count', () => {
    expect(affectedQuarters(planning, { ...planning, validTo: '2025-12-31', successorId: 'so-tai-chinh' }, NOW)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(affectedQuarters(null, { ...planning, validFrom: '2015-01-01' }, NOW, 5)).toEqual(['2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
  });

  it('shows the last four judged quarters for a change of kind alone', () => {
    expect(affectedQuarters(planning, { ...planning, kind: 'office' }, NOW)).toEqual(['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
    const ended = { ...planning, validTo: '2024-03-31' };
    expect(affectedQuarters(ended, { ...ended, kind: 'office' }, NOW)).toEqual(['2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1']);
  });

  it('maps days to quarters', () => {
    expect([quarterOfDay('2025-01-01'), quarterOfDay('2025-03-31'), quarterOfDay('2025-04-01'), quarterOfDay('2025-12-31')]).toEqual(['2025-Q1', '2025-Q1', '2025-Q2', '2025-Q4']);
  });
});

describe('agencyChangeEffect: a merger', () => {
  const merged = { ...planning, validTo: '2025-02-28', successorId: 'so-tai-chinh' };
  const credits = new Map<string, QuarterCredit[]>([
    ['2025-Q1', [credit('so-ke-hoach-dau-tu', '2025-Q1', '2025-02-10T09:00:00+07:00'), credit('so-tai-chinh', '2025-Q1', '2025-03-05T09:00:00+07:00')]],
    ['2025-Q2', [credit('so-ke-hoach-dau-tu', '2025-Q2', '2025-04-20T09:00:00+07:00'), credit('so-ke-hoach-dau-tu', '2025-Q2', '2025-04-22T09:00:00+07:00', { relevant: false })]],
  ]);
  const effect = agencyChangeEffect({ before: planning, after: merged, agencies: [planning, finance], quarters: ['2025-Q1', '2025-Q2'], credits, now: NOW });

  it('keeps the quarter the merged agency still overlaps, with its own credits', () => {
    const q1 = effect.quarters[0]!;
    expect(q1.quarter).toBe('2025-Q1');
    expect(q1.agency.before).toMatchObject({ expected: true, credited: 1, status: 'met' });
    expect(q1.agency.after).toMatchObject({ expected: true, credited: 1, status: 'met' });
    expect(q1.changed).toBe(false);
    // The successor is judged on its own credits, never the merged agency's.
    expect(q1.successor).toMatchObject({ agencyId: 'so-tai-chinh', after: { expected: true, credited: 1, status: 'met' } });
  });

  it('stops judging it after validTo: its later story is credited to nobody', () => {
    const q2 = effect.quarters[1]!;
    expect(q2.agency.before).toMatchObject({ expected: true, credited: 1, uncredited: 0, status: 'met' });
    expect(q2.agency.after).toMatchObject({ expected: false, credited: 0, uncredited: 1, status: null });
    expect(q2.changed).toBe(true);
    expect(q2.successor?.after).toMatchObject({ expected: true, credited: 0, status: 'missing' });
    expect(effect.warnings).toContainEqual({ code: 'credits-dropped', quarter: '2025-Q2', count: 1 });
  });

  it('warns of a gap before a late successor and of an overlap with an early one', () => {
    const late = { ...finance, validFrom: '2025-04-01' };
    const gap = agencyChangeEffect({ before: planning, after: merged, agencies: [planning, late], quarters: ['2025-Q1'], credits, now: NOW });
    expect(gap.warnings).toContainEqual({ code: 'gap', from: '2025-03-01', to: '2025-03-31' });
    const overlap = agencyChangeEffect({ before: planning, after: merged, agencies: [planning, finance], quarters: ['2025-Q1'], credits, now: NOW });
    expect(overlap.warnings).toContainEqual({ code: 'overlap', from: '2020-01-01', to: '2025-02-28' });
  });

  it('reports a new agency as having no before, and a lead-theme change as a status change', () => {
    const added = agencyChangeEffect({ before: null, after: agency({ id: 'so-moi', validFrom: '2025-04-01' }), agencies: [], quarters: ['2025-Q2'], credits, now: NOW });
    expect(added.quarters[0]!.agency.before).toBeNull();
    expect(added.quarters[0]!.changed).toBe(true);
    const themes = agencyChangeEffect({ before: planning, after: { ...planning, leadAreas: ['procedures', 'digital_government'] }, agencies: [planning], quarters: ['2025-Q2'], credits, now: NOW });
    expect(themes.quarters[0]!.agency.before?.status).toBe('met');
    expect(themes.quarters[0]!.agency.after.status).toBe('lead_missing');
  });
});

describe('agency validation', () => {
  const all = [planning, finance, agency({ id: 'so-a', successorId: 'so-b', validTo: '2024-12-31' }), agency({ id: 'so-b' })];

  it('answers schema problems per field in Vietnamese', () => {
    try {
      parseAgency({ id: 'Sở A', name: '', kind: 'department', validFrom: '01/01/2025' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AgencyValidationError);
      const issues = (error as AgencyValidationError).issues;
      expect(issues.map((issue) => issue.field).sort()).toEqual(['id', 'name', 'validFrom']);
      expect(issues.find((issue) => issue.field === 'validFrom')?.message).toBe('Hiệu lực từ ngày: cần một ngày dạng NNNN-TT-NN.');
    }
  });

  it('checks dates, the successor and cycles', () => {
    const issues = (candidate: Agency, creating = false) => referenceIssues(candidate, all.filter((other) => creating || other.id !== candidate.id), { creating }).map((issue) => `${issue.field}: ${issue.message}`);
    expect(issues({ ...planning, validTo: '2019-12-31' })).toEqual(['validTo: Ngày hết hiệu lực phải bằng hoặc sau ngày bắt đầu hiệu lực.']);
    expect(issues({ ...planning, validTo: '2025-02-28', successorId: 'so-khong-co' })).toEqual(['successorId: Không có cơ quan mã “so-khong-co”.']);
    expect(issues({ ...planning, validTo: '2025-02-28', successorId: planning.id })).toEqual(['successorId: Một cơ quan không thể kế thừa chính nó.']);
    expect(issues({ ...planning, successorId: 'so-tai-chinh' })).toEqual(['validTo: Khi ghi nhận sáp nhập cần nhập ngày hết hiệu lực.']);
    expect(issues({ ...agency({ id: 'so-b' }), validTo: '2025-01-01', successorId: 'so-a' })[0]).toMatch(/^successorId: Chuỗi sáp nhập tạo thành vòng lặp/);
    expect(issues(agency({ id: 'so-tai-chinh' }), true)).toEqual(['id: Mã cơ quan “so-tai-chinh” đã được dùng.']);
    expect(issues({ ...planning, validTo: '2025-02-28', successorId: 'so-tai-chinh' })).toEqual([]);
  });

  it('accepts a sound merger and throws every issue of an unsound one', () => {
    expect(validateAgencyChange({ ...planning, validTo: '2025-02-28', successorId: 'so-tai-chinh' }, [finance]).successorId).toBe('so-tai-chinh');
    expect(() => validateAgencyChange({ ...planning, validTo: '2019-01-01', successorId: 'nobody' }, [finance])).toThrow(/validTo.*successorId/);
  });
});
