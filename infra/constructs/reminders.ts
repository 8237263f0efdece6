import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { allowSendingAs } from './mail-permissions';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { Environment } from '../../shared/env';
import type { ScheduleDefinition } from '../../shared/schedules';
import type { MailContext } from '../config';
import type { FunctionDefinition } from '../definitions/functions';
import { addSchedule } from './collection';
import { LambdaFunction } from './lambda-function';

export interface RemindersProps {
  readonly projectRoot: string;
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  /** The reminders function's definition. */
  readonly function: FunctionDefinition;
  /** Its daily schedule (`REMINDERS_SCHEDULE`). */
  readonly schedule: ScheduleDefinition;
  /** The `cchc:mail` context: the sender identity and Sở Nội vụ's addresses. */
  readonly mail: MailContext;
  /** Days before a quarter ends (the configuration's `compliance.reminderDays`). */
  readonly reminderDays: readonly number[];
  /** The product's base URL for links in e-mails (the HTTP API's). */
  readonly appUrl: string;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The reminders: EventBridge Scheduler (daily, Vietnam time) → the reminders
 * function → SES. The sender address is an SES email identity of the stack
 * (SES e-mails it a verification link on deploy); the function may send
 * only as that identity, and from that address only.
 */
export class Reminders extends Construct {
  readonly handler: LambdaFunction;
  readonly identity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    this.handler = new LambdaFunction(this, 'Handler', {
      projectRoot: props.projectRoot,
      definition: props.function,
      resources: { table: props.table, bucket: props.bucket, queues: {} },
      logRetention: props.logRetention,
    });
    const fn = this.handler.function;

    this.identity = new ses.EmailIdentity(this, 'SenderIdentity', { identity: ses.Identity.email(props.mail.sender) });
    allowSendingAs(fn, this.identity, props.mail.sender);

    const set = (name: keyof Environment, value: string) => fn.addEnvironment(name, value);
    set('CCHC_MAIL_SENDER', props.mail.sender);
    set('CCHC_HOME_AFFAIRS_EMAILS', props.mail.homeAffairs.join(','));
    set('CCHC_REMINDER_DAYS', props.reminderDays.join(','));
    set('CCHC_APP_URL', props.appUrl);

    addSchedule(this, props.schedule, this.handler);
  }
}
