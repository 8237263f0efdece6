import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../../shared/schedules';
import type {
  FunctionDefinition,
  FunctionName,
  QueueDefinition,
  QueueName,
  ScheduledEvent,
} from '../definitions/functions';
import { LambdaFunction } from './lambda-function';

export interface CollectionProps {
  readonly projectRoot: string;
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  /** The functions of the collection stage (dispatcher, collector, article). */
  readonly functions: readonly FunctionDefinition[];
  /** The queues between them; each consumer must be one of `functions`. */
  readonly queues: readonly QueueDefinition[];
  /** The schedules whose target is one of `functions`. */
  readonly schedules: readonly ScheduleDefinition[];
  /** The desks configuration as JSON (`CCHC_DESKS`), for the functions that route stories. */
  readonly desksJson: string;
  readonly logRetention: logs.RetentionDays;
}

/** Scheduler gives up on delivering a tick after this many retries. */
const SCHEDULE_RETRY_ATTEMPTS = 2;
/** Scheduler's own bounds on a tick's maximum age. */
const MAX_EVENT_AGE_MINUTES = { min: 1, max: 24 * 60 };

/**
 * The collection stage: EventBridge Scheduler → dispatcher → SQS FIFO
 * (message group = host) → collector → SQS → article, each queue with a
 * dead-letter queue so a poison message stops there instead of looping.
 */
export class Collection extends Construct {
  readonly functions: Readonly<Partial<Record<FunctionName, LambdaFunction>>>;
  readonly queues: Readonly<Partial<Record<QueueName, sqs.Queue>>>;
  readonly deadLetterQueues: Readonly<Partial<Record<QueueName, sqs.Queue>>>;

  constructor(scope: Construct, id: string, props: CollectionProps) {
    super(scope, id);
    const functionsByName = new Map(props.functions.map((d) => [d.name, d]));

    const queues: Partial<Record<QueueName, sqs.Queue>> = {};
    const deadLetterQueues: Partial<Record<QueueName, sqs.Queue>> = {};
    for (const definition of props.queues) {
      const { queue, deadLetterQueue } = this.makeQueue(definition);
      queues[definition.name] = queue;
      deadLetterQueues[definition.name] = deadLetterQueue;
    }

    const functions: Partial<Record<FunctionName, LambdaFunction>> = {};
    for (const definition of props.functions) {
      functions[definition.name] = new LambdaFunction(this, pascalCase(definition.name), {
        projectRoot: props.projectRoot,
        definition,
        resources: { table: props.table, bucket: props.bucket, queues, desksJson: props.desksJson },
        logRetention: props.logRetention,
      });
    }

    for (const definition of props.queues) {
      const consumer = functions[definition.consumer];
      if (!consumer || !functionsByName.has(definition.consumer)) {
        throw new Error(`queue ${definition.name} is consumed by ${definition.consumer}, which is not a collection function`);
      }
      consumer.function.addEventSource(
        new SqsEventSource(queues[definition.name]!, {
          batchSize: definition.batchSize,
          maxConcurrency: definition.maxConcurrency,
          // Handlers report failed records; the rest of the batch is deleted.
          reportBatchItemFailures: true,
        }),
      );
    }

    for (const schedule of props.schedules) {
      const target = functions[schedule.target as FunctionName];
      if (!target) {
        throw new Error(`schedule ${schedule.id} targets ${schedule.target}, which is not a collection function`);
      }
      this.makeSchedule(schedule, target);
    }

    this.functions = functions;
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;
  }

