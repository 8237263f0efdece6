import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { NewStory, Publication, Story } from '../stories/story';
import { ConflictError, LabelError, effectiveLabel, type HumanLabel, type MachineLabel } from '../stories/labels';
import type { AreaId } from '../config/areas';
import { creditCounts, type CountMark, type QuarterCredit } from '../compliance/types';
import { contributionOf, type QuarterTally } from '../compliance/tally';
import type { AwsClients } from './clients';
import { batchGetItems } from './batch';
import { gsi1, keys } from './table';
import { MAX_TRANSACTION_ITEMS, failedConditions, withTable, type TransactItem } from './transactions';
import { queryItems } from './query';
import { talliesFromItems, tallyUpdates, type TallyChange } from './tallies';

/** What creating a story did: see {@link StoriesRepository.create}. */
export type StoryCreation = 'created' | 'exists' | 'text-taken';

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

/**
 * The quarter index is split into this many partitions by a hash of the
 * agency id, read in parallel: a province's quarter is thousands of credits
 * and the view must answer in a fraction of a second, whatever the ids.
 */
const QUARTER_INDEX_SHARDS = 4;

/** The quarter index partition of an agency (stable: FNV-1a of its id). */
function quarterShard(agencyId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < agencyId.length; i++) hash = Math.imul(hash ^ agencyId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % QUARTER_INDEX_SHARDS;
}

/** What a credit copies from its story: enough to count it for compliance without reading the story. */
export type CreditSource = Pick<Story, 'id' | 'quarter' | 'sortAt' | 'title' | 'relevant' | 'areas' | 'countMark'>;

/**
 * An agency's credit for a story in its quarter. It is also the quarter
 * index (gsi1 `QCREDIT#<quarter>`): the compliance view of a quarter is one
 * query whose cost grows with that quarter's credits, not with the table.
 */
export function creditItem(agencyId: string, story: CreditSource, sourceId: string, url: string): Record<string, unknown> {
  return {
    ...keys.credit(agencyId, story.quarter, story.sortAt, story.id),
    type: 'credit',
    gsi1pk: gsi1.quarterCredits(story.quarter, quarterShard(agencyId)),
    gsi1sk: `${agencyId}#${story.sortAt}#${story.id}`,
    storyId: story.id,
    agencyId,
    sourceId,
    url,
    quarter: story.quarter,
    sortAt: story.sortAt,
    title: story.title,
    relevant: story.relevant ?? false,
    areas: story.areas ?? [],
    mark: story.countMark ?? null,
  };
}

function creditPut(agencyId: string, story: CreditSource, sourceId: string, url: string): TransactItem {
  return { Put: { TableName: '', Item: creditItem(agencyId, story, sourceId, url) } };
}

/**
 * A credit's part in its agency's quarter tally, through the source that
 * published it (what {@link creditItem} stores). Only stories that count
 * are held (a story that does not count adds nothing): `null` takes it out.
 */
function creditTally(agencyId: string, sourceId: string, story: CreditSource): TallyChange {
  const contribution = contributionOf({ sortAt: story.sortAt, relevant: story.relevant ?? false, areas: story.areas ?? [], mark: story.countMark ?? null });
  return { agencyId, sourceId, quarter: story.quarter, storyId: story.id, contribution: contribution.counts ? contribution : null };
}

/** The tally changes of new credits: those that count (a new story that does not count has nothing to take out). */
const newCreditTallies = (changes: TallyChange[]): TallyChange[] => changes.filter((change) => change.contribution !== null);

/** Every publisher of a story: the first, then the syndicated copies. */
function publishersOf(story: Story): { agencyId: string; sourceId: string; url: string }[] {
  return [
    { agencyId: story.agencyId, sourceId: story.sourceId, url: story.url },
    ...story.alsoPublishedBy.map((p) => ({ agencyId: p.agencyId, sourceId: p.sourceId, url: p.url })),
  ];
}

/**
 * Updates of every credit of a story to what it now counts as, each
 * conditional on the credit being where the story said, and of the
 * publishers' quarter tallies to match.
 */
function creditCountingUpdates(story: Story, counting: { relevant: boolean; areas: AreaId[]; mark: CountMark | null }): TransactItem[] {
  const areas = counting.relevant ? counting.areas : [];
  const publishers = publishersOf(story);
  const credits: TransactItem[] = publishers.map((publisher) => ({
    Update: {
      TableName: '',
      Key: keys.credit(publisher.agencyId, story.quarter, story.sortAt, story.id),
      UpdateExpression: 'SET relevant = :relevant, areas = :areas, mark = :mark',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':relevant': counting.relevant, ':areas': areas, ':mark': counting.mark },
    },
  }));
  const counts = creditCounts(counting);
  const contribution = counts ? { at: story.sortAt, counts, areas } : null;
  return [...credits, ...tallyUpdates(publishers.map((p) => ({ agencyId: p.agencyId, sourceId: p.sourceId, quarter: story.quarter, storyId: story.id, contribution })))];
}

