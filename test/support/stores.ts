import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createAwsClients, type AwsClients } from '../../shared/store/clients';
import { ensureBucket, ensureTable } from '../../infra/local/provision';

/** Clients on the shared local servers with a table and bucket of this test's own. */
export async function freshStores(): Promise<AwsClients> {
  const suffix = randomUUID().slice(0, 8);
  const clients = createAwsClients({
    region: 'ap-southeast-1',
    tableName: `test-${suffix}`,
    bucketName: `test-${suffix}`,
    dynamoEndpoint: inject('dynamoEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
  });
  await ensureTable(clients);
  await ensureBucket(clients);
  return clients;
}
