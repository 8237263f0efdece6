/**
 * The reminders job against the real DynamoDB Local, with the outbox mailer
 * writing to a temp folder: exactly once across repeated, concurrent and
 * failed runs, thresholds at quarter boundaries in Vietnam time.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComplianceRow } from '../../shared/compliance/types';
import { listMail } from '../../shared/mail/mail-log';
import type { Mailer, OutgoingMail } from '../../shared/mail/mailer';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import type { ReminderAgency } from '../../shared/reminders/plan';
import { runReminders, type RemindersDeps } from '../../shared/reminders/run';
import type { AwsClients } from '../../shared/store/clients';
import { keys } from '../../shared/store/table';
import { freshStores } from '../support/stores';

const vn = (local: string) => new Date(`${local}+07:00`);
const FIRST_DAY_21 = vn('2026-12-10T08:00:00');

const AGENCIES: ReminderAgency[] = [
  { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', contacts: ['so-tu-phap@example.gov.vn'] },
  { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', contacts: ['so-noi-vu@example.gov.vn'] },
  { id: 'ubnd-quy-nhon', name: 'UBND thành phố Quy Nhơn', kind: 'district', contacts: ['ubnd-quy-nhon@example.gov.vn'] },
];

const ROWS: ComplianceRow[] = [
  { agencyId: 'so-tu-phap', agencyName: 'Sở Tư pháp', kind: 'department', items: 1, areas: { procedures: 1 }, leadAreas: ['institutions'], leadAreasMissing: ['institutions'], status: 'lead_missing', firstAt: null, lastAt: null },
  { agencyId: 'so-noi-vu', agencyName: 'Sở Nội vụ', kind: 'department', items: 3, areas: { organization: 3 }, leadAreas: ['organization'], leadAreasMissing: [], status: 'met', firstAt: null, lastAt: null },
  { agencyId: 'ubnd-quy-nhon', agencyName: 'UBND thành phố Quy Nhơn', kind: 'district', items: 0, areas: {}, leadAreas: [], leadAreasMissing: [], status: 'missing', firstAt: null, lastAt: null },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function setup() {
  const clients = await freshStores();
  const dir = mkdtempSync(join(tmpdir(), 'cchc-reminders-'));
  dirs.push(dir);
  const loads: string[] = [];
  const deps = (now: Date, mailer?: Mailer): RemindersDeps => ({
    clients,
    mailer: mailer ?? new OutboxMailer({ clients, dir, sender: 'cchc@binhdinh.example.gov.vn', now: () => now }),
    loadRows: async (quarter) => {
      loads.push(quarter);
      return ROWS;
    },
    agencies: AGENCIES,
    config: { homeAffairs: ['so-noi-vu@example.gov.vn'], appUrl: 'http://localhost:3000' },
    now,
  });
  const files = () => readdirSync(dir).sort();
  return { clients, dir, deps, files, loads };
}

const marker = async (clients: AwsClients, quarter: string, threshold: number, target: string) =>
  (await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.reminder(quarter, threshold, target), ConsistentRead: true }))).Item;

describe('runReminders', () => {
  it('sends each agency reminder and the roll-up once, however often it runs', async () => {
    const { clients, deps, files } = await setup();
    const first = await runReminders(deps(FIRST_DAY_21));
    expect(first).toMatchObject({ quarter: '2026-Q4', threshold: 21, sent: 3, skipped: 0, failed: 0 });
    expect(first.results.map((r) => r.target).sort()).toEqual(['rollup', 'so-tu-phap', 'ubnd-quy-nhon']);

    for (const later of [FIRST_DAY_21, vn('2026-12-11T08:00:00'), vn('2026-12-23T23:59:00')]) {
      expect(await runReminders(deps(later))).toMatchObject({ threshold: 21, sent: 0, skipped: 3, failed: 0 });
    }
    expect(files()).toHaveLength(3);
    expect(files().filter((f) => f.includes('so-noi-vu'))).toEqual([]);
    expect(await marker(clients, '2026-Q4', 21, 'so-tu-phap')).toMatchObject({ state: 'sent', attempts: 1, tag: 'reminder:2026-Q4:21:so-tu-phap' });
    expect(await marker(clients, '2026-Q4', 21, 'so-noi-vu')).toBeUndefined();
    const logged = await listMail(clients, { now: vn('2026-12-31T00:00:00') });
    expect(logged.map((e) => e.tag).sort()).toEqual(['reminder:2026-Q4:21:rollup', 'reminder:2026-Q4:21:so-tu-phap', 'reminder:2026-Q4:21:ubnd-quy-nhon']);
  });

  it('sends once when two runs race (Promise.all)', async () => {
    const { deps, files } = await setup();
    const [a, b] = await Promise.all([runReminders(deps(FIRST_DAY_21)), runReminders(deps(FIRST_DAY_21))]);
    expect(a.sent + b.sent).toBe(3);
    expect(a.skipped + b.skipped).toBe(3);
    expect(a.failed + b.failed).toBe(0);
    expect(files()).toHaveLength(3);
    expect(new Set(files().map((f) => f.replace(/^\d+T\d+-/, ''))).size).toBe(3);
  });

  it('releases the claim when sending fails, so the next run sends it, once', async () => {
    const { clients, dir, deps, files } = await setup();
    const outbox = new OutboxMailer({ clients, dir, sender: 'cchc@binhdinh.example.gov.vn', now: () => FIRST_DAY_21 });
    let failures = 0;
    const flaky: Mailer = {
      send: async (mail: OutgoingMail) => {
        if (mail.tag.endsWith(':ubnd-quy-nhon') && failures === 0) {
          failures += 1;
          throw new Error('SES: Throttling — Maximum sending rate exceeded');
        }
        return outbox.send(mail);
      },
    };
    const first = await runReminders(deps(FIRST_DAY_21, flaky));
    expect(first).toMatchObject({ sent: 2, skipped: 0, failed: 1 });
    expect(first.results.find((r) => r.outcome === 'failed')).toMatchObject({ target: 'ubnd-quy-nhon', error: expect.stringContaining('Throttling') });
    expect(await marker(clients, '2026-Q4', 21, 'ubnd-quy-nhon')).toMatchObject({ state: 'failed', lastError: expect.stringContaining('Throttling') });

    const retry = await runReminders(deps(FIRST_DAY_21, flaky));
    expect(retry).toMatchObject({ sent: 1, skipped: 2, failed: 0 });
    expect(await marker(clients, '2026-Q4', 21, 'ubnd-quy-nhon')).toMatchObject({ state: 'sent', attempts: 2 });
    expect(await runReminders(deps(FIRST_DAY_21, flaky))).toMatchObject({ sent: 0, skipped: 3 });
    expect(files().filter((f) => f.includes('ubnd-quy-nhon'))).toHaveLength(1);
  });

  it('leaves a crashed run’s claim alone until the claim timeout, then sends', async () => {
    const { clients, deps, files } = await setup();
    const crashed = (claimedAt: Date) =>
      clients.dynamo.send(
        new PutCommand({
          TableName: clients.tableName,
          Item: { ...keys.reminder('2026-Q4', 21, 'so-tu-phap'), state: 'sending', claimedAt: claimedAt.toISOString(), claimToken: 'dead', attempts: 1 },
        }),
      );
    await crashed(new Date(FIRST_DAY_21.getTime() - 5 * 60_000));
    const early = await runReminders(deps(FIRST_DAY_21));
    expect(early.results.find((r) => r.target === 'so-tu-phap')).toMatchObject({ outcome: 'in-progress' });
    expect(early).toMatchObject({ sent: 2, skipped: 1 });
    expect(files().filter((f) => f.includes('so-tu-phap'))).toHaveLength(0);

    const later = await runReminders(deps(new Date(FIRST_DAY_21.getTime() + 11 * 60_000)));
    expect(later.results.find((r) => r.target === 'so-tu-phap')).toMatchObject({ outcome: 'sent' });
    expect(files().filter((f) => f.includes('so-tu-phap'))).toHaveLength(1);
    expect(await marker(clients, '2026-Q4', 21, 'so-tu-phap')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('follows the thresholds at the quarter’s boundaries, Vietnam time', async () => {
    const { deps, files, loads } = await setup();
    // 09/12 23:59 in Vietnam: not yet due; the rows are not even read.
    expect(await runReminders(deps(vn('2026-12-09T23:59:59')))).toMatchObject({ threshold: null, sent: 0 });
    expect(loads).toEqual([]);
    // 09/12 17:00 UTC is 10/12 00:00 in Vietnam: the 21-day round.
    expect(await runReminders(deps(new Date('2026-12-09T17:00:00Z')))).toMatchObject({ threshold: 21, sent: 3 });
    // 24/12: the 7-day round is a new message for each, once.
    expect(await runReminders(deps(vn('2026-12-24T08:00:00')))).toMatchObject({ threshold: 7, sent: 3 });
    expect(await runReminders(deps(vn('2026-12-31T23:59:59')))).toMatchObject({ threshold: 7, sent: 0, skipped: 3 });
    // 31/12 17:00 UTC is 01/01/2027 in Vietnam: Q4 is over, Q1's first round is in March.
    expect(await runReminders(deps(new Date('2026-12-31T17:00:00Z')))).toMatchObject({ quarter: '2027-Q1', threshold: null, sent: 0 });
    expect(loads).toEqual(['2026-Q4', '2026-Q4', '2026-Q4']);
    expect(files().map((f) => f.replace(/^\d+T\d+-/, '')).sort()).toEqual([
      'reminder-2026-q4-21-rollup.eml',
      'reminder-2026-q4-21-so-tu-phap.eml',
      'reminder-2026-q4-21-ubnd-quy-nhon.eml',
      'reminder-2026-q4-7-rollup.eml',
      'reminder-2026-q4-7-so-tu-phap.eml',
      'reminder-2026-q4-7-ubnd-quy-nhon.eml',
    ]);
  });

  it('reminds nobody who met, and sends Sở Nội vụ the roll-up all the same', async () => {
    const { deps, files } = await setup();
    const allMet = ROWS.map((row) => ({ ...row, status: 'met' as const, leadAreasMissing: [] }));
    const summary = await runReminders({ ...deps(FIRST_DAY_21), loadRows: async () => allMet });
    expect(summary).toMatchObject({ sent: 1 });
    expect(summary.results.map((r) => r.target)).toEqual(['rollup']);
    expect(files()).toEqual([expect.stringMatching(/-reminder-2026-q4-21-rollup\.eml$/)]);
  });
});
