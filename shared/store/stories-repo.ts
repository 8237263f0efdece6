import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { NewStory, Publication, Story } from '../stories/story';
import type { AwsClients } from './clients';
import { batchGetItems } from './batch';
import { gsi1, keys } from './table';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What the table already knows about a page of candidate items. */
export interface KnownItems {
  /** urlHash → storyId */
  urls: Map<string, string>;
  /** fingerprint → storyId */
  texts: Map<string, string>;
}

/** The table item of a story: the story plus its keys. */
function storyItem(story: Story): Record<string, unknown> {
  return {
    ...keys.story(story.id),
    type: 'story',
    gsi1pk: gsi1.feed(story.sortAt.slice(0, 7)),
    gsi1sk: `${story.sortAt}#${story.id}`,
    ...story,
    // A string set, so adding a publisher twice is harmless.
    agencyIds: new Set(story.agencyIds),
  };
}

function fromItem(item: Record<string, unknown>): Story {
  const { pk, sk, gsi1pk, gsi1sk, type, ...rest } = item;
  void pk, void sk, void gsi1pk, void gsi1sk, void type;
  const story = rest as unknown as Story & { agencyIds: Set<string> | string[] };
  const agencyIds = [...(story.agencyIds ?? [])];
  // The first publisher first, whatever order the set comes back in.
  agencyIds.sort((a, b) => (a === story.agencyId ? -1 : b === story.agencyId ? 1 : a.localeCompare(b)));
  return { ...story, agencyIds };
}

function creditPut(agencyId: string, story: Pick<Story, 'id' | 'quarter' | 'sortAt'>, sourceId: string, url: string): TransactItem {
  return {
    Put: {
      TableName: '',
      Item: { ...keys.credit(agencyId, story.quarter, story.sortAt, story.id), type: 'credit', storyId: story.id, agencyId, sourceId, url },
    },
  };
}

/** Which items of a cancelled transaction failed their condition. */
function failedConditions(error: unknown): number[] | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  return (error.CancellationReasons ?? [])
    .map((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? index : -1))
    .filter((index) => index >= 0);
}

/**
 * Stories in the table. Every write a retry could repeat is conditional or
 * keyed, so repeating it changes nothing; a story is written whole in one
 * transaction or not at all.
 */
export class StoriesRepository {
  constructor(private readonly clients: AwsClients) {}

  private withTable(items: TransactItem[]): TransactItem[] {
    const TableName = this.clients.tableName;
    return items.map((item) => {
      const [kind, body] = Object.entries(item)[0] as [keyof TransactItem, Record<string, unknown>];
      return { [kind]: { ...body, TableName } } as TransactItem;
    });
  }

  /** Looks up URL hashes and text fingerprints in batched reads. */
  async findKnown(urlHashes: string[], fingerprints: string[]): Promise<KnownItems> {
    const items = await batchGetItems<{ pk: string; storyId: string }>(this.clients.dynamo, this.clients.tableName, [
      ...urlHashes.map(keys.url),
      ...fingerprints.map(keys.text),
    ]);
    const known: KnownItems = { urls: new Map(), texts: new Map() };
    for (const item of items) {
      if (item.pk.startsWith('URL#')) known.urls.set(item.pk.slice(4), item.storyId);
      else if (item.pk.startsWith('TEXT#')) known.texts.set(item.pk.slice(5), item.storyId);
    }
    return known;
  }

  /** Reads several stories by id. */
  async getMany(storyIds: string[]): Promise<Story[]> {
    const items = await batchGetItems(this.clients.dynamo, this.clients.tableName, storyIds.map(keys.story));
    return items.map(fromItem);
  }

