/** A running api with the demo configuration, an outbox mailer and sign-in, for the submission tests. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshStores } from '../support/stores';
import { signIn, type TestSession } from '../support/session';
import { startApiServer } from '../../infra/local/http-server';
import { createApiHandler } from '../../functions/api/handler';
import { parseConfig } from '../../shared/config/load';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import { ApiTokenStore, type Role } from '../../shared/auth';
import { DEMO_PASSWORDS } from '../../infra/demo/users';
import type { AwsClients } from '../../shared/store/clients';

export const config = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));
export const NOW = new Date('2026-12-01T03:00:00Z');

/** Bytes that start like each type. */
export const FILES = {
  pdf: () => Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]),
  png: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 1)]),
  html: () => Buffer.from('<!doctype html><script>alert(1)</script>'),
};

export interface World {
  clients: AwsClients;
  url: string;
  outboxDir: string;
  close(): Promise<void>;
  session(user: 'sotuphap' | 'quantri' | 'bao' | 'noivu' | 'truyenhinh'): Promise<TestSession>;
  /** A Bearer token for any principal (e.g. an agency user of another agency). */
  token(principal: { userId: string; name: string; role: Role; agencyId: string | null }): Promise<string>;
  /** The .eml files the outbox mailer wrote, as text. */
  mails(): string[];
}

export async function startWorld(): Promise<World> {
  const clients = await freshStores();
  const sources = new SourcesRepository(clients);
  for (const agency of config.agencies) await sources.putAgency(agency);
  const outboxDir = mkdtempSync(join(tmpdir(), 'cchc-submissions-outbox-'));
  const mailer = new OutboxMailer({ clients, dir: outboxDir, sender: 'cchc@example.gov.vn', now: () => NOW });
  const api = await startApiServer(createApiHandler({ clients, now: () => NOW, desks: config.desks ?? [], users: config.users ?? [], mailer, appUrl: 'http://localhost:3000' }), { port: 0 });
  const tokens = new ApiTokenStore(clients);
  return {
    clients,
    url: api.url,
    outboxDir,
    close: () => api.close(),
    session: (user) => signIn(api.url, user, DEMO_PASSWORDS[user]),
    token: async (principal) => (await tokens.issue({ ...principal, label: 'test' }, NOW)).token,
    mails: () => readdirSync(outboxDir).filter((name) => name.endsWith('.eml')).sort().map((name) => readFileSync(join(outboxDir, name), 'utf8')),
  };
}

/** The hidden fields and action of the upload form on a draft page (the S3 form). */
export function uploadFormOf(page: string): { action: string; fields: Record<string, string> } | null {
  const match = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(page);
  if (!match) return null;
  const unescape = (value: string) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const input of match[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[unescape(input[1]!)] = unescape(input[2]!);
  return { action: unescape(match[1]!), fields };
}

/** Posts a file to a presigned POST as a browser form would (fields first, the file last). */
export async function postToS3(upload: { url?: string; action?: string; fields: Record<string, string> }, file: Buffer, name: string, type: string): Promise<Response> {
  const form = new FormData();
  for (const [field, value] of Object.entries(upload.fields)) form.append(field, value);
  form.append('file', new Blob([file], { type }), name);
  return fetch(upload.url ?? upload.action!, { method: 'POST', body: form, redirect: 'manual' });
}

/** Text the classifier knows for administrative reform. */
export const CCHC_TEXT = {
  title: 'Sở Tư pháp đẩy mạnh cải cách thủ tục hành chính và dịch vụ công trực tuyến',
  summary: 'Sở Tư pháp rà soát, đơn giản hóa thủ tục hành chính, tiếp nhận hồ sơ qua bộ phận một cửa và cổng dịch vụ công trực tuyến.',
  body: 'Năm 2026, Sở Tư pháp tiếp tục thực hiện cải cách hành chính: rà soát, cắt giảm thủ tục hành chính, số hóa hồ sơ, giải quyết thủ tục hành chính qua bộ phận một cửa.\n\nTỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến toàn trình đạt 85%. <b>Không</b> có hồ sơ trễ hạn.',
};
