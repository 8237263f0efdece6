/**
 * Least privilege, pinned: for every function, exactly which actions on
 * which resources its role's policies grant, derived from what
 * infra/definitions/functions.ts says the function needs (plus the few
 * grants other constructs add, named below). A new permission anywhere
 * fails here until it is written down.
 */
import { describe, expect, it } from 'vitest';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/grants';
import { FUNCTIONS, FUNCTION_NAMES, QUEUES, type FunctionName, type QueueName } from '../../infra/definitions/functions';
import { DIGESTS_PREFIX } from '../../shared/digest/archive';
import { TABLE_DEFINITION } from '../../shared/store/table';
import { isTriggerProvider, synthesizeForFile } from './synthesize';

type Json = Record<string, any>;

let resources: Record<string, Json>;
synthesizeForFile((template) => (resources = template.toJSON().Resources));

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

/** A CloudFormation value as text: `<Id.Arn>`, `<Id>`, joins concatenated. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Json;
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(render).join(v['Fn::Join'][0]);
  return JSON.stringify(v);
}

/** CDK's Trigger provider (infra/constructs/seed.ts) writes its role's statements inline, as CDK renders them; every other role has none. */
const isTriggerProviderRole = (roleId: string) => isTriggerProvider(roleId);

/** Every statement of the policies attached to a role, as `Effect action resource [condition]` lines. */
function grantsOfRole(roleId: string): string[] {
  const role = resources[roleId]!;
  expect(role.Properties.ManagedPolicyArns, `${roleId} has no managed policies`).toBeUndefined();
  const inline = isTriggerProviderRole(roleId) ? (role.Properties.Policies as Json[]).flatMap((p) => p.PolicyDocument.Statement as Json[]) : [];
  if (!isTriggerProviderRole(roleId)) expect(role.Properties.Policies, `${roleId} has no inline policies`).toBeUndefined();
  const statements = ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[])
    .concat(inline);
  return statements
    .flatMap((s) =>
      ([s.Action].flat() as string[]).flatMap((action) =>
        [s.Resource].flat().map((resource) => `${s.Effect} ${action} ${render(resource)}${s.Condition ? ` if ${JSON.stringify(s.Condition)}` : ''}`),
      ),
    )
    .sort();
}

function functionOf(name: FunctionName): [string, Json] {
  const matches = ofType('AWS::Lambda::Function').filter(([, r]) => r.Properties.Description === FUNCTIONS[name].description);
  expect(matches, `exactly one function for ${name}`).toHaveLength(1);
  return matches[0]!;
}

const roleOf = (name: FunctionName): string => functionOf(name)[1].Properties.Role['Fn::GetAtt'][0];
const grantsOf = (name: FunctionName) => grantsOfRole(roleOf(name));

/** The queue a function consumes, found through its event source mapping. */
function queueOf(name: QueueName): string {
  const consumer = functionOf(QUEUES[name].consumer)[0];
  const mapping = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName.Ref === consumer);
  expect(mapping, `an event source mapping for ${name}`).toBeDefined();
  return mapping![1].Properties.EventSourceArn['Fn::GetAtt'][0];
}

const only = (type: string) => {
  const found = ofType(type);
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]![0];
};

const TABLE = '<StoriesTable.Arn>';
const BUCKET = '<SnapshotBucket.Arn>';
const tableResources = () => [TABLE, ...TABLE_DEFINITION.globalSecondaryIndexes.map((index) => `${TABLE}/index/${index.indexName}`)];
const allow = (actions: readonly string[], resourceList: readonly string[], condition?: Json) =>
  actions.flatMap((a) => resourceList.map((r) => `Allow ${a} ${r}${condition ? ` if ${JSON.stringify(condition)}` : ''}`));

/** Functions that send mail as the sender identity (reminders, digest, the api's receipts). */
const MAIL_SENDERS: readonly FunctionName[] = ['reminders', 'digest', 'api'];
/** Functions that read the digest archive (the digest itself, and the api's /digests pages). */
const DIGEST_READERS: readonly FunctionName[] = ['digest', 'api'];
/** What the api's /users screens (issue 8) may do in the user pool, and nothing else there. */
const USER_ADMIN_ACTIONS = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminResetUserPassword',
  'cognito-idp:ListUsersInGroup',
];
/** What an SQS event source mapping needs on the queue it polls (Lambda's poller runs as the function's role). */
const CONSUME_ACTIONS = ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'];

