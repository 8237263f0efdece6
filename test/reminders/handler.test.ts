/**
 * The reminders function over the real store: the quarter view's rows
 * (helper C's loadQuarterView over real credits), the outbox mailer, the
 * environment, and `cchc reminders` as a process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RemindersIncompleteError, createRemindersHandler, remindersConfigFromEnv } from '../../functions/reminders/handler';
import { REPO_ROOT } from '../../infra/local/paths';
import type { Agency, Source } from '../../shared/config/schema';
import type { Environment } from '../../shared/env';
import { readMimeMessage } from '../../shared/mail/mime';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import type { AwsClients } from '../../shared/store/clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { toStory, withMachineLabel } from '../../shared/stories/story';
import { freshStores } from '../support/stores';

const collectedAt = new Date('2026-11-20T03:00:00Z');
const agency = (id: string, name: string, leadAreas: Agency['leadAreas'], kind: Agency['kind'] = 'department'): Agency => ({
  id,
  name,
  kind,
  leadAreas,
  contacts: [`${id}@example.gov.vn`],
  validFrom: '2020-01-01',
  validTo: null,
  successorId: null,
});
const AGENCIES = [
  agency('so-tu-phap', 'Sở Tư pháp', ['institutions']),
  agency('so-khoa-hoc-cong-nghe', 'Sở Khoa học và Công nghệ', ['science_innovation']),
  agency('ubnd-van-canh', 'UBND huyện Vân Canh', [], 'district'),
];

let clients: AwsClients;
let dir: string;

async function publish(agencyId: string, n: number, areas: Agency['leadAreas']) {
  const source: Source = { id: `${agencyId}-rss`, agencyId, kind: 'rss', url: `https://${agencyId}.example.gov.vn/rss` };
  const candidate = toStory({ title: `Tin CCHC ${agencyId} ${n}`, url: `https://${agencyId}.example.gov.vn/tin/${n}`, publishedAt: '2026-11-19T08:00:00+07:00', summary: null }, source, collectedAt);
  await new StoriesRepository(clients).create(withMachineLabel(candidate, { relevant: true, areas, confidence: 0.9, evidence: [], version: 'test', at: collectedAt.toISOString() }));
}

beforeAll(async () => {
  clients = await freshStores();
  dir = mkdtempSync(join(tmpdir(), 'cchc-reminders-handler-'));
  const sources = new SourcesRepository(clients);
  for (const a of AGENCIES) await sources.putAgency(a);
  await publish('so-tu-phap', 1, ['institutions']); // met
  await publish('so-khoa-hoc-cong-nghe', 1, ['digital_government']); // lead_missing
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createRemindersHandler', () => {
  it('reminds the agencies the quarter view finds lagging, with the store’s contacts, once', async () => {
    const now = new Date('2026-12-10T01:00:00Z');
    const handler = createRemindersHandler({
      clients,
      mailer: new OutboxMailer({ clients, dir, sender: 'cchc@binhdinh.example.gov.vn', now: () => now }),
      config: { homeAffairs: ['so-noi-vu@example.gov.vn'], appUrl: 'https://cchc.example.gov.vn' },
      now: () => now,
    });
    const summary = await handler({ schedule: 'reminders', scheduledTime: '2026-12-10T01:00:00Z' });
    expect(summary).toMatchObject({ quarter: '2026-Q4', threshold: 21, sent: 3, failed: 0 });
    expect(summary.results.map((r) => r.target).sort()).toEqual(['rollup', 'so-khoa-hoc-cong-nghe', 'ubnd-van-canh']);

    const file = readdirSync(dir).find((f) => f.includes('so-khoa-hoc-cong-nghe'))!;
    const message = readMimeMessage(readFileSync(join(dir, file)));
    expect(message.headers.to).toBe('so-khoa-hoc-cong-nghe@example.gov.vn');
    expect(message.text).toContain('Khoa học, công nghệ, đổi mới sáng tạo');
    expect(message.text).toContain('https://cchc.example.gov.vn/compliance/2026-Q4');
    const rollup = readMimeMessage(readFileSync(join(dir, readdirSync(dir).find((f) => f.includes('rollup'))!)));
    expect(rollup.text).toContain('UBND cấp huyện (1):');
    expect(rollup.text).not.toContain('Sở Tư pháp');

    expect(await handler({ schedule: 'reminders' })).toMatchObject({ sent: 0, skipped: 3 });
  });

  it('throws RemindersIncompleteError after a failed send, so that the retry sends only what is missing', async () => {
    const own = await freshStores();
    const now = new Date('2026-12-24T01:00:00Z');
    let fail = true;
    const handler = createRemindersHandler({
      clients: own,
      mailer: {
        send: async (mail) => {
          if (fail && mail.tag.endsWith(':rollup')) throw new Error('SES unavailable');
          return { messageId: `<${mail.tag}@test>` };
        },
      },
      config: { homeAffairs: ['so-noi-vu@example.gov.vn'], appUrl: 'https://x.example' },
      loadRows: async () => [],
      agencies: async () => [],
      now: () => now,
    });
    const error = await handler(undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemindersIncompleteError);
    expect((error as RemindersIncompleteError).summary).toMatchObject({ threshold: 7, sent: 0, failed: 1 });
    fail = false;
    expect(await handler(undefined)).toMatchObject({ sent: 1, failed: 0 });
  });
});

describe('remindersConfigFromEnv', () => {
  it('reads the sender, Sở Nội vụ’s addresses, the thresholds and the app URL', () => {
    const env = { CCHC_MAIL_SENDER: 'cchc@x.gov.vn', CCHC_HOME_AFFAIRS_EMAILS: 'a@x.gov.vn, b@x.gov.vn', CCHC_REMINDER_DAYS: '14,3', CCHC_APP_URL: 'https://cchc.x.gov.vn' } as Environment;
    expect(remindersConfigFromEnv(env)).toEqual({ sender: 'cchc@x.gov.vn', homeAffairs: ['a@x.gov.vn', 'b@x.gov.vn'], thresholds: [14, 3], appUrl: 'https://cchc.x.gov.vn' });
    expect(remindersConfigFromEnv({ CCHC_MAIL_SENDER: 'c@x.vn' } as Environment)).toMatchObject({ homeAffairs: [], thresholds: [21, 7] });
    expect(() => remindersConfigFromEnv({} as Environment)).toThrow(/CCHC_MAIL_SENDER/);
  });
});

describe('cchc reminders', () => {
  it('runs one round on the local store into the outbox and prints the summary; a second run sends nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchc-reminders-cli-'));
    try {
      const config = join(dataDir, 'config.json');
      // 2031-Q4 and agency ids of its own: the CLI's table is shared with other suites.
      const cliAgencies = [agency('so-thu-nhac-viec-a', 'Sở Thử Nhắc việc A', []), agency('so-thu-nhac-viec-b', 'Sở Thử Nhắc việc B', [])];
      writeFileSync(config, JSON.stringify({ agencies: cliAgencies, sources: [], mail: { sender: 'cchc@binhdinh.example.gov.vn', homeAffairs: [] } }));
      const env = { ...process.env, CCHC_DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), CCHC_S3_ENDPOINT: inject('s3Endpoint'), CCHC_DATA_DIR: dataDir };
      const cchc = (...args: string[]) => promisify(execFile)(process.execPath, ['bin/cchc.mjs', 'reminders', ...args], { cwd: REPO_ROOT, env });
      const first = await cchc('--now', '2031-12-24T08:00:00+07:00', '--config', config);
      expect(first.stdout).toContain('Nhắc việc 2031-Q4, mốc 7 ngày: đã gửi 2, bỏ qua 0');
      expect(JSON.parse(first.stdout.trim().split('\n').at(-1)!)).toEqual({ quarter: '2031-Q4', threshold: 7, sent: 2, skipped: 0, failed: 0 });
      expect(readdirSync(join(dataDir, 'outbox')).sort()).toEqual([
        '20311224T080000000-reminder-2031-q4-7-so-thu-nhac-viec-a.eml',
        '20311224T080000000-reminder-2031-q4-7-so-thu-nhac-viec-b.eml',
      ]);
      const second = await cchc('--now', '2031-12-25T08:00:00+07:00', '--config', config);
      expect(second.stdout).toContain('đã gửi 0, bỏ qua 2');
      const early = await cchc('--now', '2031-11-01T08:00:00+07:00', '--config', config);
      expect(early.stdout).toContain('chưa đến mốc nhắc nào');
      const bad = await cchc('--now', 'hôm qua').catch((e: { code: number; stderr: string }) => e);
      expect((bad as { code: number }).code).toBe(2);
      expect((bad as { stderr: string }).stderr).toMatch(/--now: not an ISO 8601 instant/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
