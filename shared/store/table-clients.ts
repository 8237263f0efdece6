/**
 * The DynamoDB half of the process's AWS clients, without the S3 client.
 *
 * Why a module of its own: `@aws-sdk/client-s3` is ≈ 130 KB of a bundle and
 * a few tens of milliseconds of cold start, and three functions
 * (collect-dispatch, exports, reminders) never touch the bucket — their
 * definitions in `infra/definitions/functions.ts` grant them none. They build
 * their clients here; everything else uses `awsClients()` from `clients.ts`,
 * which adds the S3 client. test/unit/bundles.test.ts keeps client-s3 out of
 * their bundles.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { environment } from '../env';

/** The AWS clients of a process, created once and handed to repositories. */
export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  /**
   * The bucket's client, when these clients were built with one; code that
   * uses the bucket reaches it through `bucketClient()` (clients.ts), which
   * builds the process's own for table-only clients.
   */
  s3?: S3Client;
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

/** Local servers accept any credentials; the SDK still insists on having some. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The document client over the table, for explicit settings. */
export function createDynamoClient(settings: ClientSettings): DynamoDBDocumentClient {
  const base = new DynamoDBClient({
    region: settings.region,
    // A cycle writes from many sources at once; the default 50 sockets queue them.
    requestHandler: { httpAgent: { maxSockets: 200 }, httpsAgent: { maxSockets: 200 } },
    ...(settings.dynamoEndpoint ? { endpoint: settings.dynamoEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** The settings of the process, from its environment (the stack's variables, or the local endpoints). */
export function settingsFromEnvironment(): ClientSettings {
  const env = environment();
  return {
    region: env.AWS_REGION,
    tableName: env.TABLE_NAME,
    bucketName: env.BUCKET_NAME,
    dynamoEndpoint: env.CCHC_DYNAMODB_ENDPOINT,
    s3Endpoint: env.CCHC_S3_ENDPOINT,
  };
}

/**
 * Clients without the S3 client: for functions without bucket access, and
 * for those that reach the bucket only in some invocations (the S3 client
 * then loads with the first module that uses it, through `bucketClient()`).
 */
export function createTableClients(settings: ClientSettings): AwsClients {
  return { dynamo: createDynamoClient(settings), tableName: settings.tableName, bucketName: settings.bucketName };
}

let processClients: AwsClients | undefined;

/** The process's table-only clients, built from the environment on first use (module scope in Lambda). */
export function awsTableClients(): AwsClients {
  processClients ??= createTableClients(settingsFromEnvironment());
  return processClients;
}
