/**
 * exceljs's Workbook class, imported from its own module instead of the
 * package's entry point.
 *
 * Why: `exceljs` (excel.js) also loads the streaming reader and writer, the
 * CSV module's dependencies, unzipper, archiver and their polyfills
 * (readable-stream, bluebird, es-abstract…): ≈ 1.1 MB of the exports
 * function's bundle against ≈ 0.5 MB for the Workbook and its XLSX writer,
 * which is all we use. exceljs has no `exports` map, so this path is public
 * to Node and esbuild alike; the type is the package's own.
 */
import type ExcelJS from 'exceljs';
// @ts-expect-error exceljs ships types for its entry point only; the class is the same.
import WorkbookModule from 'exceljs/lib/doc/workbook.js';

/** exceljs's `Workbook`. */
export const Workbook = WorkbookModule as typeof ExcelJS.Workbook;
