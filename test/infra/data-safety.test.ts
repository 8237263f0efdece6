/**
 * Data safety and hidden costs in the synthesized template: the stateful
 * resources keep their logical ids and are retained, versions expire,
 * every log is bounded, and nothing bills by the hour.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ALARM_TOPIC_LOGICAL_ID } from '../../infra/constructs/alarms';
import { USER_POOL_LOGICAL_ID } from '../../infra/constructs/auth';
import { NONCURRENT_VERSION_EXPIRATION_DAYS, STORAGE_LOGICAL_IDS } from '../../infra/constructs/storage';
import { BUCKET_DEFINITION } from '../../shared/store/bucket';
import { synthesizeForFile } from './synthesize';

type Json = Record<string, any>;

let template: Template;
let resources: Record<string, Json>;
synthesizeForFile((synthesized) => {
  template = synthesized;
  resources = template.toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('the stateful resources', () => {
  // A change of logical id is a replacement: CloudFormation creates a new,
  // empty resource. These ids must never change.
  const PINNED = {
    [STORAGE_LOGICAL_IDS.table]: 'AWS::DynamoDB::Table',
    [STORAGE_LOGICAL_IDS.bucket]: 'AWS::S3::Bucket',
    [USER_POOL_LOGICAL_ID]: 'AWS::Cognito::UserPool',
  };

  it('keep their pinned logical ids', () => {
    expect(STORAGE_LOGICAL_IDS).toEqual({ table: 'StoriesTable', bucket: 'SnapshotBucket' });
    expect(USER_POOL_LOGICAL_ID).toBe('AuthUserPool8115E87F');
    for (const [id, type] of Object.entries(PINNED)) expect(resources[id]?.Type, id).toBe(type);
    for (const type of Object.values(PINNED)) expect(ofType(type), type).toHaveLength(1);
  });

  it.each(['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Cognito::UserPool', 'AWS::Logs::LogGroup'])(
    'of type %s are retained on deletion and on replacement',
    (type) => {
      const found = ofType(type);
      expect(found.length).toBeGreaterThan(0);
      for (const [id, resource] of found) {
        expect(resource.DeletionPolicy, id).toBe('Retain');
        expect(resource.UpdateReplacePolicy, id).toBe('Retain');
      }
    },
  );

  it('are protected against deletion in the console too (table, user pool)', () => {
    expect(resources[STORAGE_LOGICAL_IDS.table]!.Properties.DeletionProtectionEnabled).toBe(true);
    expect(resources[USER_POOL_LOGICAL_ID]!.Properties.DeletionProtection).toBe('ACTIVE');
    expect(resources[STORAGE_LOGICAL_IDS.table]!.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('include the alarm topic under a pinned id (its confirmed subscription would be lost with it), not retained: it holds no data', () => {
    expect(resources[ALARM_TOPIC_LOGICAL_ID]!.Type).toBe('AWS::SNS::Topic');
    expect(resources[ALARM_TOPIC_LOGICAL_ID]!.DeletionPolicy).toBeUndefined();
  });
});

describe('the bucket lifecycle', () => {
  const rules = () => resources[STORAGE_LOGICAL_IDS.bucket]!.Properties.LifecycleConfiguration.Rules as Json[];

  it('is versioned, and expires old versions so that versioning does not grow for ever', () => {
    expect(resources[STORAGE_LOGICAL_IDS.bucket]!.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rule = rules().find((r) => r.Id === 'expire-old-versions')!;
    expect(rule).toMatchObject({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_EXPIRATION_DAYS }, ExpiredObjectDeleteMarker: true });
    // The whole bucket: no prefix.
    expect(rule.Prefix).toBeUndefined();
    expect(NONCURRENT_VERSION_EXPIRATION_DAYS).toBe(30);
  });

  it('moves raw snapshots to infrequent access and aborts abandoned multipart uploads', () => {
    expect(rules().find((r) => r.Id === 'raw-to-infrequent-access')).toMatchObject({
      Prefix: BUCKET_DEFINITION.rawPrefix,
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: BUCKET_DEFINITION.rawInfrequentAccessAfterDays }],
    });
    expect(rules().find((r) => r.Id === 'abort-incomplete-uploads')).toMatchObject({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } });
  });

  it('never expires current objects (accepted attachments live under uploads/ with the refused ones)', () => {
    for (const rule of rules()) expect(rule.ExpirationInDays, rule.Id).toBeUndefined();
  });
});

describe('no hidden costs', () => {
  it('has no VPC, NAT gateway, EC2 instance, load balancer or elastic IP', () => {
    const hourly = Object.values(resources).filter((r) => /^AWS::(EC2|ElasticLoadBalancing|ElasticLoadBalancingV2)::/.test(r.Type));
    expect(hourly.map((r) => r.Type)).toEqual([]);
    for (const fn of ofType('AWS::Lambda::Function')) expect(fn[1].Properties.VpcConfig, fn[0]).toBeUndefined();
  });

  it('bounds every log group with a retention, and has no Custom::LogRetention helper', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    // One per function (CDK's Trigger provider included: infra/constructs/seed.ts gives it one), plus the HTTP API's access log.
    expect(groups.length).toBe(ofType('AWS::Lambda::Function').length + 1);
    for (const [id, group] of groups) expect(group.Properties.RetentionInDays, id).toBe(30);
    expect(ofType('Custom::LogRetention')).toEqual([]);
    // The only custom resource: the deploy-time seed's Trigger.
    const custom = Object.values(resources).filter((r) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource');
    expect(custom.map((r) => r.Type)).toEqual(['Custom::Trigger']);
  });

  it('logs HTTP API access to a retained, bounded log group, without headers or query strings', () => {
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    const groupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[groupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', Properties: { RetentionInDays: 30 } });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format.requestId).toBe('$context.requestId');
    expect(Object.values(format).filter((v) => /header|querystring|authorizer/i.test(String(v)))).toEqual([]);
  });

  it('pays for no KMS key ($1 a month each) and no provisioned capacity', () => {
    expect(ofType('AWS::KMS::Key')).toHaveLength(0);
    expect(resources[STORAGE_LOGICAL_IDS.table]!.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    for (const [id, fn] of ofType('AWS::Lambda::Function')) expect(fn.Properties.ProvisionedConcurrencyConfig, id).toBeUndefined();
    // One version, the one the seed's Trigger invokes: no provisioned concurrency, and deleted when replaced.
    const versions = ofType('AWS::Lambda::Version');
    expect(versions).toHaveLength(1);
    expect(versions[0]![1]).toMatchObject({ DeletionPolicy: 'Delete' });
    expect(versions[0]![1].Properties.ProvisionedConcurrencyConfig).toBeUndefined();
    expect(ofType('AWS::Lambda::Alias')).toEqual([]);
  });
});
