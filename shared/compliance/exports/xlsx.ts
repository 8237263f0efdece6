/**
 * XLSX with Vietnamese headers (exceljs): a title line, the header row in
 * bold and frozen, one row per agency. Numbers are numbers; text stays text
 * (never a formula). Imported only by the exports function and the CLI, so
 * the api function's bundle does not carry a spreadsheet writer.
 */
import { Workbook } from './workbook';
import type { ComplianceReport } from '../report';
import { reportTable } from './table';
import { formatVietnamDateTime } from '../../web/html';

/** The first row holding data (after the title, the generation line and the header). */
export const XLSX_HEADER_ROW = 3;

/** The report as an XLSX file. */
export async function complianceXlsx(report: ComplianceReport): Promise<Buffer> {
  const table = reportTable(report);
  const workbook = new Workbook();
  workbook.creator = 'cchc-pipeline';
  workbook.created = new Date(report.generatedAt);
  const sheet = workbook.addWorksheet(report.period.id, { views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 2 }] });
  sheet.getCell(1, 1).value = table.title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = `Lập lúc ${formatVietnamDateTime(report.generatedAt)} (giờ Việt Nam)`;
  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = table.headers;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const cells of table.rows) sheet.addRow(cells.map((cell) => (cell === null ? null : cell)));
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 ? 40 : index === 0 ? 24 : 16;
  });
  sheet.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: XLSX_HEADER_ROW, column: table.headers.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