/** A credit item of the table as the compliance rules read it. */
export function toQuarterCredit(item: Record<string, unknown>): QuarterCredit {
  return {
    agencyId: item.agencyId as string,
    storyId: item.storyId as string,
    quarter: (item.quarter as string | undefined) ?? String(item.sk).split('#')[0]!,
    sortAt: (item.sortAt as string | undefined) ?? String(item.sk).split('#')[1]!,
    title: (item.title as string | undefined) ?? '',
    sourceId: item.sourceId as string,
    url: item.url as string,
    relevant: item.relevant === true,
    areas: (item.areas as AreaId[] | undefined) ?? [],
    mark: (item.mark as CountMark | null | undefined) ?? null,
  };
}

/** How often a new story's transaction is tried when another transaction held one of its items. */
const CONFLICT_ATTEMPTS = 4;

/** How often a label or mark write is tried again when the story moved quarter meanwhile. */
const MOVED_STORY_ATTEMPTS = 3;

/**
 * Stories in the table. Every write a retry could repeat is conditional or
 * keyed, so repeating it changes nothing; a story is written whole in one
 * transaction or not at all.
 */
export class StoriesRepository {
  constructor(private readonly clients: AwsClients) {}

  private withTable(items: TransactItem[]): TransactItem[] {
    return withTable(this.clients.tableName, items);
  }

  /** Looks up URL hashes and text fingerprints in batched reads. */
  async findKnown(urlHashes: string[], fingerprints: string[]): Promise<KnownItems> {
    const items = await batchGetItems<{ pk: string; type: string; id?: string; storyId?: string }>(
      this.clients.dynamo,
      this.clients.tableName,
      [...urlHashes.map(keys.url), ...fingerprints.map(keys.text)],
      // Only what tells the story apart: a hit on a story must not read its whole text.
      { expression: 'pk, #type, id, storyId', names: { '#type': 'type' } },
    );
    const known: KnownItems = { urls: new Map(), texts: new Map() };
    for (const item of items) {
      const hash = item.pk.slice(item.pk.indexOf('#') + 1);
      if (item.type === 'story') known.urls.set(hash, item.id!);
      else if (item.type === 'url') known.urls.set(hash, item.storyId!);
      else if (item.type === 'text') known.texts.set(hash, item.storyId!);
    }
    return known;
  }

  /** Reads several stories by id. */
  async getMany(storyIds: string[]): Promise<Story[]> {
    const items = await batchGetItems(this.clients.dynamo, this.clients.tableName, storyIds.map(keys.story));
    return items.filter((item) => item.type === 'story').map(fromItem);
  }

  /** One story, or undefined. */
  async get(storyId: string): Promise<Story | undefined> {
    const result = await this.clients.dynamo.send(
      new GetCommand({ TableName: this.clients.tableName, Key: keys.story(storyId), ConsistentRead: true }),
    );
    return result.Item?.type === 'story' ? fromItem(result.Item) : undefined;
  }

  /**
   * The items of a new story's creation. The first, the story itself, is its
   * claim on the URL: its id is the URL's hash, so it is also the URL lookup.
   */
  private creationItems(candidate: NewStory, withFingerprint: boolean): TransactItem[] {
    const { story, fingerprint } = candidate;
    return [
      { Put: { TableName: '', Item: storyItem(story), ConditionExpression: 'attribute_not_exists(pk)' } },
      creditPut(story.agencyId, story, story.sourceId, story.url),
      // A story that arrives with its text (a direct submission) has no article to fetch.
      ...(story.article.status === 'pending'
        ? [{ Put: { TableName: '', Item: { ...keys.pendingArticle(story.id), type: 'pending-article', url: story.url, since: story.collectedAt } } }]
        : []),
      ...(withFingerprint && fingerprint
        ? [{ Put: { TableName: '', Item: { ...keys.text(fingerprint), type: 'text', storyId: story.id }, ConditionExpression: 'attribute_not_exists(pk)' } }]
        : []),
    ];
  }

