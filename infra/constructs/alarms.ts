import { Annotations, ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE, METRICS, type MetricName } from '../../shared/observability/metric-names';
import type { AlarmsConfig } from '../config';
import type { FunctionName } from '../definitions/functions';
import { pascalCase } from './collection';
import type { LambdaFunction } from './lambda-function';

/**
 * Above this share of failed polls in an hour something systemic is wrong
 * (our address blocked, DNS, a fetch or extraction bug), not one agency's
 * site: a few broken sites are normal (the demo has 2 of 16 broken for
 * good) and show on /sources, and a failing source backs off, so it weighs
 * less and less in the hour's polls.
 */
export const SOURCE_FAILURE_RATE_THRESHOLD = 0.5;

/** Fewer polls than this in an hour say nothing about a rate (1 failure of 1 is not 100% broken). */
export const SOURCE_FAILURE_MIN_POLLS = 10;

/** How an Errors alarm judges its metric: any error in 5 minutes. */
const ERRORS_ALARM = {
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  threshold: 0,
  evaluationPeriods: 1,
  // No invocations, no errors.
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

/** The alarm topic's logical id, pinned so its confirmed e-mail subscription survives refactoring. */
export const ALARM_TOPIC_LOGICAL_ID = 'AlarmTopic';

/** Synth warning id when `cchc:alarms` names nobody (acknowledge as `Annotation::cchc-alarms-no-subscriber`). */
export const NO_SUBSCRIBER_WARNING = 'cchc-alarms-no-subscriber';

export interface AlarmsProps {
  /** `cchc:alarms` from the context, validated (infra/config.ts). */
  readonly config: AlarmsConfig;
  /** Every function of the stack, by name: each gets an Errors alarm when `errorsPerFunction` is set. */
  readonly functions: Readonly<Partial<Record<FunctionName, LambdaFunction>>>;
  /** Every dead-letter queue, by a short name for the alarm's id. */
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
  /** The function that emits SourcesFailed, 1 or 0 a poll (`service` dimension). */
  readonly collector: FunctionName;
  /** The function that emits DigestOverdue from its Monday 08:00 check. */
  readonly digest: FunctionName;
}

/**
 * What wakes a person: an SNS topic (TLS only) that e-mails the
 * `cchc:alarms` address, and alarms on it for every dead-letter queue that
 * holds a message, every function that threw, a source failure rate above
 * {@link SOURCE_FAILURE_RATE_THRESHOLD}, and a weekly digest not sent by
 * Monday 08:00. Alarm e-mails only (no OK e-mails): each alarm says what to
 * look at.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const cloudwatchPrincipal = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'CCHC pipeline alarms',
      // Denies publishing and subscribing without TLS.
      enforceSSL: true,
    });
    (this.topic.node.defaultChild as sns.CfnTopic).overrideLogicalId(ALARM_TOPIC_LOGICAL_ID);
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'The topic carries alarm names and states only, no personal or agency data, and only over TLS (enforceSSL). ' +
        'CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, so encryption at rest would ' +
        'need a customer-managed KMS key: $1.00 a month, a fifth of the stack’s $5 budget (README: Cost), to protect ' +
        'messages that live seconds',
    });
    // The topic policy replaces SNS's default one: say who publishes.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [cloudwatchPrincipal],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ...fromThisAccount,
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );

    if (props.config.email) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.config.email));
    } else {
      Annotations.of(this.topic).addWarningV2(
        NO_SUBSCRIBER_WARNING,
        'cchc:alarms has no "email": the alarm topic has no subscriber, so nobody hears of a failing function, a full ' +
          'dead-letter queue or an unsent digest. Set it before deploying: -c \'cchc:alarms={"email":"…"}\' or in cdk.json',
      );
    }

    const alarms: Record<string, cloudwatch.Alarm> = {};
    const add = (alarmId: string, alarmProps: cloudwatch.AlarmProps) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, alarmProps);
      alarm.addAlarmAction(new actions.SnsAction(this.topic));
      alarms[alarmId] = alarm;
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      add(`${pascalCase(name)}DeadLetterQueueNotEmpty`, {
        alarmDescription:
          `Hàng đợi thư chết "${name}" có tin nhắn: một việc đã thất bại sau mọi lần thử lại. ` +
          'Xem tin nhắn trong hàng đợi và nhật ký của hàm xử lý, sửa nguyên nhân rồi chuyển lại (redrive) hoặc xoá.',
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        threshold: 0,
        evaluationPeriods: 1,
        // An empty queue reports 0; no data at all means no queue activity.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    if (props.config.errorsPerFunction) {
      for (const [name, fn] of Object.entries(props.functions) as [FunctionName, LambdaFunction][]) {
        add(`${pascalCase(name)}Errors`, {
          alarmDescription: `Hàm ${name} gặp lỗi (Errors > 0 trong 5 phút). Xem nhật ký của hàm trong CloudWatch Logs.`,
          metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          ...ERRORS_ALARM,
        });
      }
    } else {
      // One alarm on Lambda's own total over every function of the account
      // in the region: an alarm costs $0.10 a month per metric it reads, one
      // per function would be $0.70 more (README: Cost). In an account of its
      // own, as AWS advises for a workload, the total is exactly the stack's;
      // in a shared one it also hears other functions — a false alarm, never
      // a missed one — and `errorsPerFunction` gives one alarm per function.
      add('FunctionErrors', {
        alarmDescription:
          'Một hàm Lambda gặp lỗi (Errors > 0 trong 5 phút). Trong bảng điều khiển CloudWatch, xem số liệu AWS/Lambda ' +
          '› Errors theo từng hàm (By Function Name) để biết hàm nào, rồi xem nhật ký của hàm đó.',
        metric: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
        ...ERRORS_ALARM,
      });
    }

    const appMetric = (metricName: MetricName, service: FunctionName, statistic: string, period: Duration) =>
      new cloudwatch.Metric({ namespace: METRIC_NAMESPACE, metricName, dimensionsMap: { service }, statistic, period });

    const hour = Duration.hours(1);
    add('SourceFailureRate', {
      alarmDescription:
        `Hơn ${SOURCE_FAILURE_RATE_THRESHOLD * 100}% lượt thu thập nguồn tin trong một giờ bị lỗi: lỗi chung ` +
        '(mạng, DNS, bị chặn địa chỉ, lỗi mã), không phải một trang. Xem trang /sources và nhật ký của collect-source.',
      metric: new cloudwatch.MathExpression({
        // Every poll emits SourcesFailed, 1 or 0: its average is the failed
        // share and its sample count the number of polls, so one metric
        // (one $0.30 custom metric, README: Cost) gives both.
        expression: `IF(polls >= ${SOURCE_FAILURE_MIN_POLLS}, failedShare, 0)`,
        usingMetrics: {
          failedShare: appMetric(METRICS.sourcesFailed, props.collector, cloudwatch.Stats.AVERAGE, hour),
          polls: appMetric(METRICS.sourcesFailed, props.collector, cloudwatch.Stats.SAMPLE_COUNT, hour),
        },
        period: hour,
        label: 'Failed share of source polls',
      }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: SOURCE_FAILURE_RATE_THRESHOLD,
      evaluationPeriods: 1,
      // No polls in the hour: nothing to judge (a stopped schedule shows in
      // the schedules' dead-letter queue or the dispatcher's errors).
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // DigestOverdue exists only when the Monday 08:00 check runs, once a
    // week: every other hour has no data, so missing data must not breach
    // (breaching would keep the alarm on all week). That the check itself
    // did not run is caught without it: a check that throws trips the digest
    // function's Errors alarm, and a tick Scheduler could not deliver lands
    // in the schedules' dead-letter queue, which has its own alarm. What no
    // alarm sees is a schedule disabled or deleted on purpose — a reviewed
    // stack change, not an outage.
    add('DigestOverdue', {
      alarmDescription:
        'Bản tin tuần chưa được gửi cho mọi người nhận lúc 08:00 thứ Hai (gửi lúc 07:00). Xem nhật ký của hàm digest; ' +
        'chạy lại hàm sẽ gửi tiếp cho những người chưa nhận, không gửi trùng.',
      metric: appMetric(METRICS.digestOverdue, props.digest, cloudwatch.Stats.MAXIMUM, hour),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.alarms = alarms;
  }
}
