import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import type { AreaId } from '../config/areas';
import type { AuditEvent, DeskEntry, DeskStatus } from '../desks/workflow';
import type { SlotDefinition } from '../desks/config';
import type { AwsClients } from './clients';
import { keys } from './table';
import { batchGetItems } from './batch';
import { queryItems } from './query';
import { failedConditions, withTable, type TransactItem } from './transactions';

/** What the queue shows of an entry: a compact copy kept in each queue partition. */
export type QueueRow = Pick<
  DeskEntry,
  'desk' | 'storyId' | 'status' | 'slot' | 'title' | 'agencyId' | 'agencyIds' | 'areas' | 'confidence' | 'sortAt' | 'words' | 'seconds'
>;

/** A stored entry with its write revision (bumped by every write, routing included). */
export interface StoredEntry extends DeskEntry {
  rev: number;
}

/** What a slot holds: its counters and its members in scheduling order. */
export interface SlotContents {
  desk: string;
  slotId: string;
  usedStories: number;
  usedWords: number;
  usedSeconds: number;
  members: SlotMember[];
}

/** One story in a slot. */
export interface SlotMember {
  storyId: string;
  title: string;
  agencyId: string;
  areas: AreaId[];
  words: number;
  seconds: number;
  scheduledAt: string;
}

/** Filters of a desk's queue; see {@link DesksRepository.listQueue}. */
export interface QueueQuery {
  desk: string;
  status: DeskStatus;
  area?: AreaId;
  agencyId?: string;
  /** Folded search words; every one must occur in the entry's folded title and summary. */
  words?: string[];
  /** Vietnam dates (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** A write that lost a race with another writer of the same item. */
export class StaleWriteError extends Error {
  override name = 'StaleWriteError';
  constructor(readonly failedItem: 'story' | 'entry' | 'slot' | 'member' | 'other') {
    super(`conditional write failed on the ${failedItem}`);
  }
}

/** A cursor that this repository did not hand out (or for another query). */
export class CursorError extends Error {
  override name = 'CursorError';
}

/** One write to a story on a desk, assembled by the desk service. */
export interface EntryWrite {
  before: StoredEntry | null;
  /** null removes the entry (withdrawn by routing). */
  after: DeskEntry | null;
  audit: AuditEvent | null;
  /** A human's write: conditional on the story version they saw, which it bumps. */
  storyVersion?: { expected: number; by: string; at: string };
  /** Slot changes that come with the move. */
  slotChange?: { add?: { slotId: string; member: SlotMember; definition: SlotDefinition }; remove?: { slotId: string; storyId: string; words: number; seconds: number } };
}

function rowsOf(entry: DeskEntry): { key: { pk: string; sk: string }; item: Record<string, unknown> }[] {
  const row: QueueRow = {
    desk: entry.desk,
    storyId: entry.storyId,
    status: entry.status,
    slot: entry.slot,
    title: entry.title,
    agencyId: entry.agencyId,
    agencyIds: entry.agencyIds,
    areas: entry.areas,
    confidence: entry.confidence,
    sortAt: entry.sortAt,
    words: entry.words,
    seconds: entry.seconds,
  };
  const rows: { key: { pk: string; sk: string }; item: Record<string, unknown> }[] = [null, ...new Set(entry.areas)].map((area) => {
    const key = keys.queueRow(entry.desk, entry.status, area, entry.sortAt, entry.storyId);
    return { key, item: { ...key, type: 'queue-row', ...row } };
  });
  // The search copy holds only what a search filters on, so a search that
  // reads a whole partition reads a third of the bytes. Spaces around the
  // folded text let a search word match whole words only (" so " is not in " soat ").
  const searchKey = keys.searchRow(entry.desk, entry.status, entry.sortAt, entry.storyId);
  rows.push({ key: searchKey, item: { ...searchKey, type: 'search-row', t: ` ${entry.searchText} `, r: entry.areas, g: entry.agencyIds } });
  return rows;
}

/**
 * The items a new entry consists of (the entry and its queue rows), for
 * bulk loading such as the benchmark's; live writes go through
 * {@link DesksRepository.write}.
 */
export function newEntryItems(entry: DeskEntry): Record<string, unknown>[] {
  return [{ ...keys.deskEntry(entry.storyId, entry.desk), type: 'desk-entry', ...entry, rev: 1 }, ...rowsOf(entry).map((row) => row.item)];
}

const keyString = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;

/** The condition that keeps a slot within its budget when `member` is added. */
function capacityCondition(definition: SlotDefinition, member: SlotMember) {
  if (definition.kind === 'monthly-page') {
    return {
      expression: '(attribute_not_exists(usedStories) OR usedStories <= :roomStories) AND (attribute_not_exists(usedWords) OR usedWords <= :roomWords)',
      values: { ':roomStories': definition.maxStories - 1, ':roomWords': definition.maxWords - member.words },
    };
  }
  return {
    expression: 'attribute_not_exists(usedSeconds) OR usedSeconds <= :roomSeconds',
    values: { ':roomSeconds': definition.maxSeconds - member.seconds },
  };
}

/** A person's write bumps the story's version, on the condition that it is still the one they saw. */
function storyVersionUpdate(storyId: string, version: { expected: number; by: string; at: string }): TransactItem {
  return {
    Update: {
      TableName: '',
      Key: keys.story(storyId),
      UpdateExpression: 'SET version = version + :one, updatedBy = :by, updatedAt = :at',
      ConditionExpression: '#type = :story AND version = :expected',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':by': version.by, ':at': version.at, ':story': 'story', ':expected': version.expected },
    },
  };
}

