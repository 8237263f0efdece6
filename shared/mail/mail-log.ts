/**
 * The log of sent e-mail, one item per message in the table, written by
 * both mailers so that admins can list what was sent in AWS and locally
 * alike (GET /outbox). Items are partitioned by Vietnam month and sorted by
 * the sending instant, so the newest page is one Query.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../store/clients';
import { keys } from '../store/table';
import { VIETNAM_OFFSET_MS, vietnamParts } from '../time/vietnam';

/** How the message left: SES in AWS, a file in the local outbox. */
export type MailTransport = 'ses' | 'outbox';

/** One logged message. */
export interface MailLogEntry {
  /** Opaque, URL-safe: names the item (see {@link mailLogId}). */
  id: string;
  messageId: string;
  to: string[];
  subject: string;
  tag: string;
  /** When it was sent, Vietnam ISO with milliseconds (sorts as text). */
  at: string;
  transport: MailTransport;
  /** The `.eml` file (outbox only), absolute. */
  file?: string;
  /** The plain-text body, capped at {@link MAX_LOGGED_TEXT} characters. */
  text: string;
}

/** Enough to read a reminder again; DynamoDB items stop at 400 KB. */
export const MAX_LOGGED_TEXT = 32_000;

/** `2026-11-25T10:30:00.123+07:00`: Vietnam time with milliseconds, so entries of one second keep their order. */
export function mailInstant(instant: Date): string {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 23)}+07:00`;
}

const monthOfAt = (at: string) => at.slice(0, 7);

/** The entry's id: its sort key, base64url (it holds `#`, `:`, `+`, `<`, `@`). */
export function mailLogId(at: string, messageId: string): string {
  return Buffer.from(`${at}#${messageId}`, 'utf8').toString('base64url');
}

function parseId(id: string): { at: string; messageId: string } | null {
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(id)) return null;
  const sk = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+\+07:00)#(.+)$/.exec(sk);
  return match ? { at: match[1]!, messageId: match[2]! } : null;
}

/** What a mailer records after sending. */
export type MailLogInput = Omit<MailLogEntry, 'id' | 'at' | 'text'> & { sentAt: Date; text: string };

/** Records one sent message. */
export async function recordMail(clients: AwsClients, input: MailLogInput): Promise<MailLogEntry> {
  const at = mailInstant(input.sentAt);
  const entry: MailLogEntry = {
    id: mailLogId(at, input.messageId),
    messageId: input.messageId,
    to: [...input.to],
    subject: input.subject,
    tag: input.tag,
    at,
    transport: input.transport,
    ...(input.file ? { file: input.file } : {}),
    text: input.text.length > MAX_LOGGED_TEXT ? `${input.text.slice(0, MAX_LOGGED_TEXT)}…` : input.text,
  };
  await clients.dynamo.send(
    new PutCommand({
      TableName: clients.tableName,
      Item: { ...keys.mailLog(monthOfAt(at), at, input.messageId), type: 'mail', ...entry },
    }),
  );
  return entry;
}

function toEntry(item: Record<string, unknown>): MailLogEntry {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as MailLogEntry;
}

/** `2026-11` → `2026-10`. */
function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The newest logged messages, newest first: the current Vietnam month's
 * partition, then earlier ones, until `limit` entries or `months` months.
 */
export async function listMail(clients: AwsClients, options: { now: Date; limit?: number; months?: number }): Promise<MailLogEntry[]> {
  const limit = options.limit ?? 100;
  const p = vietnamParts(options.now);
  let month = `${p.year}-${String(p.month).padStart(2, '0')}`;
  const out: MailLogEntry[] = [];
  for (let i = 0; i < (options.months ?? 12) && out.length < limit; i += 1, month = previousMonth(month)) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await clients.dynamo.send(
        new QueryCommand({
          TableName: clients.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.mailLog(month, '', '').pk },
          ScanIndexForward: false,
          Limit: limit - out.length,
          ExclusiveStartKey: startKey,
        }),
      );
      out.push(...(page.Items ?? []).map(toEntry));
      startKey = page.LastEvaluatedKey;
    } while (startKey && out.length < limit);
  }
  return out;
}

/** One logged message by its id, or null (also for an id that is not one of ours). */
export async function getMail(clients: AwsClients, id: string): Promise<MailLogEntry | null> {
  const parsed = parseId(id);
  if (!parsed) return null;
  const result = await clients.dynamo.send(
    new GetCommand({ TableName: clients.tableName, Key: keys.mailLog(monthOfAt(parsed.at), parsed.at, parsed.messageId) }),
  );
  return result.Item ? toEntry(result.Item) : null;
}
