/**
 * Versioned writes of sources and agencies, for people (the `/sources`
 * admin pages, `cchc config import`) and the first seed. Every write is
 * conditional: on absence for an addition, on the version the writer read
 * for a change, so nobody's change is lost silently; every change by a
 * person is written in the same transaction as its audit entry.
 *
 * The collector never goes through here: it writes health and polling
 * memory with {@link SourcesRepository.savePoll}, which leaves `config`,
 * `version` and the audit trail alone.
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Agency, Source } from '../config/schema';
import { initialHealth } from '../collect/health';
import type { AwsClients } from './clients';
import { gsi1, keys } from './table';
import { failedConditions, withTable, type TransactItem } from './transactions';
import { dueAtSortKey, dueSortKey, toRecord, type SourceRecord } from './sources-repo';

/** Who changed an entry and when: what a conflict message names. */
export interface Stamp {
  /** 0 for an entry written before versions existed. */
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** A source with its version stamp. */
export interface VersionedSource extends Stamp {
  record: SourceRecord;
}

/** An agency with its version stamp. */
export interface VersionedAgency extends Stamp {
  agency: Agency;
}

/** One entry of a source's or agency's history: who, when, what, before and after. */
export interface AuditEntry {
  at: string;
  by: string;
  /** e.g. `add`, `edit`, `pause`, `resume`, `retry`, `repaired`, `import`, `remove`. */
  action: string;
  before: unknown;
  after: unknown;
}

/** The entry changed (or appeared, or vanished) since the writer read it. */
export class StaleVersionError extends Error {
  override name = 'StaleVersionError';
  constructor(
    readonly entity: 'source' | 'agency',
    readonly id: string,
    readonly stamp: Stamp | null,
  ) {
    super(`${entity} "${id}" changed by ${stamp?.updatedBy ?? 'someone'} at ${stamp?.updatedAt ?? 'an unknown time'}`);
  }
}

/** The entry to add already exists. */
export class AlreadyExistsError extends Error {
  override name = 'AlreadyExistsError';
  constructor(
    readonly entity: 'source' | 'agency',
    readonly id: string,
  ) {
    super(`${entity} "${id}" already exists`);
  }
}

const stampOf = (item: Record<string, unknown>): Stamp => ({
  version: Number(item.version ?? 0),
  updatedBy: (item.updatedBy as string | undefined) ?? null,
  updatedAt: (item.updatedAt as string | undefined) ?? null,
});


const EMPTY_HTTP = { etag: null, lastModified: null, feedUrl: null, feedEtag: null, feedLastModified: null, lastSnapshotHash: null };

// An entry written before versions existed has no `version`: it counts as 0.
const VERSION_IS = '(version = :expected OR (attribute_not_exists(version) AND :expected = :zero))';

/**
 * What a change to a source writes besides its stamp. Health is changed
 * field by field, never replaced whole: a poll finishing meanwhile keeps
 * what it wrote (its counts, last error, …).
 */
export interface SourceChange {
  config?: Source;
  /** Due for a poll at this time (the next dispatch picks it up). */
  dueAt?: Date;
  /** "Marked repaired": the needs-repair flag is cleared. */
  clearNeedsRepair?: boolean;
  /**
   * Forget ETag / Last-Modified and the discovered feed: after the URL, kind,
   * selectors or encoding changed, a 304 would keep the old reading of the page.
   */
  resetHttp?: boolean;
}

/** Versioned source and agency items, with their audit trail. Reads through keys and gsi1; no Scan. */
export class SourceAdminRepository {
  constructor(private readonly clients: AwsClients) {}

  /** One source and its stamp, read consistently. */
  async getSource(sourceId: string): Promise<VersionedSource | undefined> {
    const item = await this.getItem(keys.source(sourceId));
    return item ? { record: toRecord(item), ...stampOf(item) } : undefined;
  }

  /** Every source with its stamp (gsi1 `SOURCES`). */
  async listSources(): Promise<VersionedSource[]> {
    return (await this.queryIndex(gsi1.sources)).map((item) => ({ record: toRecord(item), ...stampOf(item) }));
  }

  /** Every agency with its stamp (gsi1 `AGENCIES`). */
  async listAgencies(): Promise<VersionedAgency[]> {
    return (await this.queryIndex(gsi1.agencies)).map((item) => ({ agency: item.agency as Agency, ...stampOf(item) }));
  }

