import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { allowSendingAs } from '../constructs/mail-permissions';
import type { Construct } from 'constructs';
import { DIGEST_SCHEDULE, REMINDERS_SCHEDULE, SCHEDULES } from '../../shared/schedules';
import { BUCKET_DEFINITION } from '../../shared/store/bucket';
import { TABLE_DEFINITION } from '../../shared/store/table';
import { readAlarmsConfig, readAuthConfig, readComplianceConfig, readDesksJson, readDigestRecipients, readMailConfig } from '../config';
import { Alarms } from '../constructs/alarms';
import { Api } from '../constructs/api';
import { Auth } from '../constructs/auth';
import { Collection, scheduleDeadLetterQueue } from '../constructs/collection';
import { Digest } from '../constructs/digest';
import { Reminders } from '../constructs/reminders';
import { Seed } from '../constructs/seed';
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
    const mailConfig = readMailConfig(this.node);
    const alarmsConfig = readAlarmsConfig(this.node);
    const compliance = readComplianceConfig(props.configFile ?? join(props.projectRoot, 'config', 'agencies.json'));
    const reminderDays = compliance.reminderDays;
    const desksJson = readDesksJson(props.configFile ?? join(props.projectRoot, 'config', 'agencies.json'));
    const common = { projectRoot: props.projectRoot, logRetention: LOG_RETENTION, desksJson };

    const storage = new Storage(this, 'Storage', { table: TABLE_DEFINITION, bucket: BUCKET_DEFINITION });

    // Fail the synth rather than silently drop a schedule whose target no
    // construct of this stack builds yet.
    const collectionSchedules = SCHEDULES.filter((s) => COLLECTION_FUNCTIONS.includes(s.target as FunctionName));
    // The digest function's schedules: the Monday send and its 08:00 check.
    const digestSchedules = SCHEDULES.filter((s) => s.target === DIGEST_SCHEDULE.target);
    const unrouted = SCHEDULES.filter((s) => !collectionSchedules.includes(s) && s !== REMINDERS_SCHEDULE && !digestSchedules.includes(s));
    if (unrouted.length > 0) {
      throw new Error(`no construct builds the target of schedule(s): ${unrouted.map((s) => `${s.id} → ${s.target}`).join(', ')}`);
    }

    const collection = new Collection(this, 'Collection', {
      ...common,
      table: storage.table,
      bucket: storage.bucket,
      functions: COLLECTION_FUNCTIONS.map((name) => FUNCTIONS[name]),
      queues: [QUEUES.collect, QUEUES.article],
      schedules: collectionSchedules,
    });

    const api = new Api(this, 'Api', {
      ...common,
      table: storage.table,
      bucket: storage.bucket,
      function: FUNCTIONS[HTTP_API.function],
      exportsFunction: FUNCTIONS.exports,
      sourcePreviewFunction: FUNCTIONS['source-preview'],
      payloadFormatVersion: HTTP_API.payloadFormatVersion,
    });

    const reminders = new Reminders(this, 'Reminders', {
      projectRoot: props.projectRoot,
      logRetention: LOG_RETENTION,
      table: storage.table,
      bucket: storage.bucket,
      function: FUNCTIONS[REMINDERS_SCHEDULE.target as FunctionName],
      schedule: REMINDERS_SCHEDULE,
      mail: mailConfig,
      reminderDays,
      appUrl: api.url,
    });

    const digest = new Digest(this, 'Digest', {
      ...common,
      table: storage.table,
      bucket: storage.bucket,
      function: FUNCTIONS[DIGEST_SCHEDULE.target as FunctionName],
      schedules: digestSchedules,
      sender: mailConfig.sender,
      identity: reminders.identity,
      recipients: readDigestRecipients(props.configFile ?? join(props.projectRoot, 'config', 'agencies.json')),
      appUrl: api.url,
      readers: [api.handler],
    });

    // Receipts of direct submissions: the api function sends as the same identity, from the same address only.
    allowSendingAs(api.handler.function, reminders.identity, mailConfig.sender);
    api.handler.function.addEnvironment('CCHC_MAIL_SENDER', mailConfig.sender);
    api.handler.function.addEnvironment('CCHC_APP_URL', api.url);
    api.handler.function.addEnvironment('CCHC_YEARLY_TARGET', String(compliance.yearlyTarget));

    const auth = new Auth(this, 'Auth', { config: authConfig, apiBaseUrl: api.url });
    api.useSignIn({ userPoolId: auth.userPool.userPoolId, clientId: auth.client.userPoolClientId, domainUrl: auth.domainUrl });
    // The /users screens (issue 8) manage the pool's users and their groups; nothing else in the pool.
    auth.userPool.grant(
      api.handler.function,
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminResetUserPassword',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:ListUsersInGroup',
    );

    // The digest reads its role recipients from the pool's groups at each run, so users invited on /users get it.
    digest.useUserPool(auth.userPool);

    // Agencies and sources the table lacks, from config/agencies.json, on deploy (issue 8). No alarm for it below:
    // a failing seed fails the deployment itself, in front of the person deploying.
    new Seed(this, 'Seed', { projectRoot: props.projectRoot, logRetention: LOG_RETENTION, table: storage.table, bucket: storage.bucket, function: FUNCTIONS['config-seed'] });

    const alarms = new Alarms(this, 'Alarms', {
      config: alarmsConfig,
      functions: {
        ...collection.functions,
        api: api.handler,
        ...(api.exportsHandler ? { exports: api.exportsHandler } : {}),
        ...(api.sourcePreviewHandler ? { 'source-preview': api.sourcePreviewHandler } : {}),
        reminders: reminders.handler,
        digest: digest.handler,
      },
      deadLetterQueues: { ...collection.deadLetterQueues, schedules: scheduleDeadLetterQueue(this) },
      collector: 'collect-source',
      digest: DIGEST_SCHEDULE.target as FunctionName,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'The HTTP API (pages and JSON)' });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId, description: 'Cognito user pool of the editors' });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId, description: 'App client of the web UI' });
    new CfnOutput(this, 'SignInDomainUrl', { value: auth.domainUrl, description: 'Cognito sign-in domain (managed login)' });
    new CfnOutput(this, 'TableName', { value: storage.table.tableName });
    new CfnOutput(this, 'BucketName', { value: storage.bucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'SNS topic of the alarms (e-mails cchc:alarms)' });
  }
}