function auditPut(event: AuditEvent): TransactItem {
  const key = keys.audit(event.storyId, event.at, randomBytes(4).toString('hex'));
  return { Put: { TableName: '', Item: { ...key, type: 'audit', ...event } } };
}

function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk, sk, type, ...rest } = item;
  void pk, void sk, void type;
  return rest as T;
}

/**
 * Desk entries, their queue rows, slots and the audit trail. Every write is
 * one transaction conditional on what the writer read (the entry's revision,
 * the story's version for a person's change, the slot's room), so no change
 * is lost silently and a retry of a finished write fails its condition
 * instead of applying twice.
 */
export class DesksRepository {
  constructor(private readonly clients: AwsClients) {}

  /** A story's entry on one desk. */
  async getEntry(storyId: string, desk: string): Promise<StoredEntry | null> {
    const result = await this.clients.dynamo.send(
      new GetCommand({ TableName: this.clients.tableName, Key: keys.deskEntry(storyId, desk), ConsistentRead: true }),
    );
    return result.Item ? stripKeys<StoredEntry>(result.Item) : null;
  }

  /** A story's entries on every desk and its history, newest event last, in one query of its partition. */
  async entriesAndHistory(storyId: string): Promise<{ entries: StoredEntry[]; history: AuditEvent[] }> {
    const entries: StoredEntry[] = [];
    const history: AuditEvent[] = [];
    const items = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      // AUDIT# sorts before DESK#: one range covers both.
      ExpressionAttributeValues: { ':pk': keys.story(storyId).pk, ':first': 'AUDIT#', ':last': 'DESK#\uffff' },
    });
    for (const item of items) {
      if (item.type === 'desk-entry') entries.push(stripKeys<StoredEntry>(item));
      else if (item.type === 'audit') history.push(stripKeys<AuditEvent>(item));
    }
    return { entries, history };
  }

  /**
   * Applies one write: the entry (created, changed or removed) with its queue
   * rows, the audit event, the story's version for a person's change and the
   * slot's counters and member.
   * @throws StaleWriteError naming the item whose condition failed.
   */
  async write(change: EntryWrite): Promise<void> {
    const { before, after } = change;
    const items: TransactItem[] = [];
    const labels: StaleWriteError['failedItem'][] = [];
    const push = (item: TransactItem, label: StaleWriteError['failedItem']) => {
      items.push(item);
      labels.push(label);
    };
    const desk = (after ?? before)!.desk;
    const storyId = (after ?? before)!.storyId;

    if (change.storyVersion) push(storyVersionUpdate(storyId, change.storyVersion), 'story');

    const entryKey = keys.deskEntry(storyId, desk);
    const revCondition = before
      ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': before.rev } }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    if (after) {
      push({ Put: { TableName: '', Item: { ...entryKey, type: 'desk-entry', ...after, rev: (before?.rev ?? 0) + 1 }, ...revCondition } }, 'entry');
    } else if (before) {
      push({ Delete: { TableName: '', Key: entryKey, ...revCondition } }, 'entry');
    }

    const newRows = after ? rowsOf(after) : [];
    const kept = new Set(newRows.map((row) => keyString(row.key)));
    for (const row of before ? rowsOf(before) : []) {
      if (!kept.has(keyString(row.key))) push({ Delete: { TableName: '', Key: row.key } }, 'other');
    }
    for (const row of newRows) push({ Put: { TableName: '', Item: row.item } }, 'other');

    const add = change.slotChange?.add;
    if (add) {
      const room = capacityCondition(add.definition, add.member);
      push(
        {
          Update: {
            TableName: '',
            Key: keys.slot(desk, add.slotId),
            UpdateExpression: 'SET #type = :slot, desk = :desk, slotId = :slotId ADD usedStories :one, usedWords :words, usedSeconds :seconds',
            ConditionExpression: room.expression,
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ...room.values, ':slot': 'slot', ':desk': desk, ':slotId': add.slotId, ':one': 1, ':words': add.member.words, ':seconds': add.member.seconds },
          },
        },
        'slot',
      );
      push(
        {
          Put: {
            TableName: '',
            Item: { ...keys.slotMember(desk, add.slotId, add.member.storyId), type: 'slot-member', ...add.member },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        'member',
      );
    }
    const remove = change.slotChange?.remove;
    if (remove) {
      push(
        {
          Update: {
            TableName: '',
            Key: keys.slot(desk, remove.slotId),
            UpdateExpression: 'ADD usedStories :minusOne, usedWords :words, usedSeconds :seconds',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':minusOne': -1, ':words': -remove.words, ':seconds': -remove.seconds },
          },
        },
        'slot',
      );
      push({ Delete: { TableName: '', Key: keys.slotMember(desk, remove.slotId, remove.storyId), ConditionExpression: 'attribute_exists(pk)' } }, 'member');
    }

    if (change.audit) push(auditPut(change.audit), 'other');

    try {
      await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: withTable(this.clients.tableName, items) }));
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed || failed.length === 0) throw error;
      throw new StaleWriteError(labels[failed[0]!] ?? 'other');
    }
  }

  /**
   * Changes the airtime of a story on a segment desk, moving its slot's
   * counters with it when it is scheduled (within the slot's room).
   * @throws StaleWriteError naming the item whose condition failed.
   */
  async writeAirtime(input: {
    before: StoredEntry;
    seconds: number;
    audit: AuditEvent;
    storyVersion: { expected: number; by: string; at: string };
    definition: SlotDefinition;
  }): Promise<void> {
    const { before, seconds } = input;
    const after: DeskEntry = { ...before, seconds, secondsEdited: true, updatedAt: input.storyVersion.at, updatedBy: input.storyVersion.by };
    delete (after as Partial<StoredEntry>).rev;
    if (before.status !== 'scheduled' && before.status !== 'published') {
      await this.write({ before, after, audit: input.audit, storyVersion: input.storyVersion });
      return;
    }
    // In a slot: the entry, its rows and the slot move together.
    const delta = seconds - before.seconds;
    const slotId = before.slot!;
    const extra: TransactItem[] = [
      {
        Update: {
          TableName: '',
          Key: keys.slot(before.desk, slotId),
          UpdateExpression: 'ADD usedSeconds :delta',
          ConditionExpression: input.definition.kind === 'recurring-segment' && delta > 0 ? 'usedSeconds <= :room' : 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':delta': delta,
            ...(input.definition.kind === 'recurring-segment' && delta > 0 ? { ':room': input.definition.maxSeconds - delta } : {}),
          },
        },
      },
      {
        Update: {
          TableName: '',
          Key: keys.slotMember(before.desk, slotId, before.storyId),
          UpdateExpression: 'SET seconds = :seconds',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':seconds': seconds },
        },
      },
    ];
    const rows = rowsOf(after);
    const items: TransactItem[] = [
      storyVersionUpdate(before.storyId, input.storyVersion),
      {
        Put: {
          TableName: '',
          Item: { ...keys.deskEntry(before.storyId, before.desk), type: 'desk-entry', ...after, rev: before.rev + 1 },
          ConditionExpression: 'rev = :rev',
          ExpressionAttributeValues: { ':rev': before.rev },
        },
      },
      ...extra,
      ...rows.map((row): TransactItem => ({ Put: { TableName: '', Item: row.item } })),
      auditPut(input.audit),
    ];
    const labels: StaleWriteError['failedItem'][] = ['story', 'entry', 'slot', 'member'];
    try {
      await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: withTable(this.clients.tableName, items) }));
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed || failed.length === 0) throw error;
      throw new StaleWriteError(labels[failed[0]!] ?? 'other');
    }
  }

  /** Adds one event to a story's history (a change made elsewhere, such as a label correction). */
  async appendAudit(event: AuditEvent): Promise<void> {
    const put = auditPut(event).Put!;
    await this.clients.dynamo.send(new PutCommand({ TableName: this.clients.tableName, Item: put.Item }));
  }

  /** A slot's counters and members (members in scheduling order). */
  async getSlot(desk: string, slotId: string): Promise<SlotContents> {
    const slot: SlotContents = { desk, slotId, usedStories: 0, usedWords: 0, usedSeconds: 0, members: [] };
    const items = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.slot(desk, slotId).pk },
      ConsistentRead: true,
    });
    for (const item of items) {
      if (item.type === 'slot') {
        slot.usedStories = Number(item.usedStories ?? 0);
        slot.usedWords = Number(item.usedWords ?? 0);
        slot.usedSeconds = Number(item.usedSeconds ?? 0);
      } else if (item.type === 'slot-member') slot.members.push(stripKeys<SlotMember>(item));
    }
    slot.members.sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt) || a.storyId.localeCompare(b.storyId));
    return slot;
  }

  /**
   * One page of a desk's queue, newest first, through the queue partition of
   * the status (or of the status and area): the date range is a key range,
   * the agency a filter within that partition — never a Scan. With search
   * words the compact search partition of the status is read instead, and
   * the page's rows are then fetched by key.
   * @throws CursorError for a cursor this query did not produce.
   */
  async listQueue(query: QueueQuery): Promise<{ rows: QueueRow[]; cursor: string | null }> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    if (query.words?.length) return this.searchQueue(query, limit);
    const pk = keys.queueRow(query.desk, query.status, query.area ?? null, '', '').pk;
    const filters: string[] = [];
    const values: Record<string, unknown> = {};
    if (query.agencyId) {
      filters.push('contains(agencyIds, :agency)');
      values[':agency'] = query.agencyId;
    }
    const { items, cursor } = await this.queryPartition(pk, query, filters, values, limit, filters.length ? 1000 : limit);
    return { rows: items.map((item) => stripKeys<QueueRow>(item)), cursor };
  }

  private async searchQueue(query: QueueQuery, limit: number): Promise<{ rows: QueueRow[]; cursor: string | null }> {
    const pk = keys.searchRow(query.desk, query.status, '', '').pk;
    const filters: string[] = [];
    const values: Record<string, unknown> = {};
    // Longest words first: usually the rarest, so the AND stops early for most rows.
    [...query.words!].sort((x, y) => y.length - x.length || x.localeCompare(y)).forEach((word, index) => {
      filters.push(`contains(t, :w${index})`);
      values[`:w${index}`] = ` ${word} `;
    });
    if (query.area) {
      filters.push('contains(r, :area)');
      values[':area'] = query.area;
    }
    if (query.agencyId) {
      filters.push('contains(g, :agency)');
      values[':agency'] = query.agencyId;
    }
    // The search copy is split into partitions, read a page of each at a
    // time in parallel, newest first. A hit is final once it is newer than
    // every unfinished partition's last key read: nothing newer can follow.
    // The cursor is the last sort key shown; every partition resumes below it.
    const before = query.cursor ? decodeCursor(query.cursor, SEARCH_CURSOR).sk : null;
    const upper = before ?? `${query.to ?? '9999'}\uffff`;
    const shards = Array.from({ length: SEARCH_SHARDS }, (_, shard) => ({ pk: `${pk}#${shard}`, startKey: undefined as Record<string, unknown> | undefined, done: false, lastSk: '' }));
    const hits: string[] = [];
    let final: string[] = [];
    // Small pages first (a common word fills the page at once), doubling while hits are scarce.
    for (let pageSize = SEARCH_FIRST_PAGE; ; pageSize = Math.min(pageSize * 2, SEARCH_MAX_PAGE)) {
      await Promise.all(
        shards
          .filter((shard) => !shard.done)
          .map(async (shard) => {
            const page = await this.clients.dynamo.send(
              new QueryCommand({
                TableName: this.clients.tableName,
                KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :upper',
                FilterExpression: filters.join(' AND '),
                ProjectionExpression: 'sk',
                ExpressionAttributeValues: { ':pk': shard.pk, ':from': query.from ?? '0000', ':upper': upper, ...values },
                ScanIndexForward: false,
                Limit: pageSize,
                ExclusiveStartKey: shard.startKey,
              }),
            );
            for (const item of page.Items ?? []) if (item.sk !== before) hits.push(item.sk as string);
            shard.startKey = page.LastEvaluatedKey;
            shard.done = !page.LastEvaluatedKey;
            shard.lastSk = (page.LastEvaluatedKey?.sk as string | undefined) ?? '';
          }),
      );
      hits.sort((x, y) => y.localeCompare(x));
      const frontier = shards.filter((shard) => !shard.done).reduce((max, shard) => (shard.lastSk > max ? shard.lastSk : max), '');
      final = hits.filter((sk) => sk > frontier);
      if (final.length >= limit || shards.every((shard) => shard.done)) break;
    }
    const items = final.slice(0, limit).map((sk) => ({ sk }));
    const more = hits.length > limit || shards.some((shard) => !shard.done);
    const cursor = more && items.length === limit ? encodeCursor({ pk: SEARCH_CURSOR, sk: items.at(-1)!.sk }) : null;
    const rowKeys = items.map((item) => {
      const sk = item.sk as string;
      const cut = sk.lastIndexOf('#');
      return keys.queueRow(query.desk, query.status, null, sk.slice(0, cut), sk.slice(cut + 1));
    });
    const found = new Map((await batchGetItems(this.clients.dynamo, this.clients.tableName, rowKeys)).map((item) => [item.sk as string, stripKeys<QueueRow>(item)]));
    // In the search partition's order (newest first); a row moved meanwhile is left out.
    return { rows: rowKeys.map((key) => found.get(key.sk)).filter((row): row is QueueRow => row !== undefined), cursor };
  }

  /** Newest first through one partition until `limit` items pass the filters, with a cursor after the last one. */
  private async queryPartition(
    pk: string,
    query: QueueQuery,
    filters: string[],
    filterValues: Record<string, unknown>,
    limit: number,
    pageSize: number,
    projection?: string,
  ): Promise<{ items: Record<string, unknown>[]; cursor: string | null }> {
    const values: Record<string, unknown> = { ':pk': pk, ...filterValues };
    let keyCondition = 'pk = :pk';
    if (query.from || query.to) {
      keyCondition += ' AND sk BETWEEN :from AND :to';
      values[':from'] = query.from ?? '0000';
      values[':to'] = `${query.to ?? '9999'}\uffff`;
    }
    let startKey: Record<string, unknown> | undefined = query.cursor ? decodeCursor(query.cursor, pk) : undefined;
    const items: Record<string, unknown>[] = [];
    do {
      const page = await this.clients.dynamo.send(
        new QueryCommand({
          TableName: this.clients.tableName,
          KeyConditionExpression: keyCondition,
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(projection ? { ProjectionExpression: `pk, ${projection}` } : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: filters.length ? pageSize : limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        items.push(item);
        if (items.length === limit) {
          // Resume after the last item shown, not after the last one read.
          return { items, cursor: encodeCursor({ pk: item.pk as string, sk: item.sk as string }) };
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { items, cursor: null };
  }
}

/** The search copy's partitions per desk and status. */
const SEARCH_SHARDS = 4;
/** Search rows read per partition by the first request of a search, and at most (small items: well under DynamoDB's 1 MB a page). */
const SEARCH_FIRST_PAGE = 500;
const SEARCH_MAX_PAGE = 4000;
/** What a search cursor names instead of one partition. */
const SEARCH_CURSOR = 'SEARCH';

function encodeCursor(key: { pk: string; sk: string }): string {
  return Buffer.from(JSON.stringify([key.pk, key.sk]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, expectedPk: string): { pk: string; sk: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === expectedPk && typeof parsed[1] === 'string' && parsed[1].length < 200) {
      return { pk: parsed[0], sk: parsed[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new CursorError('the cursor does not belong to this query; start from the first page');
}