/** Exactly what a function's role should grant, from its definition. */
function expectedGrants(name: FunctionName): string[] {
  const definition = FUNCTIONS[name];
  const logGroup = render({ 'Fn::GetAtt': [functionOf(name)[1].Properties.LoggingConfig.LogGroup.Ref, 'Arn'] });
  const grants = [
    ...allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [logGroup]),
    // Traced functions only; X-Ray has no resource-level permissions for these two (cdk-nag acknowledgement in lambda-function.ts).
    ...(definition.tracing === 'active' ? allow(['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], ['*']) : []),
    ...allow(definition.table === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS], tableResources()),
  ];
  const objectActions = new Map<string, Set<string>>();
  const addObject = (prefix: string, ...actions: string[]) => {
    const set = objectActions.get(prefix) ?? new Set();
    for (const a of actions) set.add(a);
    objectActions.set(prefix, set);
  };
  if (definition.bucketPutPrefix) addObject(definition.bucketPutPrefix, 's3:PutObject');
  if (definition.bucketUploadsPrefix) addObject(definition.bucketUploadsPrefix, 's3:PutObject', 's3:GetObject', 's3:DeleteObject');
  if (DIGEST_READERS.includes(name)) addObject(DIGESTS_PREFIX, 's3:GetObject');
  for (const [prefix, actions] of objectActions) grants.push(...allow([...actions], [`${BUCKET}/${prefix}*`]));
  // Readers may list key names so that a missing key is a 404 (grants.ts).
  if ([...objectActions.values()].some((actions) => actions.has('s3:GetObject'))) grants.push(...allow(['s3:ListBucket'], [BUCKET]));
  for (const queue of definition.sendsTo) grants.push(...allow(['sqs:SendMessage'], [`<${queueOf(queue)}.Arn>`]));
  for (const queue of Object.values(QUEUES).filter((q) => q.consumer === name)) grants.push(...allow(CONSUME_ACTIONS, [`<${queueOf(queue.name)}.Arn>`]));
  if (MAIL_SENDERS.includes(name)) {
    const identity = `arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/<${only('AWS::SES::EmailIdentity')}>`;
    grants.push(...allow(['ses:SendEmail', 'ses:SendRawEmail'], [identity], { StringEquals: { 'ses:FromAddress': 'cchc@binhdinh.example.gov.vn' } }));
  }
  if (name === 'api') grants.push(...allow(USER_ADMIN_ACTIONS, [`<${only('AWS::Cognito::UserPool')}.Arn>`]));
  // The digest reads its role recipients from the pool's groups at each run: that one call.
  if (name === 'digest') grants.push(...allow(['cognito-idp:ListUsersInGroup'], [`<${only('AWS::Cognito::UserPool')}.Arn>`]));
  return grants.sort();
}

describe('each function’s role grants exactly what its definition needs', () => {
  it.each(FUNCTION_NAMES)('%s', (name) => {
    expect(grantsOf(name)).toEqual(expectedGrants(name));
  });
});

describe('the grants that matter most, spelled out', () => {
  it('the api may put, get and delete only under uploads/*, and only read digests/*', () => {
    const s3 = grantsOf('api').filter((g) => g.includes(' s3:'));
    expect(s3).toEqual([
      `Allow s3:DeleteObject ${BUCKET}/uploads/*`,
      `Allow s3:GetObject ${BUCKET}/digests/*`,
      `Allow s3:GetObject ${BUCKET}/uploads/*`,
      `Allow s3:ListBucket ${BUCKET}`,
      `Allow s3:PutObject ${BUCKET}/uploads/*`,
    ]);
  });

  it('exports reads the table and cannot write it, nor touch the bucket, queues or mail', () => {
    const grants = grantsOf('exports');
    for (const write of [...TABLE_WRITE_ACTIONS, 'dynamodb:BatchWriteItem']) expect(grants.some((g) => g.includes(` ${write} `))).toBe(false);
    expect(grants.filter((g) => /\s(s3|sqs|ses|cognito-idp):/.test(g))).toEqual([]);
    expect(grants).toContain(`Allow dynamodb:Query ${TABLE}`);
  });

  it('source-preview reads the table and cannot write it, nor touch the bucket, queues, mail or the user pool', () => {
    const grants = grantsOf('source-preview');
    for (const write of [...TABLE_WRITE_ACTIONS, 'dynamodb:BatchWriteItem']) expect(grants.some((g) => g.includes(` ${write} `))).toBe(false);
    expect(grants.filter((g) => /\s(s3|sqs|ses|cognito-idp):/.test(g))).toEqual([]);
    expect(grants).toContain(`Allow dynamodb:GetItem ${TABLE}`);
  });

  it('config-seed reads and writes the table only: no bucket, queues, mail or user pool', () => {
    const grants = grantsOf('config-seed');
    expect(grants.filter((g) => /\s(s3|sqs|ses|cognito-idp|lambda):/.test(g))).toEqual([]);
    expect(grants).toContain(`Allow dynamodb:PutItem ${TABLE}`);
    expect(grants.some((g) => g.includes(' dynamodb:Scan '))).toBe(false);
  });

  it('the deploy’s Trigger provider may invoke only the config-seed function’s versions and write its own log group', () => {
    const roles = ofType('AWS::IAM::Role').filter(([id]) => isTriggerProviderRole(id));
    expect(roles).toHaveLength(1);
    const roleId = roles[0]![0];
    const provider = ofType('AWS::Lambda::Function').find(([, f]) => f.Properties.Role['Fn::GetAtt']?.[0] === roleId);
    expect(provider, 'the provider function').toBeDefined();
    const logGroup = render({ 'Fn::GetAtt': [provider![1].Properties.LoggingConfig.LogGroup.Ref, 'Arn'] });
    expect(grantsOfRole(roleId)).toEqual(
      [...allow(['lambda:InvokeFunction'], [`<${functionOf('config-seed')[0]}.Arn>:*`]), ...allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [logGroup])].sort(),
    );
  });

  it('collect-dispatch reads the table and sends only to the collect queue', () => {
    const grants = grantsOf('collect-dispatch');
    expect(grants.filter((g) => g.includes(' sqs:'))).toEqual([`Allow sqs:SendMessage <${queueOf('collect')}.Arn>`]);
    expect(grants.filter((g) => g.includes(' dynamodb:')).map((g) => g.split(' ')[1])).toEqual(
      expect.not.arrayContaining([...TABLE_WRITE_ACTIONS]),
    );
    expect(grants.filter((g) => g.includes(' s3:'))).toEqual([]);
  });

  it('no role has a service wildcard, Scan, or Resource "*" beyond X-Ray', () => {
    const roles = ofType('AWS::IAM::Role').map(([id]) => id);
    expect(roles.length).toBeGreaterThan(FUNCTION_NAMES.length);
    for (const roleId of roles) {
      for (const grant of grantsOfRole(roleId)) {
        const [, action, resource] = grant.split(' ');
        expect(action, grant).not.toMatch(/\*$/);
        expect(action, grant).not.toBe('dynamodb:Scan');
        if (resource === '*') expect(action, grant).toMatch(/^xray:Put(TraceSegments|TelemetryRecords)$/);
      }
    }
  });

  it('each schedule’s role may invoke only its target function and dead-letter its ticks', () => {
    const dlq = render({ 'Fn::GetAtt': [scheduleDeadLetterQueueId(), 'Arn'] });
    for (const [, schedule] of ofType('AWS::Scheduler::Schedule')) {
      const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
      const fn = render(schedule.Properties.Target.Arn);
      expect(resources[roleId]!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': { Ref: 'AWS::AccountId' },
              'aws:SourceArn': expect.objectContaining({ 'Fn::Join': expect.anything() }),
            },
          },
        },
      ]);
      expect(grantsOfRole(roleId)).toEqual(
        [`Allow lambda:InvokeFunction ${fn}`, `Allow lambda:InvokeFunction ${fn}:*`, `Allow sqs:SendMessage ${dlq}`].sort(),
      );
    }
  });
});

/** The schedules' dead-letter queue: the one every schedule's DeadLetterConfig names. */
function scheduleDeadLetterQueueId(): string {
  const arns = new Set(ofType('AWS::Scheduler::Schedule').map(([, s]) => s.Properties.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0] as string));
  expect(arns.size).toBe(1);
  return [...arns][0]!;
}
