/**
 * The two mailers: the local outbox writes `.eml` files and both log each
 * message in the table (real DynamoDB Local); SES is checked at its edge
 * only — the command it builds, with a recorder in place of the client.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMail, listMail } from '../../shared/mail/mail-log';
import { OutboxMailer, tagSlug } from '../../shared/mail/outbox-mailer';
import { MailSendError, SesMailer, type SesSender } from '../../shared/mail/ses-mailer';
import type { AwsClients } from '../../shared/store/clients';
import { freshStores } from '../support/stores';

const SENDER = 'cchc@binhdinh.example.gov.vn';
const mail = {
  to: ['so-tu-phap@example.gov.vn'],
  subject: 'Nhắc nộp tin cải cách hành chính quý IV năm 2026',
  text: 'Kính gửi: Sở Tư pháp,\nCòn 21 ngày đến hết quý.',
  html: '<p>Kính gửi: <b>Sở Tư pháp</b></p>',
  tag: 'reminder:2026-Q4:21:so-tu-phap',
};

let clients: AwsClients;
let dir: string;

beforeAll(async () => {
  clients = await freshStores();
  dir = mkdtempSync(join(tmpdir(), 'cchc-outbox-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('OutboxMailer', () => {
  it('writes <timestamp>-<tag-slug>.eml that parses back, and logs it', async () => {
    const at = new Date('2026-12-10T01:00:00.250Z');
    const mailer = new OutboxMailer({ clients, dir, sender: SENDER, now: () => at });
    const { messageId } = await mailer.send(mail);
    const files = readdirSync(dir);
    expect(files).toEqual(['20261210T080000250-reminder-2026-q4-21-so-tu-phap.eml']);
    const parsed = await PostalMime.parse(readFileSync(join(dir, files[0]!)));
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.text).toContain('Còn 21 ngày đến hết quý.');

    const [entry] = await listMail(clients, { now: at });
    expect(entry).toMatchObject({ messageId, to: mail.to, subject: mail.subject, tag: mail.tag, transport: 'outbox', at: '2026-12-10T08:00:00.250+07:00', file: join(dir, files[0]!), text: mail.text });
    expect(await getMail(clients, entry!.id)).toEqual(entry);
  });

  it('never overwrites: a second message with the same tag in the same millisecond gets its own file', async () => {
    const sub = mkdtempSync(join(dir, 'same-'));
    const at = new Date('2026-12-11T01:00:00Z');
    const mailer = new OutboxMailer({ clients, dir: sub, sender: SENDER, now: () => at });
    await Promise.all([mailer.send(mail), mailer.send(mail)]);
    expect(readdirSync(sub).sort()).toEqual(['20261211T080000000-reminder-2026-q4-21-so-tu-phap-2.eml', '20261211T080000000-reminder-2026-q4-21-so-tu-phap.eml']);
  });

  it('makes file-safe slugs of any tag', () => {
    expect(tagSlug('digest:2026-W14 / Báo Đài')).toBe('digest-2026-w14-bao-dai');
    expect(tagSlug('***')).toBe('mail');
  });
});

describe('the mail log', () => {
  it('lists newest first across months and finds nothing for a forged id', async () => {
    const own = await freshStores();
    const sub = mkdtempSync(join(dir, 'log-'));
    const instants = ['2026-10-31T16:59:59Z', '2026-11-30T17:00:00Z', '2026-11-15T03:00:00Z'].map((s) => new Date(s));
    for (const [i, at] of instants.entries()) {
      await new OutboxMailer({ clients: own, dir: sub, sender: SENDER, now: () => at }).send({ ...mail, tag: `t${i}` });
    }
    // 31/10 23:59:59 VN is October; 01/12 00:00 VN is December.
    const list = await listMail(own, { now: new Date('2026-12-05T00:00:00Z') });
    expect(list.map((e) => e.tag)).toEqual(['t1', 't2', 't0']);
    expect(list.map((e) => e.at.slice(0, 7))).toEqual(['2026-12', '2026-11', '2026-10']);
    expect(await listMail(own, { now: new Date('2026-12-05T00:00:00Z'), limit: 2 })).toHaveLength(2);
    expect(await getMail(own, 'bm90LWFuLWlk')).toBeNull();
    expect(await getMail(own, '../../etc/passwd')).toBeNull();
  });
});

describe('SesMailer', () => {
  it('sends SESv2 SendEmail with the raw MIME message from the configured sender, and logs it', async () => {
    const sent: unknown[] = [];
    const ses = { send: async (command: unknown) => (sent.push(command), { MessageId: '0102019-ses-id' }) } as unknown as SesSender;
    const at = new Date('2026-12-24T01:00:00Z');
    const mailer = new SesMailer({ ses, clients, sender: SENDER, now: () => at });
    const result = await mailer.send({ ...mail, headers: { 'List-Unsubscribe': '<mailto:cchc@binhdinh.example.gov.vn>' } });
    expect(result).toEqual({ messageId: '0102019-ses-id' });
    expect(sent).toHaveLength(1);
    const command = sent[0] as SendEmailCommand;
    expect(command).toBeInstanceOf(SendEmailCommand);
    expect(command.input.FromEmailAddress).toBe(SENDER);
    expect(command.input.Destination).toEqual({ ToAddresses: mail.to });
    expect(command.input.Content?.Simple).toBeUndefined();
    const parsed = await PostalMime.parse(Buffer.from(command.input.Content!.Raw!.Data!));
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from?.address).toBe(SENDER);
    expect(parsed.html).toContain('<b>Sở Tư pháp</b>');
    expect(parsed.headers.find((h) => h.key === 'list-unsubscribe')?.value).toBe('<mailto:cchc@binhdinh.example.gov.vn>');

    const logged = (await listMail(clients, { now: at })).find((e) => e.messageId === '0102019-ses-id');
    expect(logged).toMatchObject({ transport: 'ses', tag: mail.tag, to: mail.to });
    expect(logged).not.toHaveProperty('file');
  });

  it('wraps a refusal in MailSendError with the cause, and logs nothing', async () => {
    const refusal = Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' });
    const ses = { send: async () => Promise.reject(refusal) } as unknown as SesSender;
    const own = await freshStores();
    const mailer = new SesMailer({ ses, clients: own, sender: SENDER, now: () => new Date('2026-12-24T01:00:00Z') });
    const error = await mailer.send(mail).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSendError);
    expect((error as Error).cause).toBe(refusal);
    expect(await listMail(own, { now: new Date('2026-12-24T01:00:00Z') })).toEqual([]);
  });
});
