/** The weekly digest in the synthesized template: its schedule, function and least-privilege grants. */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/definitions/functions';
import { DIGEST_SCHEDULE } from '../../shared/schedules';
import { synthesize } from './synthesize';

describe('the digest in the stack', () => {
  const { template } = synthesize({ bundle: false });
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
  const digestFunctionId = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === FUNCTIONS.digest.description)?.[0];

  it('runs Mondays at 07:00 Asia/Ho_Chi_Minh, invoking the digest function', () => {
    expect(DIGEST_SCHEDULE.awsExpression).toBe('cron(0 7 ? * MON *)');
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 ? * MON *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [digestFunctionId, 'Arn'] }, Input: Match.stringLikeRegexp('"schedule":"digest"') }),
    });
  });

  it('gives the function the sender, the listed recipients, the roles and their pool, and the app URL', () => {
    expect(digestFunctionId).toBeDefined();
    const env = resources[digestFunctionId!]!.Properties.Environment.Variables;
    expect(env.CCHC_MAIL_SENDER).toBe('cchc@binhdinh.example.gov.vn');
    expect(env).toHaveProperty('CCHC_DIGEST_EMAILS');
    expect(env).toHaveProperty('CCHC_DIGEST_ROLES');
    expect(env.CCHC_COGNITO_USER_POOL_ID).toMatchObject({ Ref: expect.stringMatching(/UserPool/) });
    expect(env).toHaveProperty('CCHC_APP_URL');
    expect(env).toHaveProperty('BUCKET_NAME');
    expect(env).toHaveProperty('CCHC_DESKS');
  });

  it('may touch only digests/* in the bucket and send only as the sender identity', () => {
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: { Ref: string }) => JSON.stringify(resources[role.Ref] ?? {}).length && JSON.stringify(resources[digestFunctionId!]!.Properties.Role).includes(role.Ref)));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[]);
    const s3 = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3.length).toBeGreaterThan(0);
    // Objects under digests/* only; listing key names (so a missing week is a 404, not a 403) is on the bucket.
    for (const statement of s3) {
      if ([statement.Action].flat().includes('s3:ListBucket')) expect(statement).toMatchObject({ Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': ['SnapshotBucket', 'Arn'] } });
      else expect(JSON.stringify(statement.Resource)).toContain('/digests/*');
    }
    const ses = statements.find((s) => [s.Action].flat().includes('ses:SendRawEmail'));
    expect(ses).toBeDefined();
    expect(ses!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'cchc@binhdinh.example.gov.vn' } });
  });
});
