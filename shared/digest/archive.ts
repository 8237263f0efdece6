/**
 * The digest archive: `digests/<week>/digest.html` and `digest.json` in the
 * bucket, and one record per week in the table (`DIGEST#<week>`) with its
 * state:
 *
 * - `draft` — rendered (by `cchc digest` or a preview), not sent; rendering
 *   again replaces it;
 * - `sending` — claimed for sending: the record now holds the frozen
 *   content (gzipped JSON) and nothing replaces it any more; recipients are
 *   being sent to (a crash resumes from here);
 * - `sent` — every recipient done, with `sentAt`.
 *
 * Once a week is claimed its archive is frozen: any writer that finds (or,
 * after writing, discovers) a claimed record writes the frozen content back,
 * so a preview that raced with the claim cannot leave its own version.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../store/clients';
import { gsi1, keys } from '../store/table';
import type { DigestContent } from './content';
import { renderDigestHtml, renderDigestJson } from './render';

/** The archive's key prefix in the bucket (the functions' S3 grants are limited to it). */
export const DIGESTS_PREFIX = 'digests/';

export const archiveKeys = (week: string) => ({ html: `${DIGESTS_PREFIX}${week}/digest.html`, json: `${DIGESTS_PREFIX}${week}/digest.json` });

export type DigestState = 'draft' | 'sending' | 'sent';

/** A week's record. */
export interface DigestRecord {
  week: string;
  state: DigestState;
  generatedAt: string;
  claimedAt?: string;
  sentAt?: string;
  /** Recipients sent to / skipped (unsubscribed) when sent. */
  sentCount?: number;
  skippedCount?: number;
  stories?: number;
}

const isCondition = (error: unknown) => (error as { name?: string })?.name === 'ConditionalCheckFailedException';

function toRecord(item: Record<string, unknown>): DigestRecord {
  const { claimedAt, sentAt, sentCount, skippedCount, stories } = item as Record<string, never>;
  return {
    week: item.week as string,
    state: item.state as DigestState,
    generatedAt: item.generatedAt as string,
    ...(claimedAt ? { claimedAt } : {}),
    ...(sentAt ? { sentAt } : {}),
    ...(sentCount !== undefined ? { sentCount } : {}),
    ...(skippedCount !== undefined ? { skippedCount } : {}),
    ...(stories !== undefined ? { stories } : {}),
  };
}

function frozenContent(item: Record<string, unknown> | undefined): DigestContent | null {
  const packed = item?.content as Uint8Array | undefined;
  return packed ? (JSON.parse(gunzipSync(Buffer.from(packed)).toString('utf8')) as DigestContent) : null;
}

/** A week's record and (once claimed) its frozen content. */
export async function getDigest(clients: AwsClients, week: string): Promise<{ record: DigestRecord; frozen: DigestContent | null } | null> {
  const result = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.digest(week), ConsistentRead: true }));
  return result.Item ? { record: toRecord(result.Item), frozen: frozenContent(result.Item) } : null;
}

/** Every week with a record, newest first (gsi1 `DIGESTS`). */
export async function listDigests(clients: AwsClients, limit = 200): Promise<DigestRecord[]> {
  const out: DigestRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.dynamo.send(
      new QueryCommand({
        TableName: clients.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1.digests },
        ProjectionExpression: 'week, #state, generatedAt, claimedAt, sentAt, sentCount, skippedCount, stories',
        ExpressionAttributeNames: { '#state': 'state' },
        ScanIndexForward: false,
        Limit: limit - out.length,
        ExclusiveStartKey: startKey,
      }),
    );
    out.push(...(page.Items ?? []).map(toRecord));
    startKey = page.LastEvaluatedKey;
  } while (startKey && out.length < limit);
  return out;
}

/**
 * The archive's objects in the bucket (`archive-objects.ts`, with the S3
 * client), imported on first use: the api serves its digest list and most
 * pages without ever loading them.
 */
const objects = () => import('./archive-objects');

/** Writes the archived HTML and JSON of a content. */
export async function writeArchive(clients: AwsClients, content: DigestContent): Promise<void> {
  return (await objects()).writeArchive(clients, content);
}

/** The archived HTML and JSON of a week, or null when there is none. */
export async function readArchive(clients: AwsClients, week: string): Promise<{ html: string; json: string } | null> {
  return (await objects()).readArchive(clients, week);
}

