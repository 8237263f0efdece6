import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** A key attribute as `shared/store/table.ts` spells it. */
export interface KeyAttributeDefinition {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** The shape of `TABLE_DEFINITION` (the stack passes that constant). */
export interface TableDefinition {
  readonly partitionKey: KeyAttributeDefinition;
  readonly sortKey?: KeyAttributeDefinition;
  readonly globalSecondaryIndexes: readonly {
    readonly indexName: string;
    readonly partitionKey: KeyAttributeDefinition;
    readonly sortKey?: KeyAttributeDefinition;
  }[];
  readonly timeToLiveAttribute?: string;
}

/** The shape of `BUCKET_DEFINITION` (the stack passes that constant). */
export interface BucketDefinition {
  readonly rawPrefix: string;
  readonly rawInfrequentAccessAfterDays: number;
  readonly versioned: boolean;
}

export interface StorageProps {
  readonly table: TableDefinition;
  readonly bucket: BucketDefinition;
}

/**
 * Logical ids of the stateful resources, pinned so that moving or renaming
 * constructs can never make CloudFormation replace (and so empty) them.
 */
export const STORAGE_LOGICAL_IDS = {
  table: 'StoriesTable',
  bucket: 'SnapshotBucket',
} as const;

/**
 * How long an overwritten or deleted object's old version is kept. Versioning
 * is there to undo an accident (a bad deploy overwriting the archive, a
 * deleted attachment); a month is enough to notice one, and without an end
 * every overwrite and delete would be billed for ever.
 */
export const NONCURRENT_VERSION_EXPIRATION_DAYS = 30;

const attributeTypes: Record<KeyAttributeDefinition['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

const toAttribute = (key: KeyAttributeDefinition): dynamodb.Attribute => ({
  name: key.name,
  type: attributeTypes[key.type],
});

/**
 * The product's state: the one DynamoDB table and the one S3 bucket, both
 * built from the definitions the local runtime also uses, both kept when the
 * stack is deleted or a change would replace them.
 */
export class Storage extends Construct {
  readonly table: dynamodb.Table;
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: toAttribute(props.table.partitionKey),
      sortKey: props.table.sortKey && toAttribute(props.table.sortKey),
      timeToLiveAttribute: props.table.timeToLiveAttribute,
      // On demand: traffic is a burst every 30 minutes and a few editors.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of props.table.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: toAttribute(index.partitionKey),
        sortKey: index.sortKey && toAttribute(index.sortKey),
        // Same projection as createTableInput() uses locally.
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    (this.table.node.defaultChild as dynamodb.CfnTable).overrideLogicalId(STORAGE_LOGICAL_IDS.table);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      versioned: props.bucket.versioned,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Denies any request without TLS (aws:SecureTransport false) or older than TLS 1.2.
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [
        {
          id: 'raw-to-infrequent-access',
          prefix: props.bucket.rawPrefix,
          transitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(props.bucket.rawInfrequentAccessAfterDays),
            },
          ],
        },
        {
          // Interrupted uploads are invisible but billed; nothing resumes them.
          id: 'abort-incomplete-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          id: 'expire-old-versions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_EXPIRATION_DAYS),
          // A delete marker with no versions left behind it is clutter.
          expiredObjectDeleteMarker: true,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
    });
    (this.bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId(STORAGE_LOGICAL_IDS.bucket);
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket is private (public access blocked, TLS only) and reached only by the stack’s function roles, each ' +
        'limited to one prefix, and by presigned POSTs the api function signs for a signed-in agency user (and records in ' +
        'the submission); server access logs would need a second retained bucket for a trail those already give. ' +
        'CloudTrail data events can be enabled for the bucket if an audit asks for object-level records',
    });
  }
}
