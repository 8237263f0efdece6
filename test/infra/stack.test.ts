import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, FUNCTION_NAMES, HTTP_API, QUEUES, type FunctionName } from '../../infra/definitions/functions';
import { STORAGE_LOGICAL_IDS } from '../../infra/constructs/storage';
import { SCHEDULES } from '../../shared/schedules';
import { BUCKET_DEFINITION } from '../../shared/store/bucket';
import { TABLE_DEFINITION } from '../../shared/store/table';
import { isTriggerProvider, synthesize } from './synthesize';

type Json = Record<string, any>;

let template: Template;
let resources: Record<string, Json>;
let missingContext: unknown;
/** CDK would otherwise leave one cloud assembly per run in the temp folder. */
let assemblyDir: string;

beforeAll(() => {
  assemblyDir = mkdtempSync(join(tmpdir(), 'cchc-cdk-'));
  const synthesized = synthesize({ bundle: false, outdir: assemblyDir });
  template = synthesized.template;
  resources = template.toJSON().Resources;
  missingContext = synthesized.app.synth().manifest.missing;
});

afterAll(() => {
  if (assemblyDir) rmSync(assemblyDir, { recursive: true, force: true });
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

/** The logical id of the Lambda function built from a definition. */
function functionId(name: FunctionName): string {
  const matches = ofType('AWS::Lambda::Function').filter(([, r]) => r.Properties.Description === FUNCTIONS[name].description);
  expect(matches, `exactly one function for ${name}`).toHaveLength(1);
  return matches[0]![0];
}

/** Every IAM statement attached to a function's execution role. */
function statementsOf(name: FunctionName): Json[] {
  const roleId = resources[functionId(name)]!.Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}

const actionsOf = (statements: Json[]) => statements.flatMap((s) => [s.Action].flat() as string[]);

function queueId(name: 'collect' | 'article'): string {
  const consumer = functionId(QUEUES[name].consumer);
  const mapping = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName.Ref === consumer);
  expect(mapping, `an event source mapping for ${name}`).toBeDefined();
  return mapping![1].Properties.EventSourceArn['Fn::GetAtt'][0];
}

describe('the table', () => {
  it('is on demand, with point-in-time recovery and deletion protection', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('has the keys, index and TTL attribute of TABLE_DEFINITION', () => {
    const { partitionKey, sortKey, globalSecondaryIndexes, timeToLiveAttribute } = TABLE_DEFINITION;
    const index = globalSecondaryIndexes[0];
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: partitionKey.name, KeyType: 'HASH' },
        { AttributeName: sortKey.name, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
    });
  });

  it('keeps the logical id StoriesTable and is retained on deletion and replacement', () => {
    expect(STORAGE_LOGICAL_IDS.table).toBe('StoriesTable');
    expect(resources.StoriesTable).toMatchObject({
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('has no physical name (CDK generates one)', () => {
    expect(resources.StoriesTable!.Properties.TableName).toBeUndefined();
  });
});

describe('the bucket', () => {
  it('is versioned, encrypted and closed to the public', () => {
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(resources.SnapshotBucket!.Properties.BucketName).toBeUndefined();
  });

  it('moves raw snapshots to infrequent access after the days of BUCKET_DEFINITION', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Prefix: BUCKET_DEFINITION.rawPrefix,
            Status: 'Enabled',
            Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: BUCKET_DEFINITION.rawInfrequentAccessAfterDays }],
          }),
        ]),
      },
    });
    expect(BUCKET_DEFINITION.rawInfrequentAccessAfterDays).toBe(90);
  });

  it('denies every request that does not use TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'SnapshotBucket' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('keeps the logical id SnapshotBucket and is retained on deletion and replacement', () => {
    expect(STORAGE_LOGICAL_IDS.bucket).toBe('SnapshotBucket');
    expect(resources.SnapshotBucket).toMatchObject({
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('the functions', () => {
  it('are exactly the functions of the definitions, and CDK’s one Trigger provider (infra/constructs/seed.ts)', () => {
    template.resourceCountIs('AWS::Lambda::Function', FUNCTION_NAMES.length + 1);
    for (const name of FUNCTION_NAMES) functionId(name);
    const providers = ofType('AWS::Lambda::Function').filter(([id]) => isTriggerProvider(id));
    expect(providers).toHaveLength(1);
    // CDK's own code, run at deploy time only; on the same runtime as ours.
    expect(providers[0]![1].Properties.Runtime).toBe('nodejs24.x');
    expect(ofType('Custom::LogRetention')).toHaveLength(0);
  });

  it('all run nodejs24.x on arm64 with the ESM bundle handler', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function').filter(([fid]) => !isTriggerProvider(fid))) {
      expect(fn.Properties, id).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      // --enable-source-maps would parse the 4 MB map at every cold start (lambda-function.ts).
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS, id).toBeUndefined();
    }
  });

  it('trace the collection functions actively and nothing else (README: Cost)', () => {
    for (const name of FUNCTION_NAMES) {
      const [, fn] = ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Description === FUNCTIONS[name].description)!;
      if (['collect-dispatch', 'collect-source', 'article'].includes(name)) expect(fn.Properties.TracingConfig, name).toEqual({ Mode: 'Active' });
      else expect(fn.Properties.TracingConfig, name).toBeUndefined();
    }
  });

  it('each log to their own log group with a retention', () => {
    const logGroupIds = new Set<string>();
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const logGroupId = fn.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
      expect(logGroupId, id).toBeDefined();
      expect(resources[logGroupId!]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
      logGroupIds.add(logGroupId!);
    }
    // The Trigger provider's included (infra/constructs/seed.ts gives it one).
    expect(logGroupIds.size).toBe(FUNCTION_NAMES.length + 1);
  });

  it('take memory and timeout from the definitions', () => {
    for (const name of FUNCTION_NAMES) {
      expect(resources[functionId(name)]!.Properties, name).toMatchObject({
        MemorySize: FUNCTIONS[name].memoryMb,
        Timeout: FUNCTIONS[name].timeoutSeconds,
      });
    }
  });

  it('reserve concurrency for the collector only, as the global polling limit', () => {
    expect(resources[functionId('collect-source')]!.Properties.ReservedConcurrentExecutions).toBe(
      FUNCTIONS['collect-source'].reservedConcurrency,
    );
    for (const name of FUNCTION_NAMES.filter((n) => n !== 'collect-source')) {
      expect(resources[functionId(name)]!.Properties.ReservedConcurrentExecutions, name).toBeUndefined();
    }
  });

  it('get the environment variables of shared/env.ts for exactly what they use', () => {
    const variables = (name: FunctionName) => resources[functionId(name)]!.Properties.Environment.Variables as Json;
    const collectQueue = queueId('collect');
    const articleQueue = queueId('article');

    expect(variables('collect-dispatch')).toMatchObject({
      TABLE_NAME: { Ref: 'StoriesTable' },
      COLLECT_QUEUE_URL: { Ref: collectQueue },
    });
    expect(variables('collect-source')).toMatchObject({
      TABLE_NAME: { Ref: 'StoriesTable' },
      BUCKET_NAME: { Ref: 'SnapshotBucket' },
      ARTICLE_QUEUE_URL: { Ref: articleQueue },
    });
    expect(variables('article')).toMatchObject({ TABLE_NAME: { Ref: 'StoriesTable' } });
    expect(variables('article')).not.toHaveProperty('BUCKET_NAME');
    expect(variables('api')).toMatchObject({ TABLE_NAME: { Ref: 'StoriesTable' } });

    expect(variables('collect-dispatch')).not.toHaveProperty('BUCKET_NAME');
    expect(variables('collect-dispatch')).not.toHaveProperty('ARTICLE_QUEUE_URL');
    expect(variables('collect-source')).not.toHaveProperty('COLLECT_QUEUE_URL');
    expect(variables('article')).not.toHaveProperty('COLLECT_QUEUE_URL');
    expect(variables('article')).not.toHaveProperty('ARTICLE_QUEUE_URL');
    // The api signs direct submissions' uploads and checks them (issue 5).
    expect(variables('api')).toMatchObject({ BUCKET_NAME: { Ref: 'SnapshotBucket' } });
  });
});

