import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { freshStores } from '../support/stores';
import { TABLE_DEFINITION } from '../../shared/store/table';

describe('local stores', () => {
  it('reads back from s3rver exactly the bytes written, binary included', async () => {
    const clients = await freshStores();
    const bytes = randomBytes(300_000);
    await clients.s3.send(new PutObjectCommand({ Bucket: clients.bucketName, Key: 'raw/x', Body: bytes }));
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: clients.bucketName, Key: 'raw/x' }));
    const back = Buffer.from(await object.Body!.transformToByteArray());
    expect(back.equals(bytes)).toBe(true);
  });

  it('creates the table with the keys and index of the shared definition', async () => {
    const clients = await freshStores();
    const table = await clients.dynamo.send(new DescribeTableCommand({ TableName: clients.tableName }));
    expect(table.Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(['pk', 'sk']);
    expect(table.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(
      TABLE_DEFINITION.globalSecondaryIndexes.map((i) => i.indexName),
    );
  });
});
