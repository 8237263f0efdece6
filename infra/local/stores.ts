import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsClients, type AwsClients } from '../../shared/store/clients';
import { startDynamoDbLocal } from './dynamodb-local';
import { startS3Local } from './s3-local';
import { isPortOpen, type ChildService } from './child-process';
import { ensureBucket, ensureTable } from './provision';
import { migrateTable } from './migrations';
import { DATA_DIR, RUNTIME_FILE } from './paths';

/** The local table and bucket names (the stack lets CDK name them in AWS). */
export const LOCAL_TABLE = 'cchc';
export const LOCAL_BUCKET = 'cchc-local';

/** What `npm start` writes so that `cchc` commands find its stores. */
export interface RuntimeInfo {
  pid: number;
  dynamoEndpoint: string;
  s3Endpoint: string;
  httpUrl: string | null;
  startedAt: string;
}

/** Open local stores: their clients, and how to stop what was started for them. */
export interface LocalStores {
  clients: AwsClients;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** Whether these stores belong to an already running runtime (or given endpoints). */
  shared: boolean;
  stop(): Promise<void>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running runtime, if its file names a live process whose stores answer. */
export async function runningRuntime(): Promise<RuntimeInfo | null> {
  if (!existsSync(RUNTIME_FILE)) return null;
  try {
    const info = JSON.parse(readFileSync(RUNTIME_FILE, 'utf8')) as RuntimeInfo;
    if (!processAlive(info.pid)) return null;
    const port = (endpoint: string) => Number(new URL(endpoint).port);
    if (!(await isPortOpen(port(info.dynamoEndpoint))) || !(await isPortOpen(port(info.s3Endpoint)))) return null;
    return info;
  } catch {
    return null;
  }
}

/**
 * Opens the local stores: the servers named by CCHC_DYNAMODB_ENDPOINT /
 * CCHC_S3_ENDPOINT, else those of a running `npm start`, else DynamoDB Local
 * and s3rver started now on the data folder (stopped by `stop()`).
 */
export async function openLocalStores(options: { fresh?: boolean; log?: (line: string) => void } = {}): Promise<LocalStores> {
  const log = options.log ?? (() => {});
  const envDynamo = process.env.CCHC_DYNAMODB_ENDPOINT;
  const envS3 = process.env.CCHC_S3_ENDPOINT;
  let dynamoEndpoint: string;
  let s3Endpoint: string;
  let started: ChildService[] = [];
  let shared = true;
  const running = envDynamo && envS3 ? null : await runningRuntime();
  if (envDynamo && envS3) {
    dynamoEndpoint = envDynamo;
    s3Endpoint = envS3;
  } else if (running && !options.fresh) {
    dynamoEndpoint = envDynamo ?? running.dynamoEndpoint;
    s3Endpoint = envS3 ?? running.s3Endpoint;
  } else {
    if (running) throw new Error(`the local runtime (pid ${running.pid}) is running: stop it before starting fresh`);
    if (options.fresh) {
      rmSync(join(DATA_DIR, 'dynamodb'), { recursive: true, force: true });
      rmSync(join(DATA_DIR, 's3'), { recursive: true, force: true });
    }
    mkdirSync(DATA_DIR, { recursive: true });
    log('Đang khởi động DynamoDB Local và s3rver…');
    started = await Promise.all([
      envDynamo ? null : startDynamoDbLocal({ dataDir: join(DATA_DIR, 'dynamodb') }),
      envS3 ? null : startS3Local({ dataDir: join(DATA_DIR, 's3') }),
    ]).then((services) => services.filter((s): s is ChildService => s !== null));
    dynamoEndpoint = envDynamo ?? started.find((s) => s.name === 'DynamoDB Local')!.endpoint;
    s3Endpoint = envS3 ?? started.find((s) => s.name === 's3rver')!.endpoint;
    shared = false;
  }
  const clients = createAwsClients({
    region: 'ap-southeast-1',
    tableName: LOCAL_TABLE,
    bucketName: LOCAL_BUCKET,
    dynamoEndpoint,
    s3Endpoint,
  });
  try {
    const { created } = await ensureTable(clients);
    await migrateTable(clients, created, log);
    await ensureBucket(clients);
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
  return {
    clients,
    dynamoEndpoint,
    s3Endpoint,
    shared,
    stop: async () => {
      clients.dynamo.destroy();
      clients.s3?.destroy();
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}