// Least privilege (every function's grants, exactly) is test/infra/least-privilege.test.ts.

describe('the queues', () => {
  it('collect queue is FIFO and redrives to a FIFO dead-letter queue', () => {
    const queue = resources[queueId('collect')]!;
    expect(queue.Properties).toMatchObject({
      FifoQueue: true,
      VisibilityTimeout: 6 * FUNCTIONS['collect-source'].timeoutSeconds,
      RedrivePolicy: { maxReceiveCount: QUEUES.collect.maxReceiveCount },
    });
    const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(resources[dlqId]).toMatchObject({
      Type: 'AWS::SQS::Queue',
      Properties: { FifoQueue: true, MessageRetentionPeriod: 14 * 24 * 3600 },
    });
  });

  it('article queue is standard and redrives to its own dead-letter queue', () => {
    const queue = resources[queueId('article')]!;
    expect(queue.Properties.FifoQueue).toBeUndefined();
    expect(queue.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: QUEUES.article.maxReceiveCount });
    const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(dlqId).not.toBe(resources[queueId('collect')]!.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]);
    expect(resources[dlqId]).toMatchObject({ Type: 'AWS::SQS::Queue' });
    expect(resources[dlqId]!.Properties.FifoQueue).toBeUndefined();
  });

  it('are five in all (two queues, their dead-letter queues, the schedules’ dead-letter queue), each TLS-only', () => {
    template.resourceCountIs('AWS::SQS::Queue', 5);
    template.resourceCountIs('AWS::SQS::QueuePolicy', 5);
    template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('feed their consumers with partial batch failures reported', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    for (const name of ['collect', 'article'] as const) {
      const definition = QUEUES[name];
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId(name), 'Arn'] },
        FunctionName: { Ref: functionId(definition.consumer) },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: definition.batchSize,
        ScalingConfig: { MaximumConcurrency: definition.maxConcurrency },
      });
    }
  });

  it('never let the collect poller run more collectors than are reserved', () => {
    expect(QUEUES.collect.maxConcurrency).toBeLessThanOrEqual(FUNCTIONS['collect-source'].reservedConcurrency!);
  });
});

