/** Which reminders are due: thresholds in Vietnam time, who is reminded, the roll-up (pure). */
import { describe, expect, it } from 'vitest';
import type { ComplianceRow } from '../../shared/compliance/types';
import { dueThresholds, planReminders, thresholdStart, type ReminderAgency } from '../../shared/reminders/plan';
import { agencyReminderMail, rollupMail } from '../../shared/reminders/messages';

/** A Vietnam wall-clock instant as a Date. */
const vn = (local: string) => new Date(`${local}+07:00`);

function row(agencyId: string, kind: ComplianceRow['kind'], status: ComplianceRow['status'], leadAreasMissing: ComplianceRow['leadAreasMissing'] = []): ComplianceRow {
  return {
    agencyId,
    agencyName: NAMES[agencyId] ?? agencyId,
    kind,
    items: status === 'missing' ? 0 : 2,
    areas: status === 'missing' ? {} : { procedures: 2 },
    leadAreas: leadAreasMissing,
    leadAreasMissing,
    status,
    firstAt: null,
    lastAt: null,
  };
}

const NAMES: Record<string, string> = {
  'so-tu-phap': 'Sở Tư pháp',
  'so-noi-vu': 'Sở Nội vụ',
  'ubnd-quy-nhon': 'UBND thành phố Quy Nhơn',
  'ubnd-an-nhon': 'UBND thị xã An Nhơn',
  'so-tai-chinh': 'Sở Tài chính',
};

const ROWS: ComplianceRow[] = [
  row('so-tu-phap', 'department', 'lead_missing', ['institutions']),
  row('so-noi-vu', 'department', 'met'),
  row('ubnd-quy-nhon', 'district', 'missing'),
  row('ubnd-an-nhon', 'district', 'missing'),
  row('so-tai-chinh', 'department', 'missing'),
];

const AGENCIES: ReminderAgency[] = Object.keys(NAMES).map((id) => ({
  id,
  name: NAMES[id]!,
  kind: id.startsWith('ubnd') ? 'district' : 'department',
  // Sở Tài chính has no contact in this registry.
  contacts: id === 'so-tai-chinh' ? [] : [`${id}@example.gov.vn`],
}));

describe('thresholds, in Vietnam time', () => {
  it('opens 21 days before the last day at 00:00 Vietnam time and closes when the quarter ends', () => {
    expect(thresholdStart('2026-Q4', 21).toISOString()).toBe(vn('2026-12-10T00:00:00').toISOString());
    expect(thresholdStart('2026-Q4', 7).toISOString()).toBe(vn('2026-12-24T00:00:00').toISOString());
    expect(dueThresholds(vn('2026-12-09T23:59:59')).due).toEqual([]);
    expect(dueThresholds(vn('2026-12-10T00:00:00'))).toEqual({ quarter: '2026-Q4', due: [21] });
    // 09/12 17:30 UTC is already 10/12 00:30 in Vietnam.
    expect(dueThresholds(new Date('2026-12-09T17:30:00Z')).due).toEqual([21]);
    expect(dueThresholds(vn('2026-12-31T23:59:59')).due).toEqual([7, 21]);
    // 31/12 17:00 UTC is 01/01 00:00 in Vietnam: Q1, nothing due yet.
    expect(dueThresholds(new Date('2026-12-31T17:00:00Z'))).toEqual({ quarter: '2027-Q1', due: [] });
  });

  it('uses the quarter’s real last day (30 June, 30 September, 31 March)', () => {
    expect(thresholdStart('2026-Q2', 7).toISOString()).toBe(vn('2026-06-23T00:00:00').toISOString());
    expect(thresholdStart('2026-Q3', 21).toISOString()).toBe(vn('2026-09-09T00:00:00').toISOString());
    expect(thresholdStart('2028-Q1', 21).toISOString()).toBe(vn('2028-03-10T00:00:00').toISOString());
  });

  it('still sends a threshold whose first day the job missed', () => {
    const plan = planReminders({ now: vn('2026-12-15T08:00:00'), rows: ROWS, agencies: AGENCIES });
    expect(plan).toMatchObject({ quarter: '2026-Q4', threshold: 21, superseded: [], lastDay: '2026-12-31', daysLeft: 16 });
  });

  it('sends only the closer threshold when two are due, the other superseded', () => {
    const plan = planReminders({ now: vn('2026-12-24T08:00:00'), rows: ROWS, agencies: AGENCIES, thresholds: [21, 7] });
    expect(plan).toMatchObject({ threshold: 7, superseded: [21], daysLeft: 7 });
  });

  it('takes configured thresholds in any order, once each', () => {
    expect(dueThresholds(vn('2026-12-30T08:00:00'), [7, 3, 21, 3, 0, -1]).due).toEqual([3, 7, 21]);
  });

  it('plans nothing outside every window', () => {
    const plan = planReminders({ now: vn('2026-11-25T08:00:00'), rows: ROWS, agencies: AGENCIES, homeAffairs: ['so-noi-vu@example.gov.vn'] });
    expect(plan).toMatchObject({ threshold: null, agencies: [], rollup: null });
  });
});

