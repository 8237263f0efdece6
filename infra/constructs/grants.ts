import { Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { TableAccess } from '../definitions/functions';

/**
 * The grants of the functions, spelled out action by action instead of
 * CDK's `grantReadData` / `grantPut` / `grantRead`, which add wildcards
 * (`s3:GetObject*`, `s3:List*`, `s3:Abort*`, `dynamodb:Scan`, stream reads,
 * every index `index/*`) that no handler needs. test/infra/least-privilege.test.ts
 * pins the result for every function.
 */

/**
 * What the handlers call (no Scan anywhere: access patterns are Query and
 * Get, see shared/store/table.ts). ConditionCheckItem is the read half of a
 * transaction's condition; TransactGet/WriteItems need no action of their
 * own, only those of their parts.
 */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'] as const;

/** Writes are single items or transactions of them; nothing uses BatchWriteItem. */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;

/**
 * The table's own ARN and one ARN per global secondary index it has, by
 * name — narrower than CDK's `<table>/index/*`, which would also cover an
 * index added later without review.
 */
export function tableArns(table: dynamodb.ITable): string[] {
  if (!(table instanceof dynamodb.Table)) {
    throw new Error('function grants need the stack’s own table (its indexes are read from its definition)');
  }
  const cfn = table.node.defaultChild as dynamodb.CfnTable;
  // The L2 table renders its indexes lazily; resolving now yields the ones
  // added so far (Storage adds every index in its constructor).
  const indexes = (Stack.of(table).resolve(cfn.globalSecondaryIndexes) ?? []) as { indexName: string }[];
  return [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index.indexName}`)];
}

/** Read (and, for `readWrite`, item writes) on the table and its indexes. */
export function grantTable(grantee: iam.IGrantable, table: dynamodb.ITable, access: TableAccess): void {
  const actions = access === 'read' ? [...TABLE_READ_ACTIONS] : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: tableArns(table) }));
}

/** `s3:PutObject` under one prefix: writers store whole objects with one PUT (≤ a few MB). */
export function grantObjectPut(grantee: iam.IGrantable, bucket: s3.IBucket, prefix: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }),
  );
}

/**
 * `s3:GetObject` (GET and HEAD) under one prefix, and `s3:ListBucket` on the
 * bucket. The list permission is what makes S3 answer a missing key with
 * 404 rather than 403: the readers treat "not there" as an answer (an
 * attachment not uploaded yet, a digest not archived yet), not as an error.
 * It cannot be narrowed by an `s3:prefix` condition, since GET and HEAD of
 * an object carry no prefix; it reveals key names, never contents.
 */
export function grantObjectRead(grantee: iam.IGrantable, bucket: s3.IBucket, prefix: string): void {
  const principal = grantee.grantPrincipal;
  principal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }));
  principal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
}

/** `s3:DeleteObject` under one prefix (in a versioned bucket: a delete marker, never a version). */
export function grantObjectDelete(grantee: iam.IGrantable, bucket: s3.IBucket, prefix: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }),
  );
}

/**
 * `sqs:SendMessage` on one queue (SendMessageBatch needs the same action).
 * Not GetQueueUrl or GetQueueAttributes: the URL arrives in the environment.
 * The queues use SQS-managed encryption, so no KMS permission either.
 */
export function grantSend(grantee: iam.IGrantable, queue: sqs.IQueue): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
}

/**
 * Acknowledges cdk-nag's finding on `<bucket>/<prefix>*`: a wildcard after a
 * fixed prefix is the narrowest grant for keys created at run time.
 */
export function acknowledgePrefix(role: iam.IRole, bucket: s3.IBucket, prefix: string, why: string): void {
  const bucketId = Stack.of(bucket).resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
    reason: `The function ${why}; the grant is limited to the ${prefix} prefix of the one bucket, the least that works`,
  });
}
