import { writeFileSync } from 'node:fs';
import type { CommandIo } from './io';
import { CliError } from './io';
import { parseCommandArgs } from './args';
import { openLocalStores } from '../local/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { parseHalf, parseQuarter, parseYear, PeriodError, type Period } from '../../shared/compliance/periods';
import { buildReport, reportJson } from '../../shared/compliance/report';

const USAGE = 'usage: cchc compliance (--quarter 2025-Q2 | --half 2025-H1 | --year 2025) [--format json|csv|xlsx] [--out FILE]\n';

const FORMATS = ['json', 'csv', 'xlsx'] as const;

/** The period of the options, exactly one of them. @throws CliError */
export function periodOf(values: { quarter?: string; half?: string; year?: string }): Period {
  const given = (['quarter', 'half', 'year'] as const).filter((name) => values[name] !== undefined);
  if (given.length !== 1) throw new CliError(`give exactly one of --quarter, --half, --year (${USAGE.trim()})`);
  try {
    if (values.quarter !== undefined) {
      const quarter = parseQuarter(values.quarter);
      return { kind: 'quarter', id: quarter, year: Number(quarter.slice(0, 4)), quarters: [quarter] };
    }
    return values.half !== undefined ? parseHalf(values.half) : parseYear(values.year!);
  } catch (error) {
    if (error instanceof PeriodError) throw new CliError(`--${given[0]}: ${error.message}`);
    throw error;
  }
}

/**
 * `cchc compliance`: one row per agency judged in the period (contract,
 * "Compliance rules"). JSON on stdout by default; CSV (UTF-8 with BOM) on
 * stdout or to --out; XLSX only to --out. A quarter still running shows its
 * status as of now, with days left.
 */
export async function run(argv: string[], io: CommandIo, clock: () => Date = () => new Date()): Promise<number> {
  const values = parseCommandArgs(
    argv,
    { quarter: { type: 'string' }, half: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    USAGE,
    io,
  );
  if (!values) return 0;
  const period = periodOf(values);
  const format = (values.format ?? 'json') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new CliError(`--format: expected json, csv or xlsx, not "${values.format}"`);
  if (format === 'xlsx' && !values.out) throw new CliError('--format xlsx needs --out FILE (a spreadsheet is not written to a terminal)');
  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) });
  try {
    const report = await buildReport({ stories: new StoriesRepository(stores.clients), sources: new SourcesRepository(stores.clients) }, period, clock());
    let output: string | Buffer;
    if (format === 'xlsx') output = await (await import('../../shared/compliance/exports/xlsx')).complianceXlsx(report);
    else if (format === 'csv') output = (await import('../../shared/compliance/exports/csv')).complianceCsv(report);
    else output = reportJson(report);
    if (values.out) {
      try {
        writeFileSync(values.out, output);
      } catch (error) {
        throw new CliError(`--out: cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
      }
      io.stderr(`Đã xuất báo cáo ${period.id} (${report.rows.length} cơ quan) vào ${values.out}\n`);
    } else {
      io.stdout(typeof output === 'string' ? output : output.toString('utf8'));
    }
    return 0;
  } finally {
    await stores.stop();
  }
}
