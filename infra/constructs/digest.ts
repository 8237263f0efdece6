import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { allowSendingAs } from './mail-permissions';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Environment } from '../../shared/env';
import { DIGESTS_PREFIX } from '../../shared/digest/archive';
import type { ScheduleDefinition } from '../../shared/schedules';
import type { FunctionDefinition } from '../definitions/functions';
import { addSchedule } from './collection';
import { acknowledgePrefix, grantObjectRead } from './grants';
import { LambdaFunction } from './lambda-function';

export interface DigestProps {
  readonly projectRoot: string;
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  readonly function: FunctionDefinition;
  /**
   * Every schedule whose target is the digest function: `DIGEST_SCHEDULE`
   * (the send, Mondays 07:00 Asia/Ho_Chi_Minh) and the Monday 08:00 check
   * that emits DigestOverdue (id `digest-check`). The function tells them
   * apart by the event's `schedule` field.
   */
  readonly schedules: readonly ScheduleDefinition[];
  /** The sender address and its SES identity (the reminders construct's). */
  readonly sender: string;
  readonly identity: ses.IEmailIdentity;
  /** The configuration's `digest.recipients`: listed addresses, and roles whose Cognito groups are read at each run. */
  readonly recipients: { readonly emails: readonly string[]; readonly roles: readonly string[] };
  readonly desksJson: string;
  /** The product's base URL, for the unsubscribe and archive links. */
  readonly appUrl: string;
  /** Functions that show the archive (the api): read on `digests/*` only. */
  readonly readers: readonly LambdaFunction[];
  readonly logRetention: logs.RetentionDays;
}

/**
 * The weekly digest: EventBridge Scheduler (Mondays 07:00, Vietnam time) →
 * the digest function → S3 archive (`digests/*` only) and SES (as the
 * sender identity only).
 */
export class Digest extends Construct {
  readonly handler: LambdaFunction;

  constructor(scope: Construct, id: string, props: DigestProps) {
    super(scope, id);
    this.handler = new LambdaFunction(this, 'Handler', {
      projectRoot: props.projectRoot,
      definition: props.function,
      resources: { table: props.table, bucket: props.bucket, queues: {}, desksJson: props.desksJson },
      logRetention: props.logRetention,
    });
    const fn = this.handler.function;
    const why = 'reads archived digests, keyed by ISO week (digests/<week>/digest.html|json), weeks known only at run time';
    for (const reader of [this.handler, ...props.readers]) {
      grantObjectRead(reader.function, props.bucket, DIGESTS_PREFIX);
      acknowledgePrefix(reader.role, props.bucket, DIGESTS_PREFIX, why);
    }
    for (const reader of props.readers) reader.function.addEnvironment('BUCKET_NAME', props.bucket.bucketName);
    allowSendingAs(fn, props.identity, props.sender);
    const set = (name: keyof Environment, value: string) => fn.addEnvironment(name, value);
    set('CCHC_MAIL_SENDER', props.sender);
    set('CCHC_DIGEST_EMAILS', props.recipients.emails.join(','));
    set('CCHC_DIGEST_ROLES', props.recipients.roles.join(','));
    set('CCHC_APP_URL', props.appUrl);
    for (const schedule of props.schedules) addSchedule(this, schedule, this.handler);
  }

  /** Lets the function list the members of the pool's role groups (that one call, on that pool). */
  useUserPool(userPool: cognito.IUserPool): void {
    this.handler.function.addEnvironment('CCHC_COGNITO_USER_POOL_ID', userPool.userPoolId);
    userPool.grant(this.handler.function, 'cognito-idp:ListUsersInGroup');
  }
}
