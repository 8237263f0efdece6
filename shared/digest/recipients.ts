/**
 * Digest recipients' unsubscribe tokens and choices, in the table. Each
 * recipient gets one random token on their first digest (no secret to
 * configure or rotate): the message carries it, the table keeps it with a
 * lookup item keyed by its SHA-256, and the one-click POST with it records
 * the choice, which every later send honours.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../store/clients';
import { batchGetItems } from '../store/batch';
import { keys } from '../store/table';

/** What the table holds of one recipient. */
export interface DigestRecipient {
  email: string;
  token: string;
  /** Vietnam ISO, when they unsubscribed; absent while subscribed. */
  unsubscribedAt?: string;
}

const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A token as we issue them: 32 base64url characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

function toRecipient(item: Record<string, unknown>): DigestRecipient {
  return {
    email: item.email as string,
    token: item.token as string,
    ...(typeof item.unsubscribedAt === 'string' ? { unsubscribedAt: item.unsubscribedAt } : {}),
  };
}

/** Every recipient's record, creating a token for those who have none yet (idempotent, race-safe). */
export async function ensureRecipients(clients: AwsClients, emails: readonly string[]): Promise<Map<string, DigestRecipient>> {
  const found = new Map<string, DigestRecipient>();
  const items = await batchGetItems(clients.dynamo, clients.tableName, emails.map((email) => keys.digestRecipient(email)));
  for (const item of items) found.set(item.email as string, toRecipient(item));
  for (const email of emails.filter((e) => !found.has(e))) {
    const token = randomBytes(24).toString('base64url');
    try {
      await clients.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: clients.tableName, Item: { ...keys.digestRecipient(email), type: 'digest-recipient', email, token }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: clients.tableName, Item: { ...keys.digestToken(tokenHash(token)), type: 'digest-token', email }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      found.set(email, { email, token });
    } catch (error) {
      if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
      // Another run created it meanwhile: use theirs.
      const again = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.digestRecipient(email), ConsistentRead: true }));
      if (!again.Item) throw error;
      found.set(email, toRecipient(again.Item));
    }
  }
  return found;
}

/** The recipient a token belongs to, or null (malformed or unknown token). */
export async function recipientByToken(clients: AwsClients, token: string): Promise<DigestRecipient | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const lookup = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.digestToken(tokenHash(token)), ConsistentRead: true }));
  const email = lookup.Item?.email as string | undefined;
  if (!email) return null;
  const item = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.digestRecipient(email), ConsistentRead: true }));
  return item.Item && item.Item.token === token ? toRecipient(item.Item) : null;
}

/** Records the choice (the first time wins; repeating it changes nothing). @returns the recipient, or null for an unknown token. */
export async function unsubscribe(clients: AwsClients, token: string, at: string): Promise<DigestRecipient | null> {
  const recipient = await recipientByToken(clients, token);
  if (!recipient) return null;
  const result = await clients.dynamo.send(
    new UpdateCommand({
      TableName: clients.tableName,
      Key: keys.digestRecipient(recipient.email),
      UpdateExpression: 'SET unsubscribedAt = if_not_exists(unsubscribedAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return toRecipient(result.Attributes!);
}

/** `lanhdao@binhdinh.gov.vn` → `la•••@binhdinh.gov.vn` (the confirm page shows whose subscription it is, without spelling it out). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length))}•••${email.slice(at)}`;
}
