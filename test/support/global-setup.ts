import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startS3Local } from '../../infra/local/s3-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

/** One real DynamoDB Local and one real s3rver for the whole run; each test file makes its own table and bucket. */
export default async function setup(project: TestProject) {
  const s3Dir = mkdtempSync(join(tmpdir(), 'cchc-test-s3-'));
  const [dynamo, s3] = await Promise.all([startDynamoDbLocal(), startS3Local({ dataDir: s3Dir })]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await Promise.all([dynamo.stop(), s3.stop()]);
    rmSync(s3Dir, { recursive: true, force: true });
  };
}