  /**
   * Writes a new story with its URL and text lookups, its publisher's credit
   * and its article marker, all or nothing.
   * @returns `exists` when the URL was already known (a retry or a race);
   *   `text-taken` when another story already holds the title's fingerprint
   *   (written meanwhile by another source): nothing was written, and the
   *   caller decides whether it is the same text or calls again with
   *   `withFingerprint: false`.
   */
  async create(candidate: NewStory, options: { withFingerprint?: boolean } = {}): Promise<StoryCreation> {
    const { story } = candidate;
    const items = this.withTable([
      ...this.creationItems(candidate, options.withFingerprint ?? true),
      ...tallyUpdates(newCreditTallies([creditTally(story.agencyId, story.sourceId, story)])),
    ]);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
        return 'created';
      } catch (error) {
        const failed = failedConditions(error);
        if (!failed) throw error;
        if (failed.length > 0) return failed.includes(0) ? 'exists' : 'text-taken';
        // Cancelled with no condition failed: another transaction held one of the items (a conflict). Nothing was written: again.
        if (attempt >= CONFLICT_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  }

  /**
   * Writes many new stories, several to a transaction: a transaction costs
   * about the same whatever it holds (up to 100 items), and a first poll
   * writes hundreds of stories. Each story stays all or nothing. A group that
   * is cancelled (a retry, or a race with another source) is written again
   * one story at a time, so every story gets its own answer.
   * @returns each candidate's outcome, by story id.
   */
  async createMany(candidates: { candidate: NewStory; withFingerprint: boolean }[]): Promise<Map<string, StoryCreation>> {
    const outcomes = new Map<string, StoryCreation>();
    const groups: (typeof candidates)[] = [];
    const alone: typeof candidates = [];
    let group: typeof candidates = [];
    let size = 0;
    let fingerprints = new Set<string>();
    for (const entry of candidates) {
      // Plus at most one tally update (fewer: a group's stories share their agency's).
      const items = this.creationItems(entry.candidate, entry.withFingerprint).length + 1;
      const fingerprint = entry.withFingerprint ? entry.candidate.fingerprint : null;
      // One transaction may not touch an item twice: a title repeated on the page goes alone.
      if (fingerprint && fingerprints.has(fingerprint)) {
        alone.push(entry);
        continue;
      }
      if (size + items > MAX_TRANSACTION_ITEMS) {
        groups.push(group);
        group = [];
        size = 0;
        fingerprints = new Set();
      }
      group.push(entry);
      size += items;
      if (fingerprint) fingerprints.add(fingerprint);
    }
    if (group.length) groups.push(group);

    const one = async (entry: (typeof candidates)[number]) =>
      outcomes.set(entry.candidate.story.id, await this.create(entry.candidate, { withFingerprint: entry.withFingerprint }));
    for (const batch of groups) {
      if (batch.length === 1) {
        await one(batch[0]!);
        continue;
      }
      const items = this.withTable([
        ...batch.flatMap((entry) => this.creationItems(entry.candidate, entry.withFingerprint)),
        ...tallyUpdates(newCreditTallies(batch.map(({ candidate: { story } }) => creditTally(story.agencyId, story.sourceId, story)))),
      ]);
      try {
        await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
        for (const entry of batch) outcomes.set(entry.candidate.story.id, 'created');
      } catch (error) {
        if (!failedConditions(error)) throw error;
        for (const entry of batch) await one(entry);
      }
    }
    for (const entry of alone) await one(entry);
    return outcomes;
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
      ...tallyUpdates(newCreditTallies([creditTally(publication.agencyId, publication.sourceId, story)])),
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
    const publishers = publishersOf(story);
    // Out of the old quarter's tally and into the new one's (the same item when the quarter stays).
    const creditMoves: TransactItem[] = moved
      ? [
          ...publishers.flatMap((p) => [
            { Delete: { TableName: '', Key: keys.credit(p.agencyId, story.quarter, story.sortAt, story.id) } },
            creditPut(p.agencyId, movedStory, p.sourceId, p.url),
          ]),
          ...tallyUpdates(
            publishers.flatMap((p) => [
              { agencyId: p.agencyId, sourceId: p.sourceId, quarter: story.quarter, storyId: story.id, contribution: null },
              creditTally(p.agencyId, p.sourceId, movedStory),
            ]),
          ),
        ]
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
    const items = await queryItems(
      this.clients.dynamo,
      { TableName: this.clients.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.pendingArticle('').pk } },
      limit,
    );
    return items.map((item) => ({ storyId: item.sk as string, url: item.url as string, since: item.since as string }));
  }

