import { GetCommand, QueryCommand, UpdateCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Agency, Source } from '../config/schema';
import { initialHealth, type SourceHealth } from '../collect/health';
import type { AwsClients } from './clients';
import { gsi1, keys } from './table';

/** HTTP validators remembered between polls, for conditional GET. */
export interface HttpValidators {
  etag: string | null;
  lastModified: string | null;
  /** For `auto` sources: the feed discovered on the page, and its own validators. */
  feedUrl: string | null;
  feedEtag: string | null;
  feedLastModified: string | null;
  /** sha256 of the last raw body stored, to skip storing an identical one. */
  lastSnapshotHash: string | null;
}

/** A source as stored: its configuration, health and polling memory. */
export interface SourceRecord {
  source: Source;
  health: SourceHealth;
  http: HttpValidators;
  /** Stories this source created, ever (its publications of others' stories not included). */
  storiesCreated: number;
}

const EMPTY_VALIDATORS: HttpValidators = {
  etag: null,
  lastModified: null,
  feedUrl: null,
  feedEtag: null,
  feedLastModified: null,
  lastSnapshotHash: null,
};

/** Sorts below every ISO date ('0' < '1'…'9' of a year). */
const HEALTHY_DUE = '0';

/**
 * A source's sort key in the `SOURCES` index: a lower bound of its next
 * attempt, which {@link SourcesRepository.listDue} checks exactly.
 *
 * A source in good health is due every cycle, so its key is a constant
 * below every date: a poll that changes an index key costs DynamoDB a
 * delete and a put in the index (3 WRU a poll with the item's own write),
 * an unchanged key one update (2 WRU), and 200 sources polled every 30
 * minutes make that ≈ $0.20 a month (README: Cost). A failing source, backed
 * off for hours, keeps its real next attempt, so the dispatcher's query
 * skips it until then.
 */
export function dueSortKey(health: Pick<SourceHealth, 'nextAttemptAt' | 'consecutiveFailures'>, sourceId: string): string {
  return health.consecutiveFailures === 0 ? `${HEALTHY_DUE}#${sourceId}` : dueAtSortKey(health.nextAttemptAt, sourceId);
}

/** The sort key of a source due at an exact time (a failing one, or one an admin asked to try again now). */
export const dueAtSortKey = (nextAttemptAt: string, sourceId: string): string => `${nextAttemptAt}#${sourceId}`;

/** A source item of the table as a {@link SourceRecord}. */
export function toRecord(item: Record<string, unknown>): SourceRecord {
  return {
    source: item.config as Source,
    health: item.health as SourceHealth,
    http: { ...EMPTY_VALIDATORS, ...(item.http as Partial<HttpValidators> | undefined) },
    storiesCreated: Number(item.storiesCreated ?? 0),
  };
}

/** Sources and agencies in the table. Reads go through keys and gsi1; no Scan. */
export class SourcesRepository {
  constructor(private readonly clients: AwsClients) {}

  /**
   * Writes a source's configuration, keeping its health and polling memory
   * when it already exists (a restart or a re-import loses nothing).
   */
  async upsertSource(source: Source, now: Date): Promise<void> {
    const health = initialHealth(now);
    await this.clients.dynamo.send(
      new UpdateCommand({
        TableName: this.clients.tableName,
        Key: keys.source(source.id),
        UpdateExpression:
          'SET config = :config, gsi1pk = :sources, health = if_not_exists(health, :health), gsi1sk = if_not_exists(gsi1sk, :due), http = if_not_exists(http, :http)',
        ExpressionAttributeValues: {
          ':config': source,
          ':sources': gsi1.sources,
          ':health': health,
          ':due': dueSortKey(health, source.id),
          ':http': EMPTY_VALIDATORS,
        },
      }),
    );
  }

  /** Writes an agency (configuration is the source of truth for now). */
  async putAgency(agency: Agency): Promise<void> {
    await this.clients.dynamo.send(
      new PutCommand({
        TableName: this.clients.tableName,
        Item: { ...keys.agency(agency.id), gsi1pk: gsi1.agencies, gsi1sk: agency.id, type: 'agency', agency },
      }),
    );
  }

  /** Every agency, through gsi1. */
  async listAgencies(): Promise<Agency[]> {
    const items = await this.queryAll(gsi1.agencies);
    return items.map((item) => item.agency as Agency);
  }

  /** One source, or undefined. */
  async get(sourceId: string): Promise<SourceRecord | undefined> {
    const result = await this.clients.dynamo.send(
      new GetCommand({ TableName: this.clients.tableName, Key: keys.source(sourceId), ConsistentRead: true }),
    );
    return result.Item ? toRecord(result.Item) : undefined;
  }

