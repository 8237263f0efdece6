import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { complianceCsv, csvCell } from '../../shared/compliance/exports/csv';
import { complianceXlsx, XLSX_HEADER_ROW } from '../../shared/compliance/exports/xlsx';
import { parsePeriod } from '../../shared/compliance/periods';
import type { ComplianceReport } from '../../shared/compliance/report';
import type { PeriodComplianceRow } from '../../shared/compliance/types';

const row = {
  agencyId: 'so-a',
  agencyName: '=HYPERLINK("http://evil","Sở A")',
  kind: 'department' as const,
  items: 2,
  areas: { procedures: 2 },
  leadAreas: ['procedures' as const],
  leadAreasMissing: [],
  status: 'met' as const,
  firstAt: '2025-04-01T00:30:00+07:00',
  lastAt: '2025-05-01T10:00:00+07:00',
};

describe('CSV', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+84', "'+84"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['Sở Tư pháp', 'Sở Tư pháp'],
  ])('guards and quotes %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('writes a BOM, CRLF, Vietnamese headers and one column per area', () => {
    const report: ComplianceReport = { kind: 'quarter', period: parsePeriod('2025-Q2'), generatedAt: '2025-08-01T00:00:00Z', rows: [{ ...row, daysLeft: 5 }] };
    const csv = complianceCsv(report);
    expect(csv.startsWith('\uFEFFMã cơ quan,Cơ quan,Loại cơ quan,Số tin được tính,"Công tác chỉ đạo, điều hành CCHC"')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, line] = csv.slice(1).split('\r\n');
    expect(header).toContain('Cải cách thủ tục hành chính');
    expect(header!.endsWith('Số ngày còn lại')).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""http://evil"",""Sở A"")"`);
    expect(line).toContain('01/04/2025 00:30');
    expect(line!.endsWith(',5')).toBe(true);
  });
});

describe('XLSX of a half-year', () => {
  it('has the totals, then each quarter; text stays text', async () => {
    const periodRow: PeriodComplianceRow = { ...row, quarters: { '2025-Q1': { ...row, items: 0, status: 'missing', areas: {}, firstAt: null, lastAt: null }, '2025-Q2': row } };
    const report: ComplianceReport = { kind: 'period', period: parsePeriod('2025-H1'), generatedAt: '2025-08-01T00:00:00Z', rows: [periodRow] };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await complianceXlsx(report)) as never);
    const sheet = workbook.getWorksheet('2025-H1')!;
    expect(sheet.getCell(1, 1).value).toBe('Báo cáo tin CCHC 6 tháng đầu năm 2025');
    const headers = (sheet.getRow(XLSX_HEADER_ROW).values as unknown[]).slice(1);
    expect(headers.slice(-4)).toEqual(['Số tin được tính quý I/2025', 'Trạng thái quý I/2025', 'Số tin được tính quý II/2025', 'Trạng thái quý II/2025']);
    const values = (sheet.getRow(XLSX_HEADER_ROW + 1).values as unknown[]).slice(1);
    expect(values[1]).toBe('=HYPERLINK("http://evil","Sở A")');
    expect(sheet.getCell(XLSX_HEADER_ROW + 1, 2).formula).toBeUndefined();
    expect(values.slice(-4)).toEqual([0, 'Chưa có tin', 2, 'Đạt']);
  });
});
