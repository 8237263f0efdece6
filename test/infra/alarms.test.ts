/** The alarms (infra/constructs/alarms.ts): topic, subscription, and what each alarm watches. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALARMS_CONTEXT_KEY, parseAlarmsConfig } from '../../infra/config';
import { ALARM_TOPIC_LOGICAL_ID, NO_SUBSCRIBER_WARNING, SOURCE_FAILURE_MIN_POLLS, SOURCE_FAILURE_RATE_THRESHOLD } from '../../infra/constructs/alarms';
import { FUNCTIONS, FUNCTION_NAMES, type FunctionName } from '../../infra/definitions/functions';
import { METRIC_NAMESPACE, METRICS } from '../../shared/observability/metric-names';
import { DIGEST_CHECK_SCHEDULE, SCHEDULES } from '../../shared/schedules';
import { synthesize } from './synthesize';

/**
 * Every function has an Errors alarm but config-seed: it runs only inside a deploy, invoked by the Trigger
 * (infra/constructs/seed.ts), and its failure fails that deploy in front of the person running it.
 */
const WATCHED = FUNCTION_NAMES.filter((name) => name !== 'config-seed');

type Json = Record<string, any>;

const EMAIL = 'it-alerts@binhdinh.example.gov.vn';
let tempDir: string;
let configured: Template;
let resources: Record<string, Json>;
let unconfigured: ReturnType<typeof synthesize>;

beforeAll(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'cchc-cdk-'));
  configured = synthesize({ bundle: false, outdir: join(tempDir, 'configured'), context: { [ALARMS_CONTEXT_KEY]: { email: EMAIL } } }).template;
  resources = configured.toJSON().Resources;
  unconfigured = synthesize({ bundle: false, outdir: join(tempDir, 'unconfigured') });
});

afterAll(() => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
const functionId = (name: FunctionName) =>
  ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Description === FUNCTIONS[name].description)![0];

describe('the alarm topic', () => {
  it('needs no KMS key of its own ($1 a month for alarm names in flight; the cdk-nag acknowledgement says why)', () => {
    const topic = resources[ALARM_TOPIC_LOGICAL_ID]!;
    expect(topic.Type).toBe('AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toBeUndefined();
    expect(ofType('AWS::KMS::Key')).toEqual([]);
  });

  it('refuses requests without TLS and lets only this account’s alarms publish', () => {
    configured.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: ALARM_TOPIC_LOGICAL_ID }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ]),
      },
    });
  });

  it('e-mails the address of cchc:alarms', () => {
    configured.resourceCountIs('AWS::SNS::Subscription', 1);
    configured.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: EMAIL, TopicArn: { Ref: ALARM_TOPIC_LOGICAL_ID } });
  });

  it('without an address has no subscriber, and the synth says so', () => {
    unconfigured.template.resourceCountIs('AWS::SNS::Subscription', 0);
    unconfigured.template.resourceCountIs('AWS::SNS::Topic', 1);
    Annotations.fromStack(unconfigured.stack).hasWarning('/CchcPipelineTest/Alarms/Topic', Match.stringLikeRegexp(`cchc:alarms has no "email".*\\[ack: ${NO_SUBSCRIBER_WARNING}\\]`));
  });
});