  /**
   * Stores the machine's label. The effective label — and the story's
   * credits, which count it — follow it only while no human has labelled
   * the story: a person's correction is never overwritten.
   */
  async saveMachineLabel(storyId: string, label: MachineLabel): Promise<void> {
    const effective = effectiveLabel(label, undefined)!;
    for (let attempt = 1; ; attempt++) {
      const story = await this.get(storyId);
      if (!story) return;
      if (story.humanLabel) {
        await this.clients.dynamo.send(
          new UpdateCommand({
            TableName: this.clients.tableName,
            Key: keys.story(storyId),
            UpdateExpression: 'SET machineLabel = :label',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':label': label },
          }),
        );
        return;
      }
      const items = this.withTable([
        {
          Update: {
            TableName: '',
            Key: keys.story(storyId),
            UpdateExpression: 'SET machineLabel = :label, relevant = :relevant, areas = :areas, confidence = :confidence',
            // Still unlabelled by a person, and still in the quarter whose credits we update.
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(humanLabel) AND sortAt = :sortAt',
            ExpressionAttributeValues: { ':label': label, ':relevant': effective.relevant, ':areas': effective.areas, ':confidence': effective.confidence, ':sortAt': story.sortAt },
          },
        },
        ...creditCountingUpdates(story, { relevant: effective.relevant, areas: effective.areas, mark: story.countMark ?? null }),
      ]);
      try {
        await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        // A person labelled it, or the article moved it, meanwhile: read again and redo.
        if (!failedConditions(error)?.length || attempt >= MOVED_STORY_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Records a person's label, which wins over the machine's everywhere. The
   * write is conditional on the version the person saw, so two editors'
   * changes never silently overwrite each other.
   * @throws ConflictError when the story changed since `expectedVersion`;
   *   LabelError when it does not exist.
   */
  async saveHumanLabel(storyId: string, label: HumanLabel, expectedVersion: number): Promise<Story> {
    const areas = label.relevant ? label.areas : [];
    return this.versionedWrite(storyId, expectedVersion, (story) => [
      {
        Update: {
          TableName: '',
          Key: keys.story(storyId),
          UpdateExpression:
            'SET humanLabel = :label, relevant = :relevant, areas = :areas, confidence = :one, updatedBy = :by, updatedAt = :at, version = version + :one',
          ConditionExpression: '#type = :story AND version = :expected AND sortAt = :sortAt',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':label': label,
            ':relevant': label.relevant,
            ':areas': areas,
            ':one': 1,
            ':by': label.by,
            ':at': label.at,
            ':story': 'story',
            ':expected': expectedVersion,
            ':sortAt': story.sortAt,
          },
        },
      },
      { Put: { TableName: '', Item: { ...keys.humanLabelled(storyId), type: 'human-label', at: label.at } } },
      ...creditCountingUpdates(story, { relevant: label.relevant, areas, mark: story.countMark ?? null }),
    ]);
  }

  /**
   * Records Sở Nội vụ's decision that a story counts (or not) for the
   * quarterly report, which beats any label; `null` clears it. Conditional on
   * the version the person saw; the story's credits follow in the same
   * transaction.
   * @throws ConflictError on a stale version; LabelError when there is no such story.
   */
  async saveCountMark(storyId: string, mark: CountMark | null, expectedVersion: number, actor?: { by: string; at: string }): Promise<Story> {
    const who = mark ?? actor;
    if (!who) throw new LabelError('clearing a mark needs who and when');
    return this.versionedWrite(storyId, expectedVersion, (story) => [
      {
        Update: {
          TableName: '',
          Key: keys.story(storyId),
          UpdateExpression: `${mark ? 'SET countMark = :mark, ' : 'REMOVE countMark SET '}updatedBy = :by, updatedAt = :at, version = version + :one`,
          ConditionExpression: '#type = :story AND version = :expected AND sortAt = :sortAt',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ...(mark ? { ':mark': mark } : {}),
            ':by': who.by,
            ':at': who.at,
            ':one': 1,
            ':story': 'story',
            ':expected': expectedVersion,
            ':sortAt': story.sortAt,
          },
        },
      },
      ...creditCountingUpdates(story, { relevant: story.relevant ?? false, areas: story.areas ?? [], mark }),
    ]);
  }

  /**
   * A person's write to a story and its credits: refused when the story is
   * no longer at the version they saw; redone when only the article stage
   * moved it to another quarter meanwhile (its credits moved with it).
   */
  private async versionedWrite(storyId: string, expectedVersion: number, build: (story: Story) => TransactItem[]): Promise<Story> {
    for (let attempt = 1; ; attempt++) {
      const story = await this.get(storyId);
      if (!story) throw new LabelError(`no story with id ${storyId}`);
      if (story.version !== expectedVersion) throw new ConflictError(story.updatedBy ?? null, story.updatedAt ?? null);
      try {
        await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: this.withTable(build(story)) }));
        return (await this.get(storyId))!;
      } catch (error) {
        if (!failedConditions(error)?.length || attempt >= MOVED_STORY_ATTEMPTS) {
          const current = failedConditions(error)?.length ? await this.get(storyId) : undefined;
          if (current && current.version !== expectedVersion) throw new ConflictError(current.updatedBy ?? null, current.updatedAt ?? null);
          throw error;
        }
      }
    }
  }

  /** Every story a human labelled, through its marker items (no Scan). */
  async listHumanLabelled(): Promise<Story[]> {
    const markers = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.humanLabelled('').pk },
    });
    return this.getMany(markers.map((item) => item.sk as string));
  }

  /** One page of a month's stories (Vietnam month of their counting instant), for batch jobs such as reclassification. */
  async pageOfMonth(month: string, cursor?: Record<string, unknown>): Promise<{ stories: Story[]; cursor?: Record<string, unknown> }> {
    const page = await this.clients.dynamo.send(
      new QueryCommand({
        TableName: this.clients.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1.feed(month) },
        ExclusiveStartKey: cursor,
        Limit: 100,
      }),
    );
    return { stories: (page.Items ?? []).map(fromItem), cursor: page.LastEvaluatedKey };
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

  /**
   * Every agency's credits in one quarter, through the quarter index (gsi1),
   * with what each counts as: its partitions read in parallel, only the
   * fields a credit needs.
   */
  async quarterCredits(quarter: string): Promise<QuarterCredit[]> {
    const parts = await Promise.all(
      Array.from({ length: QUARTER_INDEX_SHARDS }, (_, shard) =>
        queryItems(this.clients.dynamo, {
          TableName: this.clients.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ProjectionExpression: 'pk, sk, agencyId, storyId, quarter, sortAt, title, sourceId, #url, relevant, areas, mark',
          ExpressionAttributeNames: { '#url': 'url' },
          ExpressionAttributeValues: { ':pk': gsi1.quarterCredits(quarter, shard) },
        }),
      ),
    );
    return parts.flat().map(toQuarterCredit);
  }

  /**
   * Every agency's tally of one quarter (one small item per agency and
   * source with counted stories there, one gsi1 partition, united per
   * agency): what the quarter view and the reports count from. An agency
   * without an item has nothing counted.
   */
  async quarterTallies(quarter: string): Promise<Map<string, QuarterTally>> {
    const items = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1.quarterTallies(quarter) },
    });
    return talliesFromItems(items);
  }

  /** One agency's credits in one quarter, through its key, with what each counts as. */
  async agencyCredits(agencyId: string, quarter: string): Promise<QuarterCredit[]> {
    const items = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :quarter)',
      ExpressionAttributeValues: { ':pk': keys.credit(agencyId, quarter, '', '').pk, ':quarter': `${quarter}#` },
    });
    return items.map(toQuarterCredit);
  }

  /** Credits of one agency in one quarter: which story, from which source and URL. */
  async creditsOf(agencyId: string, quarter: string): Promise<{ storyId: string; sourceId: string; url: string }[]> {
    return (await this.agencyCredits(agencyId, quarter)).map(({ storyId, sourceId, url }) => ({ storyId, sourceId, url }));
  }

  /**
   * Every story whose counting instant is in [fromIso, toIso) — Vietnam ISO
   * instants — oldest first: a key range on gsi1 (`FEED#<month>`, sk
   * `<sortAt>#<id>`) in each Vietnam month the range touches (a week: one or two).
   */
  async storiesBetween(fromIso: string, toIso: string): Promise<Story[]> {
    const months: string[] = [];
    for (let month = fromIso.slice(0, 7); month <= toIso.slice(0, 7); ) {
      months.push(month);
      const [y, m] = month.split('-').map(Number) as [number, number];
      month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    }
    const stories: Story[] = [];
    for (const month of months) {
      const items = await queryItems(this.clients.dynamo, {
        TableName: this.clients.tableName,
        IndexName: 'gsi1',
        // `<toIso>` sorts before every `<toIso>#<id>`: the end is exclusive.
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': gsi1.feed(month), ':from': fromIso, ':to': toIso },
      });
      stories.push(...items.map(fromItem));
    }
    return stories;
  }
}
