import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnResource, CustomResourceProviderBase, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as triggers from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { ConfigError, parseConfig } from '../../shared/config/load';
import type { FunctionDefinition } from '../definitions/functions';
import { LambdaFunction } from './lambda-function';

/**
 * The configuration file the config-seed function bundles: the one
 * `functions/config-seed/handler.ts` imports (relative to the repository
 * root). The province's file, whatever `configFile` the stack reads its
 * desks from — what a deployed table is seeded with is what `cchc config
 * seed config/agencies.json` would write.
 */
export const SEED_CONFIG_FILE = 'config/agencies.json';

/** The id CDK gives the stack's one Trigger provider (aws-cdk-lib/triggers, a CustomResourceProvider). */
export const TRIGGER_PROVIDER_ID = 'AWSCDK.TriggerCustomResourceProviderCustomResourceProvider';

/** The custom resource property that carries the file's hash (it re-runs the seed when the file changes). */
export const CONFIG_HASH_PROPERTY = 'ConfigSha256';

export interface SeedProps {
  readonly projectRoot: string;
  readonly table: dynamodb.ITable;
  /** Required by LambdaFunction's resources; the seed's definition grants nothing on it. */
  readonly bucket: s3.IBucket;
  /** The config-seed function's definition. */
  readonly function: FunctionDefinition;
  readonly logRetention: logs.RetentionDays;
}

/**
 * Sources and agencies from the repository's file into the table, by the
 * deploy itself: a CDK Trigger invokes the config-seed function once the
 * table and the function's role exist, on the first deploy and again on every
 * deploy that changes the file (its SHA-256 is a property of the trigger) or
 * the function. The function writes only what the table lacks, with
 * conditional puts, so a re-run changes nothing and an admin's edit is never
 * overwritten; deliberate changes go through `cchc config import`.
 *
 * A failing seed fails the deployment (the Trigger invokes synchronously and
 * reports the function's error to CloudFormation), which is why the function
 * has no Errors alarm: the person deploying sees the failure there and then.
 */
export class Seed extends Construct {
  readonly handler: LambdaFunction;
  readonly trigger: triggers.Trigger;
  /** The Trigger provider's own log group (CDK creates none; Lambda's implicit one would keep logs for ever). */
  readonly providerLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SeedProps) {
    super(scope, id);
    const file = join(props.projectRoot, SEED_CONFIG_FILE);
    const text = readFileSync(file, 'utf8');
    // A bad file fails the synth, not the deploy halfway through.
    try {
      parseConfig(JSON.parse(text));
    } catch (error) {
      throw new Error(`${SEED_CONFIG_FILE}: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
    }

    this.handler = new LambdaFunction(this, 'Handler', {
      projectRoot: props.projectRoot,
      definition: props.function,
      resources: { table: props.table, bucket: props.bucket, queues: {} },
      logRetention: props.logRetention,
    });

    this.trigger = new triggers.Trigger(this, 'Trigger', {
      handler: this.handler.function,
      // The table, and the function with its role and grants (the role's policy is a resource of its own).
      executeAfter: [props.table, this.handler],
      // The trigger names the function's current version, which changes with its code or configuration.
      executeOnHandlerChange: true,
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      // How long the provider waits for the answer: the function's own limit and a margin.
      timeout: Duration.seconds(props.function.timeoutSeconds + 30),
    });
    // CDK retains replaced versions by default; each would keep a copy of the bundle. The trigger needs the current one only.
    this.handler.function.currentVersion.applyRemovalPolicy(RemovalPolicy.DESTROY);
    // The file's hash as a property: a changed file updates the custom resource, and an update runs the seed.
    const resource = this.trigger.node.defaultChild as Construct;
    (resource.node.defaultChild as CfnResource).addPropertyOverride(CONFIG_HASH_PROPERTY, createHash('sha256').update(text).digest('hex'));

    this.providerLogGroup = this.fitProvider(props.logRetention);
  }

  /**
   * CDK's Trigger provider is a bare CustomResourceProvider: a function with
   * Lambda's implicit log group (no retention) and a role with the
   * AWSLambdaBasicExecutionRole managed policy (create and write any log group
   * of the account). Both are replaced, as for our own functions
   * (lambda-function.ts): an explicit, retained log group with a retention, and
   * permission to write to that group only.
   */
  private fitProvider(retention: logs.RetentionDays): logs.LogGroup {
    const provider = Stack.of(this).node.findChild(TRIGGER_PROVIDER_ID) as CustomResourceProviderBase;
    const providerFunction = provider.node.findChild('Handler') as CfnResource;
    const providerRole = provider.node.findChild('Role') as CfnResource;
    const logGroup = new logs.LogGroup(this, 'TriggerProviderLogGroup', { retention, removalPolicy: RemovalPolicy.RETAIN });
    providerFunction.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName });
    providerRole.addPropertyDeletionOverride('ManagedPolicyArns');
    provider.addToRolePolicy({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logGroup.logGroupArn });
    const functionId = Stack.of(this).resolve((this.handler.function.node.defaultChild as CfnResource).logicalId) as string;
    Validations.of(providerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        'The Trigger invokes the config-seed function by its current version, whose ARN (<function>:<version>) is created on ' +
        'each change; the grant covers the versions of that one function and no other (test/infra/least-privilege.test.ts)',
    });
    return logGroup;
  }
}