describe('the alarms', () => {
  it('all notify the topic, on alarm only', () => {
    expect(alarms().length).toBe(3 + 1 + 2);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: ALARM_TOPIC_LOGICAL_ID }]);
      expect(alarm.OKActions).toBeUndefined();
      expect(alarm.AlarmDescription).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
    }
  });

  it('fire when any dead-letter queue holds a message (the two queues’ and the schedules’)', () => {
    const dlqs = ofType('AWS::SQS::Queue')
      .filter(([id]) => Object.values(resources).some((r) => r.Properties?.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0] === id) || id.startsWith('ScheduleDeadLetterQueue'))
      .map(([id]) => id);
    expect(dlqs).toHaveLength(3);
    for (const id of dlqs) {
      const watching = alarms().filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && a.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0] === id);
      expect(watching, id).toHaveLength(1);
      expect(watching[0]).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, TreatMissingData: 'notBreaching' });
    }
  });

  it('fire when any function throws, from one alarm on Lambda’s total for the account', () => {
    const errors = alarms().filter((a) => a.MetricName === 'Errors');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 300, ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, TreatMissingData: 'notBreaching' });
    expect(errors[0]!.Dimensions).toBeUndefined();
  });

  it('with errorsPerFunction, fire per function instead (the deploy-time seed fails its deploy instead)', () => {
    const perFunction = synthesize({ bundle: false, outdir: join(tempDir, 'per-function'), context: { [ALARMS_CONTEXT_KEY]: { email: EMAIL, errorsPerFunction: true } } }).template.toJSON().Resources as Record<string, Json>;
    const errorAlarms = Object.values(perFunction).filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'Errors').map((r) => r.Properties as Json);
    const idOf = (name: FunctionName) => Object.entries(perFunction).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === FUNCTIONS[name].description)![0];
    expect(errorAlarms).toHaveLength(WATCHED.length);
    expect(errorAlarms.filter((a) => a.Dimensions?.[0]?.Value?.Ref === idOf('config-seed'))).toEqual([]);
    for (const name of WATCHED) {
      const watching = errorAlarms.filter((a) => a.Dimensions?.[0]?.Value?.Ref === idOf(name));
      expect(watching, name).toHaveLength(1);
      expect(watching[0]).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 300, ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
    }
  });

  it('fire when more than half of an hour’s source polls fail, from the collector’s own metrics', () => {
    const rate = alarms().filter((a) => a.Metrics);
    expect(rate).toHaveLength(1);
    expect(rate[0]).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: SOURCE_FAILURE_RATE_THRESHOLD, EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
    expect(SOURCE_FAILURE_RATE_THRESHOLD).toBe(0.5);
    const metrics = rate[0]!.Metrics as Json[];
    expect(metrics.find((m) => m.ReturnData !== false)!.Expression).toBe(`IF(polls >= ${SOURCE_FAILURE_MIN_POLLS}, failedShare, 0)`);
    const input = (id: string) => metrics.find((m) => m.Id === id)!.MetricStat;
    for (const [id, stat] of [['failedShare', 'Average'], ['polls', 'SampleCount']] as const) {
      expect(input(id)).toEqual({
        Metric: { Namespace: METRIC_NAMESPACE, MetricName: METRICS.sourcesFailed, Dimensions: [{ Name: 'service', Value: 'collect-source' }] },
        Period: 3600,
        Stat: stat,
      });
    }
  });

  it('fire when the Monday 08:00 check finds the digest unsent, and stay quiet without data', () => {
    const overdue = alarms().filter((a) => a.MetricName === METRICS.digestOverdue);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      Dimensions: [{ Name: 'service', Value: 'digest' }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('get that check from its schedule, routed to the digest function with a dead-letter queue', () => {
    expect(SCHEDULES.filter((s) => s.id === 'digest-check')).toHaveLength(1);
    expect(DIGEST_CHECK_SCHEDULE.target).toBe('digest');
    const [, schedule] = ofType('AWS::Scheduler::Schedule').find(([, s]) => JSON.parse(s.Properties.Target.Input).schedule === 'digest-check')!;
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: DIGEST_CHECK_SCHEDULE.awsExpression,
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      Target: { Arn: { 'Fn::GetAtt': [functionId('digest'), 'Arn'] } },
    });
    expect(schedule.Properties.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^ScheduleDeadLetterQueue/);
  });
});

describe('the cchc:alarms context', () => {
  it('is optional, and takes an address as an object or a JSON string (-c)', () => {
    expect(parseAlarmsConfig(undefined)).toEqual({});
    expect(parseAlarmsConfig({})).toEqual({});
    expect(parseAlarmsConfig(`{"email":"${EMAIL}"}`)).toEqual({ email: EMAIL });
    expect(parseAlarmsConfig({ email: EMAIL, errorsPerFunction: true })).toEqual({ email: EMAIL, errorsPerFunction: true });
  });

  it.each([
    [{ email: 'not an address' }, /cchc:alarms.*email/],
    [{ emails: [EMAIL] }, /cchc:alarms.*emails/],
    [{ errorsPerFunction: 'yes' }, /cchc:alarms.*errorsPerFunction/],
    ['{email:', /cchc:alarms.*not JSON/],
  ])('refuses %j, naming the field', (value, message) => {
    expect(() => parseAlarmsConfig(value)).toThrow(message);
  });
});