describe('the schedules', () => {
  it('run every schedule of SCHEDULES in Vietnam time', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', SCHEDULES.length);
    for (const schedule of SCHEDULES) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: schedule.awsExpression,
        ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId(schedule.target as FunctionName), 'Arn'] },
          Input: JSON.stringify({ schedule: schedule.id, scheduledTime: '<aws.scheduler.scheduled-time>' }),
        }),
      });
    }
    expect(SCHEDULES.find((s) => s.id === 'collect')!.awsExpression).toBe('cron(0/30 * * * ? *)');
  });

  it('invoke through a role that Scheduler assumes and that may only invoke the target', () => {
    const [, schedule] = ofType('AWS::Scheduler::Schedule')[0]!;
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
    expect(resources[roleId]!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ]);
    expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const dispatcher = functionId('collect-dispatch');
    // Invoke the target; dead-letter an undeliverable tick (least-privilege.test.ts pins both exactly).
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'lambda:InvokeFunction' });
    expect(JSON.stringify(statements[0].Resource)).toContain(dispatcher);
    expect(JSON.stringify(statements[0].Resource)).not.toMatch(/"\*"/);
    expect(statements[1]).toMatchObject({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ScheduleDeadLetterQueue/), 'Arn'] } });
  });
});

describe('the HTTP API', () => {
  it('sends every request to the api function', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [functionId(HTTP_API.function), 'Arn'] },
      PayloadFormatVersion: HTTP_API.payloadFormatVersion,
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [functionId(HTTP_API.function), 'Arn'] },
    });
  });

  it('publishes its URL as a stack output', () => {
    template.hasOutput('ApiUrl', {});
  });
});

describe('synthesis', () => {
  it('needs no context lookups (works offline, without credentials)', () => {
    expect(missingContext).toBeUndefined();
  });
});