  /** Every source, ordered by next attempt. */
  async listAll(): Promise<SourceRecord[]> {
    return byNextAttempt((await this.queryAll(gsi1.sources)).map(toRecord));
  }

  /** Sources whose next attempt is due at `now` (paused ones excluded), ordered by next attempt. */
  async listDue(now: Date): Promise<SourceRecord[]> {
    // The index's keys are lower bounds (dueSortKey): the query finds every
    // source that may be due, the filter those that are.
    const items = await this.queryAll(gsi1.sources, `${now.toISOString()}#\uffff`);
    const due = items.map(toRecord).filter((record) => !record.source.paused && record.health.nextAttemptAt <= now.toISOString());
    return byNextAttempt(due);
  }

  /**
   * The URL hashes of the source's last good poll: those items cost no read
   * next time. Kept in an item of their own, read only when the page
   * changed. A source written before that split still has them on its own
   * item, read from there once.
   */
  async seenOf(sourceId: string): Promise<string[]> {
    const seen = await this.clients.dynamo.send(new GetCommand({ TableName: this.clients.tableName, Key: keys.sourceSeen(sourceId), ConsistentRead: true }));
    if (seen.Item) return (seen.Item.hashes as string[] | undefined) ?? [];
    const legacy = await this.clients.dynamo.send(
      new GetCommand({ TableName: this.clients.tableName, Key: keys.source(sourceId), ProjectionExpression: 'seenUrlHashes', ConsistentRead: true }),
    );
    return (legacy.Item?.seenUrlHashes as string[] | undefined) ?? [];
  }

  /**
   * Records the result of a poll: health, validators and how many stories it
   * created on the source (≈ 1 KB, so a 304 poll costs a write unit or two
   * instead of rewriting a 5 KB record), and — only when the page was read —
   * the seen set on its own item, first: a crash between the two writes
   * leaves validators that still point at the old page, so the next poll
   * reads it again. The story count lives on the sources (one counter per
   * source) rather than on one hot item that every story's transaction
   * would contend for.
   */
  async savePoll(sourceId: string, state: Omit<SourceRecord, 'source' | 'storiesCreated'> & { seenUrlHashes?: string[] | null }, storiesCreated = 0): Promise<void> {
    if (state.seenUrlHashes) {
      await this.clients.dynamo.send(
        new PutCommand({ TableName: this.clients.tableName, Item: { ...keys.sourceSeen(sourceId), type: 'source-seen', hashes: state.seenUrlHashes } }),
      );
    }
    await this.clients.dynamo.send(
      new UpdateCommand({
        TableName: this.clients.tableName,
        Key: keys.source(sourceId),
        // REMOVE: the seen set of a source written before it had its own item.
        UpdateExpression: 'SET health = :health, http = :http, gsi1sk = :due ADD storiesCreated :created REMOVE seenUrlHashes',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':created': storiesCreated,
          ':health': state.health,
          ':http': state.http,
          ':due': dueSortKey(state.health, sourceId),
        },
      }),
    );
  }

  private async queryAll(partition: string, upTo?: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const result = await this.clients.dynamo.send(
        new QueryCommand({
          TableName: this.clients.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: upTo ? 'gsi1pk = :pk AND gsi1sk <= :upTo' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': partition, ...(upTo ? { ':upTo': upTo } : {}) },
          ExclusiveStartKey: cursor,
        }),
      );
      items.push(...(result.Items ?? []));
      cursor = result.LastEvaluatedKey;
    } while (cursor);
    return items;
  }
}

const byNextAttempt = (records: SourceRecord[]) =>
  records.sort((a, b) => (a.health.nextAttemptAt < b.health.nextAttemptAt ? -1 : a.health.nextAttemptAt > b.health.nextAttemptAt ? 1 : a.source.id < b.source.id ? -1 : 1));

/** The last finished collection cycle, for `/health`. */
export interface CycleRecord {
  finishedAt: string;
  sources: number;
  newStories: number;
  failed: number;
}

/** Records a finished cycle; an older finish never overwrites a newer one. */
export async function recordCycle(clients: AwsClients, cycle: CycleRecord): Promise<void> {
  await clients.dynamo
    .send(
      new PutCommand({
        TableName: clients.tableName,
        Item: { ...keys.lastCycle(), type: 'cycle', ...cycle },
        ConditionExpression: 'attribute_not_exists(pk) OR finishedAt < :finishedAt',
        ExpressionAttributeValues: { ':finishedAt': cycle.finishedAt },
      }),
    )
    .catch((error: unknown) => {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    });
}

/** The last finished cycle, or null before the first. */
export async function lastCycle(clients: AwsClients): Promise<CycleRecord | null> {
  const result = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.lastCycle() }));
  return result.Item ? (result.Item as unknown as CycleRecord) : null;
}
