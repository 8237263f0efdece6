/** The reminders in the stack: the daily schedule, the SES identity and least privilege (CDK assertions). */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/definitions/functions';
import { parseMailConfig } from '../../infra/config';
import { REMINDERS_SCHEDULE } from '../../shared/schedules';
import { synthesize, synthesizeForFile } from './synthesize';

type Json = Record<string, any>;

let template: Template;
let resources: Record<string, Json>;
synthesizeForFile((synthesized) => {
  template = synthesized;
  resources = template.toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

function remindersFunctionId(): string {
  const matches = ofType('AWS::Lambda::Function').filter(([, r]) => r.Properties.Description === FUNCTIONS.reminders.description);
  expect(matches).toHaveLength(1);
  return matches[0]![0];
}

function statementsOfRole(roleId: string): Json[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}

const remindersStatements = () => statementsOfRole(resources[remindersFunctionId()]!.Properties.Role['Fn::GetAtt'][0]);
const actionsOf = (statements: Json[]) => statements.flatMap((s) => [s.Action].flat() as string[]);

describe('the reminders schedule', () => {
  it('runs daily at 08:00 Asia/Ho_Chi_Minh and invokes the reminders function with the scheduled event', () => {
    expect(REMINDERS_SCHEDULE).toMatchObject({ awsExpression: 'cron(0 8 * * ? *)', cron: '0 8 * * *', timeZone: 'Asia/Ho_Chi_Minh', target: 'reminders' });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [remindersFunctionId(), 'Arn'] },
        Input: JSON.stringify({ schedule: 'reminders', scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: Match.objectLike({ MaximumEventAgeInSeconds: 86_400 }),
      }),
    });
  });

  it('invokes through a role that may only invoke the reminders function', () => {
    const [, schedule] = ofType('AWS::Scheduler::Schedule').find(([, s]) => s.Properties.ScheduleExpression === 'cron(0 8 * * ? *)')!;
    const statements = statementsOfRole(schedule.Properties.Target.RoleArn['Fn::GetAtt'][0]);
    // Invoke, and dead-letter an undeliverable tick.
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'lambda:InvokeFunction' });
    expect(JSON.stringify(statements[0]!.Resource)).toContain(remindersFunctionId());
    expect(statements[1]).toMatchObject({ Effect: 'Allow', Action: 'sqs:SendMessage' });
  });
});

describe('the sender identity', () => {
  it('is an SES email identity for the cchc:mail sender', () => {
    const identities = ofType('AWS::SES::EmailIdentity').filter(([, r]) => r.Properties.EmailIdentity === 'cchc@binhdinh.example.gov.vn');
    expect(identities).toHaveLength(1);
  });

  it('reaches the function with Sở Nội vụ’s addresses, the thresholds and the app URL', () => {
    const variables = resources[remindersFunctionId()]!.Properties.Environment.Variables as Json;
    expect(variables).toMatchObject({
      TABLE_NAME: { Ref: 'StoriesTable' },
      CCHC_MAIL_SENDER: 'cchc@binhdinh.example.gov.vn',
      CCHC_HOME_AFFAIRS_EMAILS: 'so-noi-vu@example.gov.vn',
      CCHC_REMINDER_DAYS: '21,7',
    });
    expect(JSON.stringify(variables.CCHC_APP_URL)).toContain('HttpApi');
    expect(variables).not.toHaveProperty('BUCKET_NAME');
  });

  it('refuses a cchc:mail context with a bad address, naming the field', () => {
    expect(() => parseMailConfig({ sender: 'not an address', homeAffairs: [] })).toThrow(/sender/);
    expect(() => parseMailConfig({ sender: 'a@b.vn', homeAffairs: ['x'] })).toThrow(/homeAffairs\[0\]/);
    expect(() => parseMailConfig(undefined)).toThrow(/cchc:mail/);
    expect(parseMailConfig('{"sender":"a@b.vn"}')).toEqual({ sender: 'a@b.vn', homeAffairs: [] });
    expect(() => synthesize({ bundle: false, context: { 'cchc:mail': { sender: 'nope' } } })).toThrow(/cchc:mail.*sender/);
  });
});

describe('least privilege', () => {
  it('lets the function send only as the sender identity, from the sender address', () => {
    const ses = remindersStatements().filter((s) => actionsOf([s]).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect([ses[0]!.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const resource = JSON.stringify(ses[0]!.Resource);
    expect(resource).toContain(':identity/');
    expect(resource).toContain('SenderIdentity');
    expect(resource).not.toMatch(/"\*"/);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'cchc@binhdinh.example.gov.vn' } });
  });

  it('lets it read and write the table (markers, mail log), nothing else', () => {
    const actions = actionsOf(remindersStatements());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
    const services = new Set(actions.map((a) => a.split(':')[0]));
    // Logs (its own log group) come with every function; it is not traced, so no X-Ray.
    expect([...services].sort()).toEqual(['dynamodb', 'logs', 'ses']);
    expect(actions.some((a) => a.startsWith('s3:') || a.startsWith('sqs:'))).toBe(false);
  });

  it('does not let the collection functions send e-mail', () => {
    for (const name of ['collect-dispatch', 'collect-source', 'article'] as const) {
      const [id] = ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Description === FUNCTIONS[name].description)!;
      const actions = actionsOf(statementsOfRole(resources[id]!.Properties.Role['Fn::GetAtt'][0]));
      expect(actions.filter((a) => a.startsWith('ses:')), name).toEqual([]);
    }
  });

  it('lets the api function send (submission receipts) only as the sender identity, from the sender address', () => {
    const [id] = ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Description === FUNCTIONS.api.description)!;
    const statements = statementsOfRole(resources[id]!.Properties.Role['Fn::GetAtt'][0]).filter((statement) => [statement.Action].flat().some((a: string) => a.startsWith('ses:')));
    expect(statements).toHaveLength(1);
    expect(statements[0]!).toMatchObject({ Condition: { StringEquals: { 'ses:FromAddress': expect.any(String) } } });
    expect(JSON.stringify(statements[0]!.Resource)).toContain('SenderIdentity');
  });
});