describe('bundling with the local esbuild', () => {
  let outdir: string;
  let bundled: Template;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'cchc-cdk-'));
    bundled = synthesize({ bundle: true, outdir }).template;
  });

  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it('produces an ESM bundle with a require shim and source map for every function, loadable by Node', () => {
    const functions = Object.entries(bundled.toJSON().Resources as Record<string, Json>).filter(
      ([id, r]) => r.Type === 'AWS::Lambda::Function' && !isTriggerProvider(id),
    );
    expect(functions).toHaveLength(FUNCTION_NAMES.length);
    // Each its own bundle: CDK caches bundling by options, and a shared cache key once gave all nine the first one's.
    expect(new Set(functions.map(([, fn]) => String(fn.Properties.Code.S3Key))).size).toBe(FUNCTION_NAMES.length);
    for (const [id, fn] of functions) {
      // The staged asset directory is named after the hash in the S3 key.
      const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const assetDir = join(outdir, `asset.${assetHash}`);
      const bundle = join(assetDir, 'index.mjs');
      expect(existsSync(bundle), id).toBe(true);
      expect(existsSync(`${bundle}.map`), id).toBe(true);
      expect(readFileSync(bundle, 'utf8').startsWith("import { createRequire as __cchcCreateRequire } from 'node:module';")).toBe(true);
      // Loaded by plain Node, as Lambda would, not through vitest's transform.
      const loaded = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(typeof m.handler);`],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(loaded.trim().split('\n').at(-1), id).toBe('function');
    }
  });
});

describe('the source-preview function (issue 7)', () => {
  it('serves /sources-preview/{proxy+} and POST /api/v1/sources/test on the HTTP API, apart from the api function', () => {
    const previewId = functionId('source-preview');
    const integrations = ofType('AWS::ApiGatewayV2::Integration').filter(([, r]) => JSON.stringify(r.Properties.IntegrationUri).includes(previewId));
    expect(integrations).toHaveLength(1);
    const target = { 'Fn::Join': ['', ['integrations/', { Ref: integrations[0]![0] }]] };
    const routes = ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => JSON.stringify(r.Properties.Target) === JSON.stringify(target)).map(([, r]) => r.Properties.RouteKey as string);
    expect(routes.sort()).toEqual(['GET /sources-preview/{proxy+}', 'POST /api/v1/sources/test', 'POST /sources-preview/{proxy+}']);
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', FunctionName: { 'Fn::GetAtt': [previewId, 'Arn'] } });
  });

  it('reads the table and writes nothing, with the sign-in settings and the desks of the api', () => {
    const actions = actionsOf(statementsOf('source-preview'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem']));
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) expect(actions).not.toContain(write);
    expect(actions.filter((a) => a.startsWith('s3:') || a.startsWith('sqs:') || a.startsWith('ses:') || a.startsWith('cognito-idp:'))).toEqual([]);
    const fn = resources[functionId('source-preview')]!.Properties;
    expect(fn).toMatchObject({ MemorySize: 512, Timeout: 15 });
    expect(Object.keys(fn.Environment.Variables as Json)).toEqual(expect.arrayContaining(['TABLE_NAME', 'CCHC_DESKS', 'CCHC_COGNITO_USER_POOL_ID', 'CCHC_COGNITO_CLIENT_ID', 'CCHC_COGNITO_DOMAIN']));
  });
});

describe('the exports function (issue 5)', () => {
  it('serves GET /exports/{proxy+} on the HTTP API, apart from the api function', () => {
    const exportsId = functionId('exports');
    const integrations = ofType('AWS::ApiGatewayV2::Integration').filter(([, r]) => JSON.stringify(r.Properties.IntegrationUri).includes(exportsId));
    expect(integrations).toHaveLength(1);
    const [integrationId] = integrations[0]!;
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /exports/{proxy+}',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [exportsId, 'Arn'] },
    });
  });

  it('reads the table and writes nothing, with the same sign-in settings as the api', () => {
    const actions = actionsOf(statementsOf('exports'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem']));
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) expect(actions).not.toContain(write);
    expect(actions.filter((a) => a.startsWith('s3:') || a.startsWith('sqs:') || a.startsWith('ses:'))).toEqual([]);
    const variables = resources[functionId('exports')]!.Properties.Environment.Variables as Json;
    expect(variables).toMatchObject({ TABLE_NAME: { Ref: 'StoriesTable' } });
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['CCHC_COGNITO_USER_POOL_ID', 'CCHC_COGNITO_CLIENT_ID', 'CCHC_COGNITO_DOMAIN']));
    expect(variables).not.toHaveProperty('CCHC_DESKS');
  });
});
