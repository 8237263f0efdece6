import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Environment } from '../../shared/env';
import { HANDLER_EXPORT, QUEUES, type FunctionDefinition, type QueueName } from '../definitions/functions';
import { acknowledgePrefix, grantObjectDelete, grantObjectPut, grantObjectRead, grantSend, grantTable } from './grants';
import { ENTRY_FILE, bundleFunction } from '../definitions/bundling';

/** The stateful resources a function may be granted access to. */
export interface FunctionResources {
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  /** Only the queues some function of the calling construct sends to. */
  readonly queues: Partial<Readonly<Record<QueueName, sqs.IQueue>>>;
  /** The desks configuration as JSON, for functions whose definition has `desks`. */
  readonly desksJson?: string;
}

export interface LambdaFunctionProps {
  /** The repository root: handler entries and the lock file are resolved against it. */
  readonly projectRoot: string;
  readonly definition: FunctionDefinition;
  readonly resources: FunctionResources;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * Lambda's newest Node.js runtime that this aws-cdk-lib knows. Named
 * explicitly rather than NODEJS_LATEST, whose value moves with CDK upgrades
 * and would change the runtime without a code change.
 */
const RUNTIME = lambda.Runtime.NODEJS_24_X;

let esbuildChecked = false;

/**
 * The functions are bundled by the project's own esbuild: without it, fail
 * at once with the cause and the fix rather than with "Cannot find module"
 * from inside CDK's asset staging.
 */
function assertLocalEsbuild(projectRoot: string): void {
  if (esbuildChecked) return;
  try {
    createRequire(join(projectRoot, 'package.json')).resolve('esbuild');
  } catch {
    throw new Error(
      'esbuild is not installed in this project (it is a devDependency: run `npm ci`); ' +
        'the Lambda functions are bundled with it',
    );
  }
  esbuildChecked = true;
}

/**
 * One Lambda function from its definition: the runtime, architecture,
 * bundling, logging and tracing every function shares, plus exactly the
 * grants and environment variables its definition asks for (least privilege
 * is decided by `infra/definitions/functions.ts`, in one place).
 */
export class LambdaFunction extends Construct {
  readonly function: lambda.Function;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    super(scope, id);
    const { definition, resources, projectRoot } = props;
    assertLocalEsbuild(projectRoot);

    // An explicit log group instead of `logRetention`, which would add a
    // CDK-managed helper Lambda (Custom::LogRetention) to set the retention.
    // Retained: logs are evidence after an accident that deletes the stack;
    // the retention bounds their cost either way.
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Its own role, allowed to write to its own log group only, instead of
    // the AWSLambdaBasicExecutionRole managed policy (which may create and
    // write any log group of the account). Everything else it may do is
    // added by grantAndConfigure from the definition.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${definition.name} function`,
    });
    this.logGroup.grantWrite(this.role);
    if (definition.tracing === 'active') Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level ' +
        'permissions (X-Ray has no resource ARNs for them); test/infra/least-privilege.test.ts checks that these two ' +
        'are the only actions on "*"',
    });

    // No NODE_OPTIONS=--enable-source-maps: with it Node reads and parses
    // the bundle's whole source map (4 MB) while loading the module, ≈ 75 ms
    // of every cold start, measured on the api and collect-source bundles.
    // Stack traces keep their function names (keepNames); the map ships in
    // the package, and setting the variable on a function while debugging
    // gives TypeScript positions again (README: Observability).
    const environment: Partial<Record<keyof Environment | 'POWERTOOLS_SERVICE_NAME', string>> = {
      POWERTOOLS_SERVICE_NAME: definition.name,
    };

    this.function = new lambda.Function(this, 'Function', {
      description: definition.description,
      code: lambda.Code.fromAsset(projectRoot, {
        // Hashed from the bundle, so a change anywhere it imports redeploys it, and nothing else does.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: local bundling always succeeds or throws (this machine has no Docker).
          image: DockerImage.fromRegistry('no-docker-bundling'),
          // Never run either, but part of CDK's bundling cache key, which ignores `local`: without
          // the entry in it every function of the stack would get the first one's bundle.
          command: ['esbuild', definition.entry],
          local: {
            tryBundle: (outputDir: string) => {
              bundleFunction(projectRoot, definition.entry, outputDir, { sourcemap: true });
              return true;
            },
          },
        },
      }),
      handler: `${basename(ENTRY_FILE, '.mjs')}.${HANDLER_EXPORT}`,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      reservedConcurrentExecutions: definition.reservedConcurrency,
      role: this.role,
      tracing: definition.tracing === 'active' ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      logGroup: this.logGroup,
      environment: environment as Record<string, string>,
    });

    this.grantAndConfigure(definition, resources);
  }

  /** Grants what the definition asks for and passes the resources' names. */
  private grantAndConfigure(definition: FunctionDefinition, resources: FunctionResources): void {
    const fn = this.function;
    const set = (name: keyof Environment, value: string) => fn.addEnvironment(name, value);

    set('TABLE_NAME', resources.table.tableName);
    grantTable(fn, resources.table, definition.table);

    if (definition.bucketPutPrefix !== undefined) {
      set('BUCKET_NAME', resources.bucket.bucketName);
      grantObjectPut(fn, resources.bucket, definition.bucketPutPrefix);
      acknowledgePrefix(this.role, resources.bucket, definition.bucketPutPrefix, 'stores whole objects whose keys are made at run time (content hashes under raw/, ISO weeks under digests/)');
    }
    if (definition.bucketUploadsPrefix !== undefined) {
      if (definition.bucketPutPrefix === undefined) set('BUCKET_NAME', resources.bucket.bucketName);
      const prefix = definition.bucketUploadsPrefix;
      grantObjectPut(fn, resources.bucket, prefix);
      grantObjectRead(fn, resources.bucket, prefix);
      grantObjectDelete(fn, resources.bucket, prefix);
      acknowledgePrefix(
        this.role,
        resources.bucket,
        prefix,
        'signs presigned POSTs for, checks and deletes direct-submission attachments, keyed by random submission and attachment ids created at run time',
      );
    }

    for (const queueName of definition.sendsTo) {
      const queue = resources.queues[queueName];
      if (!queue) {
        throw new Error(`function ${definition.name} sends to queue ${queueName}, which was not provided`);
      }
      set(QUEUES[queueName].urlVariable, queue.queueUrl);
      grantSend(fn, queue);
    }

    if (definition.desks) {
      if (resources.desksJson === undefined) {
        throw new Error(`function ${definition.name} reads the desks, which were not provided`);
      }
      set('CCHC_DESKS', resources.desksJson);
    }
  }
}

