import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { SCHEDULES } from '../../shared/schedules';
import { BUCKET_DEFINITION } from '../../shared/store/bucket';
import { TABLE_DEFINITION } from '../../shared/store/table';
import { readAuthConfig, readDesksJson } from '../config';
import { Api } from '../constructs/api';
import { Auth } from '../constructs/auth';
import { Collection } from '../constructs/collection';
import { Storage } from '../constructs/storage';
import { FUNCTIONS, HTTP_API, QUEUES, type FunctionName } from '../definitions/functions';

export interface PipelineStackProps extends StackProps {
  /** The repository root (handler entries and the lock file live there). */
  readonly projectRoot: string;
  /** The configuration file whose `desks` section the functions get; default `config/agencies.json`. */
  readonly configFile?: string;
}

/** The functions of the collection stage, in pipeline order. */
const COLLECTION_FUNCTIONS: readonly FunctionName[] = ['collect-dispatch', 'collect-source', 'article'];

/** One month is enough to investigate an incident and keeps log storage small. */
const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/**
 * The whole pipeline in one stack. It only composes constructs: what each
 * resource is lives in the constructs, and the numbers in the definitions
 * shared with the local runtime.
 */
export class PipelineStack extends Stack {
  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    // Configuration first: a typo fails the synth before any resource exists.
    const authConfig = readAuthConfig(this.node);
    const desksJson = readDesksJson(props.configFile ?? join(props.projectRoot, 'config', 'agencies.json'));
    const common = { projectRoot: props.projectRoot, logRetention: LOG_RETENTION, desksJson };

    const storage = new Storage(this, 'Storage', { table: TABLE_DEFINITION, bucket: BUCKET_DEFINITION });

    // Fail the synth rather than silently drop a schedule whose target no
    // construct of this stack builds yet.
    const unrouted = SCHEDULES.filter((s) => !COLLECTION_FUNCTIONS.includes(s.target as FunctionName));
    if (unrouted.length > 0) {
      throw new Error(`no construct builds the target of schedule(s): ${unrouted.map((s) => `${s.id} → ${s.target}`).join(', ')}`);
    }

    new Collection(this, 'Collection', {
      ...common,
      table: storage.table,
      bucket: storage.bucket,
      functions: COLLECTION_FUNCTIONS.map((name) => FUNCTIONS[name]),
      queues: [QUEUES.collect, QUEUES.article],
      schedules: SCHEDULES,
    });

    const api = new Api(this, 'Api', {
      ...common,
      table: storage.table,
      bucket: storage.bucket,
      function: FUNCTIONS[HTTP_API.function],
      payloadFormatVersion: HTTP_API.payloadFormatVersion,
    });

    const auth = new Auth(this, 'Auth', { config: authConfig, apiBaseUrl: api.url });
    api.useSignIn({ userPoolId: auth.userPool.userPoolId, clientId: auth.client.userPoolClientId, domainUrl: auth.domainUrl });

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'The HTTP API (pages and JSON)' });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId, description: 'Cognito user pool of the editors' });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId, description: 'App client of the web UI' });
    new CfnOutput(this, 'SignInDomainUrl', { value: auth.domainUrl, description: 'Cognito sign-in domain (managed login)' });
    new CfnOutput(this, 'TableName', { value: storage.table.tableName });
    new CfnOutput(this, 'BucketName', { value: storage.bucket.bucketName });
  }
}
