import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, awsTableClients, createDynamoClient, settingsFromEnvironment, type AwsClients, type ClientSettings } from './table-clients';

export type { AwsClients, ClientSettings } from './table-clients';

/** The bucket's client, for explicit settings. */
export function createS3Client(settings: ClientSettings): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.s3Endpoint
      ? {
          endpoint: settings.s3Endpoint,
          credentials: LOCAL_CREDENTIALS,
          forcePathStyle: true,
          // s3rver corrupts streamed uploads that carry the SDK's default
          // CRC32 trailer; only send and check checksums when required.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
}

/** Builds clients for explicit settings (the local runtime and tests use this). */
export function createAwsClients(settings: ClientSettings): AwsClients {
  return { dynamo: createDynamoClient(settings), s3: createS3Client(settings), tableName: settings.tableName, bucketName: settings.bucketName };
}

let processClients: AwsClients | undefined;

/**
 * The process's clients, built from the environment on first use (module
 * scope in Lambda), sharing the DynamoDB client of `awsTableClients()`.
 * Functions that never touch the bucket use that alone, which keeps the S3
 * client out of their bundles.
 */
export function awsClients(): AwsClients {
  if (!processClients) {
    const table = awsTableClients();
    processClients = { dynamo: table.dynamo, s3: processS3(), tableName: table.tableName, bucketName: table.bucketName };
  }
  return processClients;
}

let processS3Client: S3Client | undefined;
const processS3 = () => (processS3Client ??= createS3Client(settingsFromEnvironment()));

/**
 * The bucket's client for these clients: their own, or for table-only
 * clients (`awsTableClients()`) the process's, built from the environment
 * on first use. Every module that sends S3 commands goes through this, so
 * a function whose handler starts from table-only clients loads the S3
 * client only with the first such module it imports.
 */
export function bucketClient(clients: AwsClients): S3Client {
  return clients.s3 ?? processS3();
}
