import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { freshStores } from '../support/stores';
import { TABLE_DEFINITION } from '../../shared/store/table';
import { awsTableClients } from '../../shared/store/table-clients';
import { bucketClient } from '../../shared/store/clients';
import { SnapshotStore } from '../../shared/store/snapshots';

describe('local stores', () => {
  it('reads back from s3rver exactly the bytes written, binary included', async () => {
    const clients = await freshStores();
    const bytes = randomBytes(300_000);
    await clients.s3!.send(new PutObjectCommand({ Bucket: clients.bucketName, Key: 'raw/x', Body: bytes }));
    const object = await clients.s3!.send(new GetObjectCommand({ Bucket: clients.bucketName, Key: 'raw/x' }));
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

describe('table-only clients (a function that loads the S3 client on first use)', () => {
  it('reach the bucket through bucketClient: the process’s S3 client, built from the environment, sharing nothing but the bucket name', async () => {
    const stores = await freshStores();
    // What Lambda (or the local runtime) sets; environment() reads it on first use in this file's fresh module graph.
    // Restored after: a worker process runs other test files too.
    const saved = { ...process.env };
    onTestFinished(() => {
      process.env = saved;
    });
    Object.assign(process.env, {
      AWS_REGION: 'ap-southeast-1',
      TABLE_NAME: stores.tableName,
      BUCKET_NAME: stores.bucketName,
      CCHC_DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      CCHC_S3_ENDPOINT: inject('s3Endpoint'),
    });
    const tableOnly = awsTableClients();
    expect(tableOnly.s3).toBeUndefined();
    const key = await new SnapshotStore(tableOnly).put(Buffer.from('<html>bản tin</html>'), { contentType: 'text/html', url: 'https://sotuphap.binhdinh.gov.vn/tin', sourceId: 'so-tu-phap' });
    expect(Buffer.from(await new SnapshotStore(stores).get(key)).toString('utf8')).toBe('<html>bản tin</html>');
    // One S3 client for the process, whichever clients object asks.
    expect(bucketClient(tableOnly)).toBe(bucketClient(awsTableClients()));
    expect(bucketClient(stores)).toBe(stores.s3);
  });
});
