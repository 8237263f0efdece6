import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { bucketClient, type AwsClients } from '../../shared/store/clients';
import { createTableInput } from '../../shared/store/table';

/** Creates the table from the shared definition unless it exists. */
export async function ensureTable(clients: AwsClients): Promise<{ created: boolean }> {
  try {
    await clients.dynamo.send(new DescribeTableCommand({ TableName: clients.tableName }));
    return { created: false };
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await clients.dynamo.send(new CreateTableCommand(createTableInput(clients.tableName)));
  return { created: true };
}

/** Creates the bucket unless it exists. */
export async function ensureBucket(clients: AwsClients): Promise<void> {
  try {
    await bucketClient(clients).send(new HeadBucketCommand({ Bucket: clients.bucketName }));
  } catch {
    await bucketClient(clients).send(new CreateBucketCommand({ Bucket: clients.bucketName }));
  }
}
