import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { environment } from '../env';

/** The AWS clients of a process, created once and handed to repositories. */
export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  tableName: string;
  bucketName: string;
}

/** Endpoints and names; in AWS only the names are set, locally the endpoints too. */
export interface ClientSettings {
  region: string;
  tableName: string;
  bucketName: string;
  dynamoEndpoint?: string;
  s3Endpoint?: string;
}

// Local servers accept any credentials; the SDK still insists on having some.
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Builds clients for explicit settings (the local runtime and tests use this). */
export function createAwsClients(settings: ClientSettings): AwsClients {
  const dynamoBase = new DynamoDBClient({
    region: settings.region,
    // A cycle writes from many sources at once; the default 50 sockets queue them.
    requestHandler: { httpAgent: { maxSockets: 200 }, httpsAgent: { maxSockets: 200 } },
    ...(settings.dynamoEndpoint ? { endpoint: settings.dynamoEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
  const dynamo = DynamoDBDocumentClient.from(dynamoBase, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const s3 = new S3Client({
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
  return { dynamo, s3, tableName: settings.tableName, bucketName: settings.bucketName };
}

let processClients: AwsClients | undefined;

/** The process's clients, built from the environment on first use (module scope in Lambda). */
export function awsClients(): AwsClients {
  if (!processClients) {
    const env = environment();
    processClients = createAwsClients({
      region: env.AWS_REGION,
      tableName: env.TABLE_NAME,
      bucketName: env.BUCKET_NAME,
      dynamoEndpoint: env.CCHC_DYNAMODB_ENDPOINT,
      s3Endpoint: env.CCHC_S3_ENDPOINT,
    });
  }
  return processClients;
}