  private makeQueue(definition: QueueDefinition): { queue: sqs.Queue; deadLetterQueue: sqs.Queue } {
    const name = pascalCase(definition.name);
    // A FIFO queue's dead-letter queue must be FIFO as well.
    const fifo = definition.fifo ? { fifo: true } : {};
    const deadLetterQueue = new sqs.Queue(this, `${name}DeadLetterQueue`, {
      ...fifo,
      retentionPeriod: Duration.days(definition.deadLetterRetentionDays),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const queue = new sqs.Queue(this, `${name}Queue`, {
      ...fifo,
      // The dispatcher may set its own MessageDeduplicationId; without one,
      // an identical message sent again within five minutes is dropped.
      ...(definition.fifo ? { contentBasedDeduplication: true } : {}),
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    return { queue, deadLetterQueue };
  }

  private makeSchedule(definition: ScheduleDefinition, target: LambdaFunction): void {
    addSchedule(this, definition, target);
  }
}

/** Construct id of the stack's one dead-letter queue for schedule ticks. */
const SCHEDULE_DEAD_LETTER_QUEUE_ID = 'ScheduleDeadLetterQueue';

/**
 * The stack's dead-letter queue for every schedule: a tick Scheduler could
 * not deliver after its retries (the function throttled, deleted, or its
 * invoke permission broken) lands here instead of vanishing, and the alarms
 * watch it like the pipeline's other dead-letter queues. One per stack,
 * created by the first schedule.
 */
export function scheduleDeadLetterQueue(scope: Construct): sqs.Queue {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(SCHEDULE_DEAD_LETTER_QUEUE_ID);
  if (existing) return existing as sqs.Queue;
  const queue = new sqs.Queue(stack, SCHEDULE_DEAD_LETTER_QUEUE_ID, {
    retentionPeriod: Duration.days(14),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself a dead-letter queue (EventBridge Scheduler’s, for undeliverable ticks); nothing consumes it, its alarm tells a person to look',
  });
  return queue;
}

/**
 * The role Scheduler assumes to invoke one function: one per function (two
 * schedules may share a target), assumable only by Scheduler for this
 * account's default schedule group — the same trust the L2 target would
 * give its own role, but a role that lives beside its function, where its
 * cdk-nag acknowledgement can name it.
 */
function schedulerRoleFor(target: LambdaFunction): iam.Role {
  const existing = target.node.tryFindChild('SchedulerRole');
  if (existing) return existing as iam.Role;
  const stack = Stack.of(target);
  const role = new iam.Role(target, 'SchedulerRole', {
    description: 'Lets EventBridge Scheduler invoke this function (and send undeliverable ticks to the schedules dead-letter queue)',
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
        },
      },
    }),
  });
  const functionId = stack.resolve((target.function.node.defaultChild as lambda.CfnFunction).logicalId) as string;
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
    reason:
      'The Scheduler target grants lambda:InvokeFunction on this one function and its qualified ARNs (versions, aliases); ' +
      'no other function, and only Scheduler of this account may assume the role',
  });
  return role;
}

/**
 * An EventBridge Scheduler schedule that invokes `target` with a
 * {@link ScheduledEvent}, in the definition's time zone (also used by the
 * reminders construct).
 */
export function addSchedule(scope: Construct, definition: ScheduleDefinition, target: LambdaFunction): scheduler.Schedule {
  const input: ScheduledEvent = {
    schedule: definition.id,
    scheduledTime: scheduler.ContextAttribute.scheduledTime,
  };
  // A tick older than one interval is superseded by the next one.
  const maxEventAgeMinutes = Math.min(
    Math.max(definition.intervalMinutes, MAX_EVENT_AGE_MINUTES.min),
    MAX_EVENT_AGE_MINUTES.max,
  );
  return new scheduler.Schedule(scope, `${pascalCase(definition.id)}Schedule`, {
    description: definition.description,
    schedule: scheduler.ScheduleExpression.expression(definition.awsExpression, TimeZone.of(definition.timeZone)),
    // Scheduler alone may assume the role, which may only invoke this
    // function and send to the schedules' dead-letter queue.
    target: new targets.LambdaInvoke(target.function, {
      role: schedulerRoleFor(target),
      deadLetterQueue: scheduleDeadLetterQueue(scope),
      input: scheduler.ScheduleTargetInput.fromObject(input),
      retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
      maxEventAge: Duration.minutes(maxEventAgeMinutes),
    }),
  });
}

/** `collect-source` → `CollectSource`, for construct ids. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
