/**
 * The local outbox: every message is written as an `.eml` file (open it
 * with any mail program) under a folder — `.cchc/outbox/` for the local
 * runtime — and recorded in the mail log like SES's, so the outbox page
 * lists it. Nothing leaves the machine.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AwsClients } from '../store/clients';
import { VIETNAM_OFFSET_MS } from '../time/vietnam';
import { mailStrings } from '../web/strings-mail';
import { recordMail } from './mail-log';
import type { Mailer, OutgoingMail, SentMail } from './mailer';
import { mimeOfMail } from './mime';

export interface OutboxMailerOptions {
  clients: AwsClients;
  /** The folder of `.eml` files (created on first use). */
  dir: string;
  /** The From address. */
  sender: string;
  fromName?: string;
  /** The clock (Date header, file name, log). */
  now?: () => Date;
}

/** `reminder:2026-Q4:21:so-tu-phap` → `reminder-2026-q4-21-so-tu-phap`. */
export function tagSlug(tag: string): string {
  const slug = tag
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'mail';
}

/** `20261125T103000123`: the Vietnam wall-clock instant, sortable, safe in any file system. */
function fileTimestamp(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 23).replace(/[-:.]/g, '');
}

/** Writes each message as `<timestamp>-<tag-slug>.eml` and logs it (transport `outbox`). */
export class OutboxMailer implements Mailer {
  readonly dir: string;
  private readonly now: () => Date;

  constructor(private readonly options: OutboxMailerOptions) {
    this.dir = resolve(options.dir);
    this.now = options.now ?? (() => new Date());
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const sentAt = this.now();
    const message = mimeOfMail(mail, { address: this.options.sender, name: this.options.fromName ?? mailStrings.fromName }, sentAt);
    await mkdir(this.dir, { recursive: true });
    const base = `${fileTimestamp(sentAt)}-${tagSlug(mail.tag)}`;
    let file = '';
    // Two messages with one tag in one millisecond: never overwrite, number the second.
    for (let n = 1; ; n += 1) {
      file = join(this.dir, `${base}${n === 1 ? '' : `-${n}`}.eml`);
      try {
        await writeFile(file, message.raw, { flag: 'wx' });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) throw error;
      }
    }
    await recordMail(this.options.clients, {
      messageId: message.messageId,
      to: mail.to,
      subject: mail.subject,
      tag: mail.tag,
      transport: 'outbox',
      file,
      sentAt,
      text: mail.text,
    });
    return { messageId: message.messageId };
  }
}