  /** One story, or undefined. */
  async get(storyId: string): Promise<Story | undefined> {
    const result = await this.clients.dynamo.send(
      new GetCommand({ TableName: this.clients.tableName, Key: keys.story(storyId), ConsistentRead: true }),
    );
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /**
   * Writes a new story with its URL and text lookups, its publisher's credit
   * and the story count, all or nothing.
   * @returns `exists` when the URL was already known (a retry or a race);
   *   `text-taken` when another story already holds the title's fingerprint
   *   (written meanwhile by another source): nothing was written, and the
   *   caller decides whether it is the same text or calls again with
   *   `withFingerprint: false`.
   */
  async create(candidate: NewStory, options: { withFingerprint?: boolean } = {}): Promise<'created' | 'exists' | 'text-taken'> {
    const { story, urlHash, fingerprint } = candidate;
    const withText = (options.withFingerprint ?? true) && fingerprint !== null;
    const items = this.withTable([
      { Put: { TableName: '', Item: { ...keys.url(urlHash), type: 'url', storyId: story.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: '', Item: storyItem(story), ConditionExpression: 'attribute_not_exists(pk)' } },
      creditPut(story.agencyId, story, story.sourceId, story.url),
      { Put: { TableName: '', Item: { ...keys.pendingArticle(story.id), type: 'pending-article', url: story.url, since: story.collectedAt } } },
      ...(withText
        ? [{ Put: { TableName: '', Item: { ...keys.text(fingerprint!), type: 'text', storyId: story.id }, ConditionExpression: 'attribute_not_exists(pk)' } }]
        : []),
    ]);
    try {
      await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return 'created';
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      if (failed.includes(0) || failed.includes(1)) return 'exists';
      return 'text-taken';
    }
  }

  /**
   * Records another site's copy of a story: its URL now leads to the story,
   * the agency is credited, and the story lists it under "also published by".
   * @returns `exists` when this URL was already recorded.
   */
  async addPublication(story: Story, publication: Publication, urlHash: string): Promise<'added' | 'exists'> {
    const items = this.withTable([
      { Put: { TableName: '', Item: { ...keys.url(urlHash), type: 'url', storyId: story.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: '',
          Key: keys.story(story.id),
          UpdateExpression: 'SET alsoPublishedBy = list_append(if_not_exists(alsoPublishedBy, :empty), :publication) ADD agencyIds :agency',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':empty': [], ':publication': [publication], ':agency': new Set([publication.agencyId]) },
        },
      },
      creditPut(publication.agencyId, story, publication.sourceId, publication.url),
    ]);
    try {
      await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return 'added';
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.includes(0)) return 'exists';
      throw error;
    }
  }

  /**
   * Stores what the article stage found. When the article gives the date the
   * list lacked, the story moves to its quarter and week, credits included.
   * Conditional on the article still being pending, so a late retry cannot
   * overwrite a newer result.
   */
  async saveArticle(
    story: Story,
    update: { text: string; wordCount: number; summary: string | null; publishedAt: string | null; sortAt: string; quarter: string; week: string; fetchedAt: string },
  ): Promise<void> {
    const moved = update.sortAt !== story.sortAt;
    const movedStory = { ...story, sortAt: update.sortAt, quarter: update.quarter, week: update.week };
    const storyUpdate: TransactItem = {
      Update: {
        TableName: '',
        Key: keys.story(story.id),
        UpdateExpression:
          'SET #text = :text, wordCount = :words, summary = :summary, publishedAt = :publishedAt, sortAt = :sortAt, quarter = :quarter, week = :week, gsi1pk = :feed, gsi1sk = :feedSort, article = :article',
        ConditionExpression: 'article.#status = :pending',
        ExpressionAttributeNames: { '#text': 'text', '#status': 'status' },
        ExpressionAttributeValues: {
          ':text': update.text,
          ':words': update.wordCount,
          ':summary': update.summary,
          ':publishedAt': update.publishedAt,
          ':sortAt': update.sortAt,
          ':quarter': update.quarter,
          ':week': update.week,
          ':feed': gsi1.feed(update.sortAt.slice(0, 7)),
          ':feedSort': `${update.sortAt}#${story.id}`,
          ':article': { status: 'done', attempts: story.article.attempts + 1, fetchedAt: update.fetchedAt },
          ':pending': 'pending',
        },
      },
    };
    const publishers = [
      { agencyId: story.agencyId, sourceId: story.sourceId, url: story.url },
      ...story.alsoPublishedBy.map((p) => ({ agencyId: p.agencyId, sourceId: p.sourceId, url: p.url })),
    ];
    const creditMoves: TransactItem[] = moved
      ? publishers.flatMap((p) => [
          { Delete: { TableName: '', Key: keys.credit(p.agencyId, story.quarter, story.sortAt, story.id) } },
          creditPut(p.agencyId, movedStory, p.sourceId, p.url),
        ])
      : [];
    try {
      const markerDone: TransactItem = { Delete: { TableName: '', Key: keys.pendingArticle(story.id) } };
      await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: this.withTable([storyUpdate, markerDone, ...creditMoves]) }));
    } catch (error) {
      // Already done by an earlier delivery of the same job: nothing to do.
      if (failedConditions(error)?.includes(0)) return;
      throw error;
    }
  }

  /** Records a failed article attempt; after `final` it stops being pending. */
  async recordArticleFailure(storyId: string, attempts: number, reason: string, final: boolean): Promise<void> {
    await this.clients.dynamo.send(
      new UpdateCommand({
        TableName: this.clients.tableName,
        Key: keys.story(storyId),
        UpdateExpression: 'SET article = :article',
        ConditionExpression: 'article.#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':article': { status: final ? 'failed' : 'pending', attempts, lastError: reason },
          ':pending': 'pending',
        },
      }),
    ).catch((error: unknown) => {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    });
    if (final) await this.clients.dynamo.send(new DeleteCommand({ TableName: this.clients.tableName, Key: keys.pendingArticle(storyId) }));
  }

  /** Stories whose article text is still wanted (to re-enqueue after a restart or a lost message). */
  async listPendingArticles(limit = 1000): Promise<{ storyId: string; url: string; since: string }[]> {
    const result: { storyId: string; url: string; since: string }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.clients.dynamo.send(
        new QueryCommand({
          TableName: this.clients.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.pendingArticle('').pk },
          Limit: limit - result.length,
          ExclusiveStartKey: startKey,
        }),
      );
      result.push(...(page.Items ?? []).map((item) => ({ storyId: item.sk as string, url: item.url as string, since: item.since as string })));
      startKey = page.LastEvaluatedKey;
    } while (startKey && result.length < limit);
    return result;
  }

  /** The newest stories (by their counting instant), walking back month by month. */
  async listNewest(limit: number, now: Date, monthsBack = 12): Promise<Story[]> {
    const stories: Story[] = [];
    const cursor = new Date(now.getTime() + 7 * 3_600_000 + 86_400_000);
    for (let step = 0; step <= monthsBack && stories.length < limit; step++) {
      const month = `${cursor.getUTCFullYear()}-${String(cursor.getUTCMonth() + 1).padStart(2, '0')}`;
      let startKey: Record<string, unknown> | undefined;
      do {
        const result = await this.clients.dynamo.send(
          new QueryCommand({
            TableName: this.clients.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': gsi1.feed(month) },
            ScanIndexForward: false,
            Limit: limit - stories.length,
            ExclusiveStartKey: startKey,
          }),
        );
        stories.push(...(result.Items ?? []).map(fromItem));
        startKey = result.LastEvaluatedKey;
      } while (startKey && stories.length < limit);
      cursor.setUTCDate(1);
      cursor.setUTCMonth(cursor.getUTCMonth() - 1);
    }
    return stories;
  }

  /** Credits of one agency in one quarter (for compliance), through its key. */
  async creditsOf(agencyId: string, quarter: string): Promise<{ storyId: string; sourceId: string; url: string }[]> {
    const result: { storyId: string; sourceId: string; url: string }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.clients.dynamo.send(
        new QueryCommand({
          TableName: this.clients.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :quarter)',
          ExpressionAttributeValues: { ':pk': `CREDIT#${agencyId}`, ':quarter': `${quarter}#` },
          ExclusiveStartKey: startKey,
        }),
      );
      result.push(...(page.Items ?? []).map((item) => ({ storyId: item.storyId, sourceId: item.sourceId, url: item.url })));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return result;
  }
}
