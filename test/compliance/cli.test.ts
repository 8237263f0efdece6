/** `cchc compliance`: in-process on the shared local servers, and its one-line errors as a real process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../infra/local/paths';
import { LOCAL_BUCKET, LOCAL_TABLE } from '../../infra/local/stores';
import { createAwsClients } from '../../shared/store/clients';
import { ensureBucket, ensureTable } from '../../infra/local/provision';
import { SourcesRepository } from '../../shared/store/sources-repo';
import type { CommandIo } from '../../infra/cli/io';
import { run } from '../../infra/cli/compliance';
import { seedStory } from './support';

const exec = promisify(execFile);
// A year of its own in the shared local table, so other tests' data cannot interfere.
const clock = () => new Date('2031-08-10T03:00:00Z');
const suffix = Math.random().toString(36).slice(2, 8);
const agencyId = `cli-test-${suffix}`;

function captureIo(): CommandIo & { out: string; err: string } {
  const io = { out: '', err: '', isTty: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), readStdin: async () => '' };
  return io;
}

describe('cchc compliance', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-compliance-'));

  beforeAll(async () => {
    process.env.CCHC_DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
    process.env.CCHC_S3_ENDPOINT = inject('s3Endpoint');
    const clients = createAwsClients({ region: 'ap-southeast-1', tableName: LOCAL_TABLE, bucketName: LOCAL_BUCKET, dynamoEndpoint: inject('dynamoEndpoint'), s3Endpoint: inject('s3Endpoint') });
    await ensureTable(clients);
    await ensureBucket(clients);
    await new SourcesRepository(clients).putAgency({ id: agencyId, name: 'Sở Thử nghiệm', kind: 'department', leadAreas: ['institutions'], contacts: [], validFrom: '2031-01-01', validTo: null, successorId: null });
    await seedStory(clients, agencyId, '2031-04-01T00:30:00+07:00', { relevant: true, areas: ['institutions'] }, new Date('2031-04-02T00:00:00Z'));
    await seedStory(clients, agencyId, '2031-07-05T09:00:00+07:00', { relevant: true, areas: ['procedures'] }, new Date('2031-07-06T00:00:00Z'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the quarter as JSON rows by default', async () => {
    const io = captureIo();
    expect(await run(['--quarter', '2031-Q2'], io, clock)).toBe(0);
    const rows = JSON.parse(io.out) as Record<string, unknown>[];
    expect(rows.find((r) => r.agencyId === agencyId)).toEqual({
      agencyId,
      agencyName: 'Sở Thử nghiệm',
      kind: 'department',
      items: 1,
      areas: { institutions: 1 },
      leadAreas: ['institutions'],
      leadAreasMissing: [],
      status: 'met',
      firstAt: '2031-04-01T00:30:00+07:00',
      lastAt: '2031-04-01T00:30:00+07:00',
    });
  });

  it('shows a running quarter as of now with days left', async () => {
    const io = captureIo();
    await run(['--quarter', '2031-Q3'], io, clock);
    expect((JSON.parse(io.out) as Record<string, unknown>[]).find((r) => r.agencyId === agencyId)).toMatchObject({ status: 'lead_missing', leadAreasMissing: ['institutions'], daysLeft: 52 });
  });

  it('aggregates a year with each quarter begun and the totals', async () => {
    const io = captureIo();
    await run(['--year', '2031'], io, clock);
    const row = (JSON.parse(io.out) as { agencyId: string; items: number; status: string; quarters: Record<string, unknown> }[]).find((r) => r.agencyId === agencyId)!;
    expect(row).toMatchObject({ items: 2, status: 'missing' });
    expect(Object.keys(row.quarters)).toEqual(['2031-Q1', '2031-Q2', '2031-Q3']);
  });

  it('writes CSV with a BOM and XLSX to --out', async () => {
    const io = captureIo();
    await run(['--half', '2031-H1', '--format', 'csv'], io, clock);
    expect(io.out.startsWith('\uFEFFMã cơ quan,')).toBe(true);
    const file = join(dir, 'q2.xlsx');
    expect(await run(['--quarter', '2031-Q2', '--format', 'xlsx', '--out', file], captureIo(), clock)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as never);
    let found = false;
    workbook.worksheets[0]!.eachRow((row) => {
      if (row.getCell(1).value === agencyId) found = row.getCell(2).value === 'Sở Thử nghiệm' && row.getCell(4).value === 1;
    });
    expect(found).toBe(true);
  });

  it.each([
    [['--quarter', '2031-Q5'], /--quarter: not a quarter/],
    [['--half', '2031-H3'], /--half: not a half-year/],
    [['--quarter', '2031-Q2', '--year', '2031'], /exactly one of --quarter, --half, --year/],
    [[], /exactly one of/],
    [['--quarter', '2031-Q2', '--format', 'xlsx'], /needs --out FILE/],
    [['--quarter', '2031-Q2', '--format', 'pdf'], /--format: expected json, csv or xlsx/],
  ])('refuses %j with one line and a non-zero exit', async (args, message) => {
    const failed = (await exec(process.execPath, ['bin/cchc.mjs', 'compliance', ...args], { cwd: REPO_ROOT }).catch((error: unknown) => error)) as { code: number; stderr: string };
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(message);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
  });
});