  /** One agency and its stamp. */
  async getAgency(agencyId: string): Promise<VersionedAgency | undefined> {
    const item = await this.getItem(keys.agency(agencyId));
    return item ? { agency: item.agency as Agency, ...stampOf(item) } : undefined;
  }

  /**
   * Writes a source only if it is absent (the seed). Returns whether it was
   * written: an existing source — perhaps changed by an admin — is never touched.
   */
  async putSourceIfAbsent(source: Source, now: Date, by: string): Promise<boolean> {
    try {
      await this.clients.dynamo.send(new PutCommand({ TableName: this.clients.tableName, Item: this.sourceItem(source, now, by), ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Writes an agency only if it is absent (the seed); see {@link putSourceIfAbsent}. */
  async putAgencyIfAbsent(agency: Agency, now: Date, by: string): Promise<boolean> {
    try {
      await this.clients.dynamo.send(new PutCommand({ TableName: this.clients.tableName, Item: this.agencyItem(agency, 1, now, by), ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Adds a source with its audit entry. @throws AlreadyExistsError */
  async addSource(source: Source, now: Date, by: string, action = 'add'): Promise<void> {
    const put: TransactItem = { Put: { TableName: '', Item: this.sourceItem(source, now, by), ConditionExpression: 'attribute_not_exists(pk)' } };
    await this.transact([put, this.auditPut('source', source.id, 1, { at: now.toISOString(), by, action, before: null, after: source })], async () => {
      throw new AlreadyExistsError('source', source.id);
    });
  }

  /**
   * Changes a source if it is still at `expectedVersion`; the audit entry
   * records `before` and `after` as the caller describes them.
   * @throws StaleVersionError naming who changed it when (or `stamp: null` when it is gone).
   */
  async updateSource(sourceId: string, expectedVersion: number, change: SourceChange, audit: Omit<AuditEntry, 'at'> & { at: Date }): Promise<number> {
    const at = audit.at.toISOString();
    const sets = ['version = :next', 'updatedBy = :by', 'updatedAt = :at'];
    const values: Record<string, unknown> = { ':next': expectedVersion + 1, ':by': audit.by, ':at': at, ':expected': expectedVersion, ':zero': 0 };
    if (change.config) {
      sets.push('config = :config');
      values[':config'] = change.config;
    }
    if (change.dueAt) {
      sets.push('health.nextAttemptAt = :dueAt', 'gsi1sk = :due');
      values[':dueAt'] = change.dueAt.toISOString();
      values[':due'] = dueAtSortKey(change.dueAt.toISOString(), sourceId);
    }
    if (change.clearNeedsRepair) {
      sets.push('health.needsRepair = :false');
      values[':false'] = false;
    }
    if (change.resetHttp) {
      sets.push('http = :http');
      values[':http'] = EMPTY_HTTP;
    }
    const update: TransactItem = {
      Update: {
        TableName: '',
        Key: keys.source(sourceId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `attribute_exists(pk) AND ${VERSION_IS}`,
        ExpressionAttributeValues: values,
      },
    };
    await this.transact([update, this.auditPut('source', sourceId, expectedVersion + 1, { ...audit, at })], async () => {
      const current = await this.getItem(keys.source(sourceId));
      throw new StaleVersionError('source', sourceId, current ? stampOf(current) : null);
    });
    return expectedVersion + 1;
  }

  /** Removes a source still at `expectedVersion`; its audit trail stays. @throws StaleVersionError */
  async deleteSource(sourceId: string, expectedVersion: number, audit: Omit<AuditEntry, 'at' | 'after'> & { at: Date }): Promise<void> {
    const remove: TransactItem = {
      Delete: { TableName: '', Key: keys.source(sourceId), ConditionExpression: `attribute_exists(pk) AND ${VERSION_IS}`, ExpressionAttributeValues: { ':expected': expectedVersion, ':zero': 0 } },
    };
    const seen: TransactItem = { Delete: { TableName: '', Key: keys.sourceSeen(sourceId) } };
    await this.transact([remove, seen, this.auditPut('source', sourceId, expectedVersion + 1, { ...audit, at: audit.at.toISOString(), after: null })], async () => {
      const current = await this.getItem(keys.source(sourceId));
      throw new StaleVersionError('source', sourceId, current ? stampOf(current) : null);
    });
  }

  /** Adds an agency with its audit entry. @throws AlreadyExistsError */
  async addAgency(agency: Agency, now: Date, by: string, action = 'add'): Promise<void> {
    const put: TransactItem = { Put: { TableName: '', Item: this.agencyItem(agency, 1, now, by), ConditionExpression: 'attribute_not_exists(pk)' } };
    await this.transact([put, this.auditPut('agency', agency.id, 1, { at: now.toISOString(), by, action, before: null, after: agency })], async () => {
      throw new AlreadyExistsError('agency', agency.id);
    });
  }

  /** Replaces an agency still at `expectedVersion`, with its audit entry. @throws StaleVersionError */
  async updateAgency(agency: Agency, expectedVersion: number, audit: Omit<AuditEntry, 'at' | 'after'> & { at: Date }): Promise<number> {
    const at = audit.at.toISOString();
    const update: TransactItem = {
      Update: {
        TableName: '',
        Key: keys.agency(agency.id),
        UpdateExpression: 'SET agency = :agency, version = :next, updatedBy = :by, updatedAt = :at',
        ConditionExpression: `attribute_exists(pk) AND ${VERSION_IS}`,
        ExpressionAttributeValues: { ':agency': agency, ':next': expectedVersion + 1, ':by': audit.by, ':at': at, ':expected': expectedVersion, ':zero': 0 },
      },
    };
    await this.transact([update, this.auditPut('agency', agency.id, expectedVersion + 1, { ...audit, at, after: agency })], async () => {
      const current = await this.getItem(keys.agency(agency.id));
      throw new StaleVersionError('agency', agency.id, current ? stampOf(current) : null);
    });
    return expectedVersion + 1;
  }

  /** A source's history, newest first (at most `limit` entries). */
  async sourceHistory(sourceId: string, limit = 50): Promise<AuditEntry[]> {
    return this.history(keys.source(sourceId).pk, limit);
  }

  /** An agency's history, newest first. */
  async agencyHistory(agencyId: string, limit = 50): Promise<AuditEntry[]> {
    return this.history(keys.agency(agencyId).pk, limit);
  }

  private async history(pk: string, limit: number): Promise<AuditEntry[]> {
    const result = await this.clients.dynamo.send(
      new QueryCommand({
        TableName: this.clients.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': pk, ':audit': 'AUDIT#' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ({ at: item.at as string, by: item.by as string, action: item.action as string, before: item.before ?? null, after: item.after ?? null }));
  }

  private sourceItem(source: Source, now: Date, by: string): Record<string, unknown> {
    const health = initialHealth(now);
    return {
      ...keys.source(source.id),
      gsi1pk: gsi1.sources,
      gsi1sk: dueSortKey(health, source.id),
      type: 'source',
      config: source,
      health,
      http: EMPTY_HTTP,
      storiesCreated: 0,
      version: 1,
      updatedBy: by,
      updatedAt: now.toISOString(),
    };
  }

  private agencyItem(agency: Agency, version: number, now: Date, by: string): Record<string, unknown> {
    return { ...keys.agency(agency.id), gsi1pk: gsi1.agencies, gsi1sk: agency.id, type: 'agency', agency, version, updatedBy: by, updatedAt: now.toISOString() };
  }

  /**
   * The audit entry of the change that makes `version`: its sort key ends
   * with that version, so entries of the same instant keep their order.
   */
  private auditPut(entity: 'source' | 'agency', id: string, version: number, entry: AuditEntry): TransactItem {
    const seq = String(version).padStart(8, '0');
    const key = entity === 'source' ? keys.sourceAudit(id, entry.at, seq) : keys.agencyAudit(id, entry.at, seq);
    return { Put: { TableName: '', Item: { ...key, type: 'audit', ...entry } } };
  }

  /** Runs a transaction; when its first item's condition fails, `onConflict` decides what to throw. */
  private async transact(items: TransactItem[], onConflict: () => Promise<never>): Promise<void> {
    try {
      await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: withTable(this.clients.tableName, items) }));
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.includes(0)) await onConflict();
      throw error;
    }
  }

  private async getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const result = await this.clients.dynamo.send(new GetCommand({ TableName: this.clients.tableName, Key: key, ConsistentRead: true }));
    return result.Item;
  }

  private async queryIndex(partition: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const result = await this.clients.dynamo.send(
        new QueryCommand({ TableName: this.clients.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partition }, ExclusiveStartKey: cursor }),
      );
      items.push(...(result.Items ?? []));
      cursor = result.LastEvaluatedKey;
    } while (cursor);
    return items;
  }
}