/** Makes sure the archive holds exactly the frozen content (writes only when it differs or is missing). */
export async function ensureFrozenArchive(clients: AwsClients, content: DigestContent): Promise<void> {
  const current = await readArchive(clients, content.week);
  if (current && current.json === renderDigestJson(content) && current.html === renderDigestHtml(content)) return;
  await writeArchive(clients, content);
}

const recordKeys = (week: string) => ({ ...keys.digest(week), type: 'digest', gsi1pk: gsi1.digests, gsi1sk: week });

/**
 * Archives an unsent week's rendering as a draft. If the week was claimed
 * meanwhile, the frozen content wins and is written back.
 * @returns the content now archived and whether it is frozen.
 */
export async function saveDraft(clients: AwsClients, content: DigestContent): Promise<{ content: DigestContent; frozen: boolean }> {
  await writeArchive(clients, content);
  const k = recordKeys(content.week);
  try {
    await clients.dynamo.send(
      new UpdateCommand({
        TableName: clients.tableName,
        Key: keys.digest(content.week),
        UpdateExpression: 'SET #type = :type, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, week = :week, #state = :draft, generatedAt = :at, stories = :stories',
        ConditionExpression: 'attribute_not_exists(pk) OR #state = :draft',
        ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
        ExpressionAttributeValues: { ':type': k.type, ':gsi1pk': k.gsi1pk, ':gsi1sk': k.gsi1sk, ':week': content.week, ':draft': 'draft', ':at': content.generatedAt, ':stories': content.totals.stories },
      }),
    );
    return { content, frozen: false };
  } catch (error) {
    if (!isCondition(error)) throw error;
    const current = await getDigest(clients, content.week);
    if (!current?.frozen) throw error;
    await writeArchive(clients, current.frozen);
    return { content: current.frozen, frozen: true };
  }
}

/**
 * Claims the week for sending and freezes `content` (a conditional write: of
 * two runs one freezes, the other gets the frozen content). The archive is
 * then written from the frozen content.
 * @returns the frozen content and whether this call froze it.
 */
export async function freezeForSending(clients: AwsClients, content: DigestContent, now: string): Promise<{ content: DigestContent; claimed: boolean; record: DigestRecord }> {
  const k = recordKeys(content.week);
  let claimed = true;
  let frozen = content;
  try {
    await clients.dynamo.send(
      new UpdateCommand({
        TableName: clients.tableName,
        Key: keys.digest(content.week),
        UpdateExpression:
          'SET #type = :type, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, week = :week, #state = :sending, generatedAt = :generated, claimedAt = :now, stories = :stories, content = :content',
        ConditionExpression: 'attribute_not_exists(pk) OR #state = :draft',
        ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
        ExpressionAttributeValues: {
          ':type': k.type,
          ':gsi1pk': k.gsi1pk,
          ':gsi1sk': k.gsi1sk,
          ':week': content.week,
          ':sending': 'sending',
          ':draft': 'draft',
          ':generated': content.generatedAt,
          ':now': now,
          ':stories': content.totals.stories,
          ':content': gzipSync(Buffer.from(JSON.stringify(content), 'utf8')),
        },
      }),
    );
  } catch (error) {
    if (!isCondition(error)) throw error;
    claimed = false;
  }
  const current = await getDigest(clients, content.week);
  if (!current?.frozen) throw new Error(`digest ${content.week}: claimed but holds no content`);
  frozen = current.frozen;
  await ensureFrozenArchive(clients, frozen);
  return { content: frozen, claimed, record: current.record };
}

/** Marks the week sent (every recipient done). Idempotent: the first `sentAt` stays. */
export async function markDigestSent(clients: AwsClients, week: string, at: string, counts: { sent: number; skipped: number }): Promise<DigestRecord> {
  const result = await clients.dynamo.send(
    new UpdateCommand({
      TableName: clients.tableName,
      Key: keys.digest(week),
      UpdateExpression: 'SET #state = :sent, sentAt = if_not_exists(sentAt, :at), sentCount = if_not_exists(sentCount, :sentCount), skippedCount = if_not_exists(skippedCount, :skipped)',
      ConditionExpression: '#state IN (:sending, :sent)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':at': at, ':sentCount': counts.sent, ':skipped': counts.skipped },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return toRecord(result.Attributes!);
}
