/**
 * A source's seen set lives in an item of its own, so a poll that finds its
 * page unchanged rewrites only the small source record — the biggest line
 * of the monthly bill was every 304 poll rewriting ≈ 5 KB. Against
 * DynamoDB Local, metering the write units it reports.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { meterCapacity } from '../../bench/cost';
import { SourcesRepository } from '../../shared/store/sources-repo';
import type { AwsClients } from '../../shared/store/clients';
import { keys } from '../../shared/store/table';
import { freshStores } from '../support/stores';

const now = new Date('2026-11-23T03:00:00Z');
const source = { id: 'so-tu-phap-rss', agencyId: 'so-tu-phap', kind: 'rss' as const, url: 'https://sotuphap.example.gov.vn/rss' };
const hashes = Array.from({ length: 60 }, (_, i) => `${String(i).padStart(2, '0')}${'a'.repeat(62)}`);

describe('a source’s seen set', () => {
  let clients: AwsClients;
  let sources: SourcesRepository;

  beforeAll(async () => {
    clients = await freshStores();
    sources = new SourcesRepository(clients);
    await sources.upsertSource(source, now);
  });

  it('is written beside the source when the page was read, and read back', async () => {
    const record = (await sources.get(source.id))!;
    await sources.savePoll(source.id, { health: record.health, http: record.http, seenUrlHashes: hashes }, 3);
    expect(await sources.seenOf(source.id)).toEqual(hashes);
    const item = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.source(source.id) }));
    expect(item.Item).not.toHaveProperty('seenUrlHashes');
    expect((await sources.get(source.id))!.storiesCreated).toBe(3);
  });

  it('is left alone by a poll that did not read the page, which costs a couple of write units', async () => {
    const record = (await sources.get(source.id))!;
    const meter = meterCapacity(clients.dynamo);
    await sources.savePoll(source.id, { health: { ...record.health, lastAttemptAt: now.toISOString() }, http: record.http });
    expect(meter.write).toBeGreaterThan(0);
    expect(meter.write).toBeLessThanOrEqual(2);
    expect(await sources.seenOf(source.id)).toEqual(hashes);
  });

  it('of a source written before the split is read from the source once, then moved off it', async () => {
    await clients.dynamo.send(
      new UpdateCommand({ TableName: clients.tableName, Key: keys.source('cu'), UpdateExpression: 'SET config = :c, gsi1pk = :p, seenUrlHashes = :h', ExpressionAttributeValues: { ':c': { ...source, id: 'cu' }, ':p': 'LEGACY', ':h': hashes.slice(0, 5) } }),
    );
    await clients.dynamo.send(new UpdateCommand({ TableName: clients.tableName, Key: keys.source('cu'), UpdateExpression: 'SET health = :h, http = :x', ExpressionAttributeValues: { ':h': (await sources.get(source.id))!.health, ':x': {} } }));
    expect(await sources.seenOf('cu')).toEqual(hashes.slice(0, 5));
    const record = (await sources.get('cu'))!;
    await sources.savePoll('cu', { health: record.health, http: record.http, seenUrlHashes: hashes.slice(0, 7) });
    expect(await sources.seenOf('cu')).toEqual(hashes.slice(0, 7));
    const item = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.source('cu') }));
    expect(item.Item).not.toHaveProperty('seenUrlHashes');
  });
});
