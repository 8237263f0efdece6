/**
 * The digest against the real DynamoDB Local and s3rver, with the outbox
 * mailer writing `.eml` files to a temp folder: archive, exactly-once
 * delivery across retries, second runs, concurrent runs and a crash
 * mid-list, unsubscribe (through the public HTTP routes) honoured by later
 * sends, and a sent digest frozen.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as cheerio from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/handler';
import { createDigestHandler } from '../../functions/digest/handler';
import { parseConfig } from '../../shared/config/load';
import type { AreaId } from '../../shared/config/areas';
import { createDeskService } from '../../shared/desks/create';
import { archiveKeys, getDigest, readArchive } from '../../shared/digest/archive';
import { resolveRecipients } from '../../shared/digest/config';
import { ensureRecipients } from '../../shared/digest/recipients';
import { prepareDigest, sendDigest, viewDigest, type DigestSources } from '../../shared/digest/service';
import type { Mailer, OutgoingMail } from '../../shared/mail/mailer';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import type { AwsClients } from '../../shared/store/clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { toStory, withMachineLabel, type Story } from '../../shared/stories/story';
import { freshStores } from '../support/stores';

const vn = (local: string) => new Date(`${local}+07:00`);
const demo = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));
const AGENCY_IDS = ['so-tu-phap', 'ubnd-quy-nhon', 'so-noi-vu'];
const RECIPIENTS = ['bao@baobinhdinh.example.vn', 'truyenhinh@ptthbinhdinh.example.vn', 'lanhdao@binhdinh.example.gov.vn'];
const APP = 'http://127.0.0.1:3000';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let n = 0;
async function seedStory(clients: AwsClients, agencyId: string, publishedLocal: string, areas: AreaId[], title?: string): Promise<Story> {
  const source = { id: `${agencyId}-rss`, agencyId, kind: 'rss' as const, url: `https://${agencyId}.example.gov.vn/rss` };
  const i = ++n;
  const published = vn(publishedLocal);
  const candidate = toStory(
    { title: title ?? `Tin cải cách hành chính số ${i}`, url: `https://${agencyId}.example.gov.vn/tin/${i}`, publishedAt: published.toISOString(), summary: `Tóm tắt tin số ${i}.` },
    source,
    new Date(published.getTime() + 3_600_000),
  );
  const labelled = withMachineLabel(candidate, { relevant: areas.length > 0, areas, confidence: 0.9, evidence: [], version: 'test', at: published.toISOString() });
  const stories = new StoriesRepository(clients);
  await stories.create(labelled);
  return (await stories.get(labelled.story.id))!;
}

async function setup() {
  const clients = await freshStores();
  const sources = new SourcesRepository(clients);
  for (const agency of demo.agencies.filter((a) => AGENCY_IDS.includes(a.id))) await sources.putAgency(agency);
  const deps: DigestSources = { clients, stories: new StoriesRepository(clients), sources, desks: createDeskService(clients, demo.desks ?? []) };
  const dir = mkdtempSync(join(tmpdir(), 'cchc-digest-'));
  dirs.push(dir);
  const mailer = new OutboxMailer({ clients, dir, sender: 'cchc@binhdinh.example.gov.vn' });
  // Headers unfolded (a long List-Unsubscribe is folded onto the next line), LF line ends.
  const emls = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => {
        const raw = readFileSync(join(dir, f), 'utf8').replace(/\r\n/g, '\n');
        const end = raw.indexOf('\n\n');
        return raw.slice(0, end).replace(/\n[ \t]+/g, ' ') + raw.slice(end);
      });
  return { clients, deps, dir, mailer, emls };
}

const toOf = (eml: string) => /^To: (.+)$/m.exec(eml)?.[1]?.trim();

describe('sending the digest', () => {
  it('archives it in S3, sends it once per recipient, and a second run, a retry or a concurrent run sends nothing more', async () => {
    const { clients, deps, mailer, emls } = await setup();
    const a = await seedStory(clients, 'so-tu-phap', '2025-04-01T09:00:00', ['procedures']);
    await seedStory(clients, 'ubnd-quy-nhon', '2025-04-06T23:30:00', ['digital_government']);
    await seedStory(clients, 'so-tu-phap', '2025-04-07T00:00:00', ['procedures']); // next week
    const config = { recipients: RECIPIENTS, appUrl: APP };

    // Two runs at once (a manual --send racing the schedule), then a retry.
    const [first, second] = await Promise.all([
      sendDigest({ ...deps, mailer, config }, '2025-W14', vn('2025-04-07T07:00:00')),
      sendDigest({ ...deps, mailer, config }, '2025-W14', vn('2025-04-07T07:00:01')),
    ]);
    expect(first.sent + second.sent).toBe(3);
    const again = await sendDigest({ ...deps, mailer, config }, '2025-W14', vn('2025-04-07T07:05:00'));
    expect(again.outcome).toBe('already-sent');
    expect(again.sentAt).toMatch(/^2025-04-07T07:00:0[01]\+07:00$/);

    const mails = emls();
    expect(mails).toHaveLength(3);
    expect(mails.map(toOf).sort()).toEqual([...RECIPIENTS].sort());
    for (const eml of mails) {
      expect(eml).toMatch(/^List-Unsubscribe: <http:\/\/127\.0\.0\.1:3000\/digests\/unsubscribe\?token=[A-Za-z0-9_-]{32}>$/m);
      expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    }

    const archive = await readArchive(clients, '2025-W14');
    const json = JSON.parse(archive!.json);
    expect(json.week).toBe('2025-W14');
    expect(json.areas.flatMap((g: { stories: { id: string }[] }) => g.stories.map((s) => s.id))).toContain(a.id);
    expect(json.totals.stories).toBe(2);
    expect(json.compliance).toMatchObject({ quarter: '2025-Q2', total: 3 });
    const $ = cheerio.load(archive!.html);
    expect($('[data-story]')).toHaveLength(2);
    expect(archiveKeys('2025-W14')).toEqual({ html: 'digests/2025-W14/digest.html', json: 'digests/2025-W14/digest.json' });

    // The scheduled handler on that Monday picks the week that ended and sends nothing more.
    const handler = createDigestHandler({ clients, mailer, config, desks: demo.desks ?? [], now: () => vn('2025-04-07T07:10:00') });
    expect(await handler({ schedule: 'digest', scheduledTime: '2025-04-07T00:00:00Z' })).toMatchObject({ week: '2025-W14', outcome: 'already-sent' });
    expect(emls()).toHaveLength(3);
  });

  it('resumes a run that failed mid-list without sending anyone twice', async () => {
    const { clients, deps, mailer, emls } = await setup();
    await seedStory(clients, 'so-tu-phap', '2025-04-02T09:00:00', ['procedures']);
    const flaky: Mailer = {
      async send(mail: OutgoingMail) {
        if (mail.to[0] === RECIPIENTS[1]) throw new Error('SES throttled');
        return mailer.send(mail);
      },
    };
    const config = { recipients: RECIPIENTS, appUrl: APP };
    const handler = createDigestHandler({ clients, mailer: flaky, config, desks: demo.desks ?? [], now: () => vn('2025-04-07T07:00:00') });
    await expect(handler({})).rejects.toThrow(/1 recipient\(s\) failed/);
    expect(emls()).toHaveLength(2);
    expect((await getDigest(clients, '2025-W14'))!.record.state).toBe('sending');

    const retry = await sendDigest({ ...deps, mailer, config }, '2025-W14', vn('2025-04-07T07:02:00'));
    expect(retry).toMatchObject({ outcome: 'sent', sent: 1, failed: 0 });
    expect(retry.results.filter((r) => r.outcome === 'already-sent').map((r) => r.email)).toEqual([RECIPIENTS[0], RECIPIENTS[2]]);
    expect(emls().map(toOf).sort()).toEqual([...RECIPIENTS].sort());
  });

  it('takes over a crashed run\'s claim only after the timeout, and not if the mail log shows the message left', async () => {
    const { clients, deps, mailer, emls } = await setup();
    await seedStory(clients, 'so-tu-phap', '2025-04-02T09:00:00', ['procedures']);
    // A "crash" after the message left: the mailer sends, then the run dies before marking it.
    const crashing: Mailer = {
      async send(mail) {
        const sent = await mailer.send(mail);
        if (mail.to[0] === RECIPIENTS[0]) throw Object.assign(new Error('process died'), { name: 'Crash' });
        return sent;
      },
    };
    const config = { recipients: [RECIPIENTS[0]!], appUrl: APP, claimTimeoutMs: 60_000 };
    // The crash releases nothing here because the mailer threw: simulate the marker left `sending` instead.
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await sendDigest({ ...deps, mailer: crashing, config }, '2025-W14', vn('2025-04-07T07:00:00'));
    await clients.dynamo.send(
      new UpdateCommand({ TableName: clients.tableName, Key: { pk: 'DIGEST#2025-W14', sk: `RCPT#${RECIPIENTS[0]}` }, UpdateExpression: 'SET #s = :sending, claimedAt = :at', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':sending': 'sending', ':at': '2025-04-07T07:00:00+07:00' } }),
    );
    expect(emls()).toHaveLength(1);
    // Within the timeout: in progress, nothing sent.
    const early = await sendDigest({ ...deps, mailer, config }, '2025-W14', vn('2025-04-07T07:00:30'));
    expect(early.results[0]!.outcome).toBe('in-progress');
    // After it: the mail log has the message (the outbox logged it), so it is marked sent, not sent again.
    const late = await sendDigest({ ...deps, mailer, config }, '2025-W14', new Date(Date.now() + 120_000));
    expect(late.results[0]!.outcome).toBe('already-sent');
    expect(late.outcome).toBe('sent');
    expect(emls()).toHaveLength(1);
  });

  it('is frozen once sent: a later correction or a late story does not change it, and `prepare` does not rewrite it', async () => {
    const { clients, deps, mailer } = await setup();
    const story = await seedStory(clients, 'so-tu-phap', '2025-04-01T09:00:00', ['procedures'], 'Tiêu đề khi gửi');
    const config = { recipients: [RECIPIENTS[0]!], appUrl: APP };
    const preview = await prepareDigest(deps, '2025-W14', vn('2025-04-06T12:00:00'));
    expect(preview.frozen).toBe(false);
    await sendDigest({ ...deps, mailer, config }, '2025-W14', vn('2025-04-07T07:00:00'));
    const before = await readArchive(clients, '2025-W14');

    const stories = new StoriesRepository(clients);
    await stories.saveHumanLabel(story.id, { relevant: false, areas: [], by: 'noivu', at: '2025-04-08T09:00:00+07:00' }, story.version);
    await seedStory(clients, 'ubnd-quy-nhon', '2025-04-03T09:00:00', ['procedures'], 'Tin đến muộn');

    const again = await prepareDigest(deps, '2025-W14', vn('2025-04-09T09:00:00'));
    expect(again.frozen).toBe(true);
    expect(again.content.areas.flatMap((g) => g.stories.map((s) => s.title))).toEqual(['Tiêu đề khi gửi']);
    expect(await readArchive(clients, '2025-W14')).toEqual(before);
    const viewed = await viewDigest(deps, '2025-W14', vn('2025-04-09T09:00:00'));
    expect(viewed.content).toEqual(JSON.parse(before!.json));
  });

  it('an empty week is still sent, saying so', async () => {
    const { deps, mailer, emls } = await setup();
    const summary = await sendDigest({ ...deps, mailer, config: { recipients: [RECIPIENTS[0]!], appUrl: APP } }, '2026-W53', vn('2027-01-04T07:00:00'));
    expect(summary).toMatchObject({ outcome: 'sent', sent: 1 });
    expect(summary.content.empty).toBe(true);
    expect(summary.content.compliance.quarter).toBe('2027-Q1');
    expect(emls()[0]).toMatch(/Subject: =\?UTF-8\?B\?/);
  });
});

function event(method: string, rawPath: string, query: Record<string, string> = {}, body?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: query,
    headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
    requestContext: { http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' }, domainName: '127.0.0.1' } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
    ...(body !== undefined ? { body } : {}),
  } as APIGatewayProxyEventV2;
}

describe('unsubscribing', () => {
  it('works without sign-in (confirm page, one-click POST) and is honoured by later sends', async () => {
    const { clients, deps, mailer, emls } = await setup();
    const config = { recipients: RECIPIENTS, appUrl: APP };
    await sendDigest({ ...deps, mailer, config }, '2025-W14', vn('2025-04-07T07:00:00'));
    const mine = emls().find((eml) => toOf(eml) === RECIPIENTS[2])!;
    const token = /^List-Unsubscribe: <[^>]*token=([A-Za-z0-9_-]{32})>/m.exec(mine)![1]!;
    const api = createApiHandler({ clients, now: () => vn('2025-04-08T10:00:00') });

    const confirm = await api(event('GET', '/digests/unsubscribe', { token }));
    expect(confirm.statusCode).toBe(200);
    const $ = cheerio.load(confirm.body!);
    expect($('h1').text()).toBe('Hủy đăng ký bản tin CCHC hằng tuần');
    expect($('form').attr('method')).toBe('post');
    expect($('body').text()).toContain('la•••@binhdinh.example.gov.vn');
    // A GET alone changes nothing (mail scanners follow links).
    expect((await ensureRecipients(clients, [RECIPIENTS[2]!])).get(RECIPIENTS[2]!)!.unsubscribedAt).toBeUndefined();

    const done = await api(event('POST', '/digests/unsubscribe', { token }, 'List-Unsubscribe=One-Click'));
    expect(done.statusCode).toBe(200);
    expect(cheerio.load(done.body!)('h1').text()).toBe('Đã hủy đăng ký');
    expect((await api(event('POST', '/digests/unsubscribe', { token: 'x'.repeat(32) }, 'List-Unsubscribe=One-Click'))).statusCode).toBe(404);
    // The archive itself still needs sign-in.
    expect((await api(event('GET', '/digests'))).statusCode).toBe(303);

    const next = await sendDigest({ ...deps, mailer, config }, '2025-W15', vn('2025-04-14T07:00:00'));
    expect(next.results.find((r) => r.email === RECIPIENTS[2])!.outcome).toBe('unsubscribed');
    expect(next.outcome).toBe('sent');
    expect(emls().filter((eml) => toOf(eml) === RECIPIENTS[2])).toHaveLength(1);
    expect(emls()).toHaveLength(5);
  });

  it('resolves recipients from roles (local users with an e-mail) and the listed addresses, each once', () => {
    expect(resolveRecipients(demo.digest, demo.users ?? [])).toEqual([
      'bao@baobinhdinh.example.vn',
      'truyenhinh@ptthbinhdinh.example.vn',
      'noivu@sonoivu.binhdinh.example.gov.vn',
      'lanhdao@binhdinh.example.gov.vn',
    ]);
    expect(resolveRecipients(undefined, demo.users ?? [])).toEqual([]);
  });
});