describe('who is reminded', () => {
  const plan = planReminders({ now: vn('2026-12-10T08:00:00'), rows: ROWS, agencies: AGENCIES, homeAffairs: ['so-noi-vu@example.gov.vn'] });

  it('reminds missing and lead_missing agencies with a contact, never one that met', () => {
    expect(plan.agencies.map((a) => [a.agencyId, a.to])).toEqual([
      ['so-tu-phap', ['so-tu-phap@example.gov.vn']],
      ['ubnd-quy-nhon', ['ubnd-quy-nhon@example.gov.vn']],
      ['ubnd-an-nhon', ['ubnd-an-nhon@example.gov.vn']],
    ]);
    expect(plan.agencies.map((a) => a.agencyId)).not.toContain('so-noi-vu');
    expect(plan.withoutContact.map((r) => r.agencyId)).toEqual(['so-tai-chinh']);
  });

  it('rolls the laggards up for Sở Nội vụ by agency kind', () => {
    expect(plan.rollup!.to).toEqual(['so-noi-vu@example.gov.vn']);
    expect(plan.rollup!.groups.map((g) => [g.kind, g.rows.map((r) => [r.agencyId, r.reminded])])).toEqual([
      ['department', [['so-tai-chinh', false], ['so-tu-phap', true]]],
      ['district', [['ubnd-quy-nhon', true], ['ubnd-an-nhon', true]]],
    ]);
    expect(plan.rollup).toMatchObject({ laggards: 4, reminded: 3 });
  });

  it('has no roll-up without Sở Nội vụ’s address', () => {
    expect(planReminders({ now: vn('2026-12-10T08:00:00'), rows: ROWS, agencies: AGENCIES }).rollup).toBeNull();
  });
});

describe('the e-mails', () => {
  const plan = planReminders({ now: vn('2026-12-10T08:00:00'), rows: ROWS, agencies: AGENCIES, homeAffairs: ['so-noi-vu@example.gov.vn'] });
  const due = plan as typeof plan & { threshold: number };

  it('tells a lead_missing agency which lead themes are uncovered, in Vietnamese, and by when', () => {
    const mail = agencyReminderMail(due, plan.agencies[0]!, 'https://cchc.example.gov.vn/');
    expect(mail.tag).toBe('reminder:2026-Q4:21:so-tu-phap');
    expect(mail.to).toEqual(['so-tu-phap@example.gov.vn']);
    expect(mail.subject).toContain('quý IV năm 2026');
    expect(mail.subject).toContain('31/12/2026');
    expect(mail.text).toContain('Kính gửi: Sở Tư pháp,');
    expect(mail.text).toContain('Cải cách thể chế');
    expect(mail.text).toContain('Còn 21 ngày');
    expect(mail.text).toContain('https://cchc.example.gov.vn/compliance/2026-Q4');
    expect(mail.html).toContain('<strong>Cải cách thể chế</strong>');
    expect(mail.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated' });
  });

  it('tells a missing agency that no story was recorded', () => {
    const mail = agencyReminderMail(due, plan.agencies[1]!, 'https://cchc.example.gov.vn');
    expect(mail.text).toContain('Chưa có tin CCHC nào');
    expect(mail.text).not.toContain('lĩnh vực cơ quan được giao chủ trì');
  });

  it('escapes names in the HTML', () => {
    const odd = { ...plan.agencies[1]!, agencyName: 'UBND <script>alert(1)</script>' };
    const mail = agencyReminderMail(due, odd, 'https://cchc.example.gov.vn');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it('notes a broken source next to a missing agency', () => {
    const troubled = { ...plan.agencies[1]!, row: { ...plan.agencies[1]!.row, health: { state: 'needs_repair' } } };
    expect(agencyReminderMail(due, troubled, 'https://x.example').text).toContain('không đọc được trang tin');
  });

  it('lists the roll-up by kind, with status and who could not be reminded', () => {
    const mail = rollupMail(due, 'https://cchc.example.gov.vn');
    expect(mail.tag).toBe('reminder:2026-Q4:21:rollup');
    expect(mail.subject).toContain('4 cơ quan chưa đạt');
    const text = mail.text;
    expect(text.indexOf('Sở, ban, ngành (2):')).toBeLessThan(text.indexOf('UBND cấp huyện (2):'));
    expect(text).toContain('Sở Tư pháp: thiếu lĩnh vực chủ trì: Cải cách thể chế');
    expect(text).toContain('Sở Tài chính: chưa có tin — chưa có địa chỉ thư');
    expect(text).not.toContain('Sở Nội vụ:');
  });

  it('says so when every agency met', () => {
    const allMet = planReminders({ now: vn('2026-12-10T08:00:00'), rows: [row('so-noi-vu', 'department', 'met')], agencies: AGENCIES, homeAffairs: ['so-noi-vu@example.gov.vn'] });
    const mail = rollupMail(allMet as typeof allMet & { threshold: number }, 'https://x.example');
    expect(mail.text).toContain('Tất cả các cơ quan đã đạt');
    expect(allMet.agencies).toEqual([]);
  });
});
