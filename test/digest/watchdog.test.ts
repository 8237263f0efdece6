/**
 * The digest's watchdog (DIGEST_CHECK_SCHEDULE): the pure judgement, and the
 * digest function invoked with `schedule: 'digest-check'` against the real
 * DynamoDB Local and s3rver — a week never sent, a week sent to some, a week
 * sent to all — with DigestOverdue and DigestsSent read from the EMF lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigestHandler } from '../../functions/digest/handler';
import { unsubscribe, ensureRecipients } from '../../shared/digest/recipients';
import { assessDigestDelivery, weekToCheck, type DigestDeliveryFacts } from '../../shared/digest/watchdog';
import type { Mailer, OutgoingMail } from '../../shared/mail/mailer';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import { METRICS } from '../../shared/observability/metric-names';
import { DIGEST_CHECK_SCHEDULE, DIGEST_SCHEDULE, SCHEDULES } from '../../shared/schedules';
import { capturedMetrics, valuesOf } from '../support/emf';
import { freshStores } from '../support/stores';

const vn = (local: string) => new Date(`${local}+07:00`);
const RECIPIENTS = ['bao@baobinhdinh.example.vn', 'truyenhinh@ptthbinhdinh.example.vn', 'lanhdao@binhdinh.example.gov.vn'];
const facts = (state: DigestDeliveryFacts['state'], sentTo: string[], unsubscribed: string[] = []): DigestDeliveryFacts => ({
  week: '2025-W14',
  state,
  sentTo: new Set(sentTo),
  unsubscribed: new Set(unsubscribed),
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the digest-check schedule', () => {
  it('runs the digest function on Mondays at 08:00 Vietnam time, an hour after the send', () => {
    expect(DIGEST_CHECK_SCHEDULE).toMatchObject({ id: 'digest-check', target: 'digest', awsExpression: 'cron(0 8 ? * MON *)', cron: '0 8 * * 1', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(DIGEST_SCHEDULE.cron).toBe('0 7 * * 1');
    expect(SCHEDULES.filter((s) => s.id === 'digest-check')).toHaveLength(1);
  });
});

describe('assessDigestDelivery', () => {
  it('checks the ISO week that ended before the check, in Vietnam time', () => {
    expect(weekToCheck(vn('2025-04-07T08:00:00'))).toBe('2025-W14');
    // Sunday 23:30 in Vietnam is still week 14 there (16:30 UTC).
    expect(weekToCheck(vn('2025-04-06T23:30:00'))).toBe('2025-W13');
  });

  it('is overdue until every subscribed recipient has it', () => {
    expect(assessDigestDelivery(facts(null, []), RECIPIENTS)).toEqual({ week: '2025-W14', overdue: true, state: 'missing', recipients: 3, sent: 0, missing: 3 });
    expect(assessDigestDelivery(facts('sending', RECIPIENTS.slice(0, 2)), RECIPIENTS)).toMatchObject({ overdue: true, sent: 2, missing: 1 });
    expect(assessDigestDelivery(facts('sent', RECIPIENTS), RECIPIENTS)).toMatchObject({ overdue: false, sent: 3, missing: 0 });
  });

  it('does not count who unsubscribed, and trusts the markers when a run died before marking the week', () => {
    expect(assessDigestDelivery(facts('sending', RECIPIENTS.slice(0, 2), [RECIPIENTS[2]!]), RECIPIENTS)).toMatchObject({ overdue: false, recipients: 2, sent: 2 });
    expect(assessDigestDelivery(facts('sending', RECIPIENTS), RECIPIENTS)).toMatchObject({ overdue: false, state: 'sending' });
    // A recipient added after the week was sent is not owed that week.
    expect(assessDigestDelivery(facts('sent', RECIPIENTS.slice(0, 2)), RECIPIENTS)).toMatchObject({ overdue: false, missing: 0 });
  });

  it('calls a week that never started overdue even with no recipients: the send did not run', () => {
    expect(assessDigestDelivery(facts(null, []), [])).toMatchObject({ overdue: true, state: 'missing' });
    expect(assessDigestDelivery(facts('sent', []), [])).toMatchObject({ overdue: false });
  });
});

describe('the digest function with schedule digest-check', () => {
  it('emits DigestOverdue 1 while last week has not reached everyone and 0 once it has, sending nothing itself', async () => {
    const clients = await freshStores();
    const dir = mkdtempSync(join(tmpdir(), 'cchc-watchdog-'));
    dirs.push(dir);
    const outbox = new OutboxMailer({ clients, dir, sender: 'cchc@binhdinh.example.gov.vn' });
    let refuse: string | null = RECIPIENTS[1]!;
    const sent: string[] = [];
    const mailer: Mailer = {
      async send(mail: OutgoingMail) {
        if (mail.to[0] === refuse) throw new Error(`SES throttled for ${mail.to[0]}`);
        sent.push(mail.to[0]!);
        return outbox.send(mail);
      },
    };
    const config = { recipients: RECIPIENTS, appUrl: 'http://127.0.0.1:3000' };
    const capture = capturedMetrics('digest');
    try {
      const at = (local: string) => createDigestHandler({ clients, mailer, config, desks: [], now: () => vn(local), metrics: capture.metrics });
      const check = { schedule: 'digest-check', scheduledTime: '2025-04-07T01:00:00Z' };

      // Monday 08:00 and the 07:00 send never ran: overdue, and the check sent nothing.
      expect(await at('2025-04-07T08:00:00')(check)).toEqual({ week: '2025-W14', overdue: true, state: 'missing', recipients: 3, sent: 0, missing: 3 });
      expect(sent).toEqual([]);

      // The send runs late and one recipient fails: still overdue, one missing.
      await expect(at('2025-04-07T08:05:00')({ schedule: 'digest', scheduledTime: '2025-04-07T00:00:00Z' })).rejects.toThrow(/1 recipient\(s\) failed/);
      expect(await at('2025-04-07T08:06:00')(check)).toMatchObject({ week: '2025-W14', overdue: true, state: 'sending', sent: 2, missing: 1 });

      // The retry reaches the last one: delivered.
      refuse = null;
      expect(await at('2025-04-07T08:10:00')({ schedule: 'digest', scheduledTime: '2025-04-07T00:00:00Z' })).toMatchObject({ outcome: 'sent', sent: 1 });
      expect(await at('2025-04-07T08:11:00')(check)).toMatchObject({ week: '2025-W14', overdue: false, state: 'sent', sent: 3, missing: 0 });

      const lines = capture.lines();
      expect(lines.every((line) => line.service === 'digest' && line._aws.CloudWatchMetrics[0]!.Dimensions.length === 1)).toBe(true);
      expect(lines.map((line) => [valuesOf(line, METRICS.digestOverdue), valuesOf(line, METRICS.digestsSent)])).toEqual([
        [[1], []],
        [[], [2]],
        [[1], []],
        [[], [1]],
        [[0], []],
      ]);
    } finally {
      capture.restore();
    }
  });

  it('does not owe the week to someone who unsubscribed', async () => {
    const clients = await freshStores();
    const dir = mkdtempSync(join(tmpdir(), 'cchc-watchdog-'));
    dirs.push(dir);
    const mailer = new OutboxMailer({ clients, dir, sender: 'cchc@binhdinh.example.gov.vn' });
    const config = { recipients: RECIPIENTS, appUrl: 'http://127.0.0.1:3000' };
    const tokens = await ensureRecipients(clients, RECIPIENTS);
    await unsubscribe(clients, tokens.get(RECIPIENTS[2]!)!.token, '2025-04-01T10:00:00+07:00');
    const capture = capturedMetrics('digest');
    try {
      const handler = createDigestHandler({ clients, mailer, config, desks: [], now: () => vn('2025-04-07T08:00:00'), metrics: capture.metrics });
      await handler({ schedule: 'digest', scheduledTime: '2025-04-07T00:00:00Z' });
      expect(await handler({ schedule: 'digest-check', scheduledTime: '2025-04-07T01:00:00Z' })).toMatchObject({ overdue: false, recipients: 2, sent: 2 });
      expect(capture.lines().map((line) => valuesOf(line, METRICS.digestOverdue))).toEqual([[], [0]]);
    } finally {
      capture.restore();
    }
  });
});
