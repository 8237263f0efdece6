/**
 * Sign-in in AWS (issue 4, section 8 and 10): the Cognito user pool, its
 * groups, app client and domain, and how the api function is pointed at
 * them. Assertions on the synthesized template; nothing is deployed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_CONTEXT_KEY, MAX_DESKS_JSON_BYTES, parseAuthConfig, readDesksJson } from '../../infra/config';
import { AUTH_GROUPS } from '../../infra/constructs/auth';
import { FUNCTIONS, type FunctionName } from '../../infra/definitions/functions';
import { desksSchema } from '../../shared/desks/config';
import { cdkContext, projectRoot, synthesize } from './synthesize';

type Json = Record<string, any>;

const CONFIGURED = {
  domainPrefix: 'cchc-test-signin',
  callbackUrls: ['https://cchc.example.vn/auth/callback', 'http://localhost:3000/auth/callback'],
  logoutUrls: ['https://cchc.example.vn/'],
};

/** With cdk.json's context as it is: no URLs configured, so they derive from the HTTP API. */
let derived: Template;
/** With URLs configured, and a configuration file without desks. */
let configured: Template;
let tempDir: string;

beforeAll(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'cchc-auth-'));
  const noDesks = join(tempDir, 'no-desks.json');
  writeFileSync(noDesks, JSON.stringify({ agencies: [], sources: [] }));
  derived = synthesize({ bundle: false, outdir: join(tempDir, 'derived') }).template;
  configured = synthesize({
    bundle: false,
    outdir: join(tempDir, 'configured'),
    context: { [AUTH_CONTEXT_KEY]: CONFIGURED },
    stackProps: { configFile: noDesks },
  }).template;
});

afterAll(() => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

const resourcesOf = (template: Template) => template.toJSON().Resources as Record<string, Json>;
const ofType = (template: Template, type: string) => Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === type);
const onlyId = (template: Template, type: string) => {
  const found = ofType(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]![0];
};

function functionOf(template: Template, name: FunctionName): [string, Json] {
  const matches = ofType(template, 'AWS::Lambda::Function').filter(([, r]) => r.Properties.Description === FUNCTIONS[name].description);
  expect(matches, name).toHaveLength(1);
  return matches[0]!;
}
const variablesOf = (template: Template, name: FunctionName) => functionOf(template, name)[1].Properties.Environment.Variables as Json;

describe('the user pool', () => {
  it('is the only one, invitation only, with e-mail as the user name', () => {
    derived.resourceCountIs('AWS::Cognito::UserPool', 1);
    derived.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
    });
  });

  it('is retained on deletion and replacement, with deletion protection', () => {
    const pool = resourcesOf(derived)[onlyId(derived, 'AWS::Cognito::UserPool')]!;
    expect(pool).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('asks for strong passwords, offers TOTP as optional MFA and recovers by e-mail only', () => {
    derived.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('stays on the Essentials plan without threat protection (Plus would bill every user)', () => {
    const pool = resourcesOf(derived)[onlyId(derived, 'AWS::Cognito::UserPool')]!;
    expect(pool.Properties.UserPoolTier).toBe('ESSENTIALS');
    expect(pool.Properties.UserPoolAddOns).toBeUndefined();
    // No SMS: no SNS role, no per-message cost.
    expect(pool.Properties.SmsConfiguration).toBeUndefined();
  });

  it('lets users change their name only (their agency is a group, set by admins)', () => {
    const pool = resourcesOf(derived)[onlyId(derived, 'AWS::Cognito::UserPool')]!.Properties;
    expect(pool.Schema ?? []).not.toContainEqual(expect.objectContaining({ Name: 'agency' }));
    const client = resourcesOf(derived)[onlyId(derived, 'AWS::Cognito::UserPoolClient')]!.Properties;
    expect(client.WriteAttributes).toEqual(['name']);
  });
});

describe('the groups', () => {
  it('are the five roles, each with a Vietnamese description, in the pool', () => {
    const poolId = onlyId(derived, 'AWS::Cognito::UserPool');
    const groups = ofType(derived, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual(['admin', 'agency', 'editor-newspaper', 'editor-tv', 'home-affairs']);
    expect(AUTH_GROUPS.map((g) => g.name).sort()).toEqual(groups.map((g) => g.GroupName).sort());
    for (const group of groups) {
      expect(group.UserPoolId, group.GroupName).toEqual({ Ref: poolId });
      // Vietnamese with its diacritics (not ASCII-folded).
      expect(group.Description, group.GroupName).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđẹẻẽéèêếềểễệịỉĩíìọỏõóòôốồổỗộơớờởỡợụủũúùưứừửữựỵỷỹýỳ]/i);
      expect(group.Description.length, group.GroupName).toBeLessThanOrEqual(2048);
    }
  });
});

describe('the sign-in domain', () => {
  it('uses the prefix of cdk.json, with managed login', () => {
    const prefix = (cdkContext[AUTH_CONTEXT_KEY] as { domainPrefix: string }).domainPrefix;
    derived.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: prefix,
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: onlyId(derived, 'AWS::Cognito::UserPool') },
    });
  });

  it('uses a configured prefix', () => {
    configured.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    configured.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: CONFIGURED.domainPrefix });
  });

  it('gives the web client a managed login style (without one the pages show an error)', () => {
    derived.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: onlyId(derived, 'AWS::Cognito::UserPoolClient') },
      UserPoolId: { Ref: onlyId(derived, 'AWS::Cognito::UserPool') },
      UseCognitoProvidedValues: true,
    });
  });
});

describe('the web client', () => {
  it('does the authorization code grant with openid, email and profile, as a public client', () => {
    derived.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    derived.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('allows no password-in-the-clear or custom sign-in flows', () => {
    const flows = resourcesOf(derived)[onlyId(derived, 'AWS::Cognito::UserPoolClient')]!.Properties.ExplicitAuthFlows as string[];
    expect(flows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('takes the configured callback and logout URLs', () => {
    configured.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: CONFIGURED.callbackUrls,
      LogoutURLs: CONFIGURED.logoutUrls,
    });
  });

  it('derives them from the HTTP API when none are configured', () => {
    const httpApiId = onlyId(derived, 'AWS::ApiGatewayV2::Api');
    const client = resourcesOf(derived)[onlyId(derived, 'AWS::Cognito::UserPoolClient')]!.Properties;
    expect(client.CallbackURLs).toHaveLength(1);
    expect(client.LogoutURLs).toHaveLength(1);
    const [callback] = client.CallbackURLs;
    const [logout] = client.LogoutURLs;
    const parts = (url: Json) => url['Fn::Join'][1] as unknown[];
    expect(parts(callback)).toContainEqual({ Ref: httpApiId });
    expect(parts(callback).at(-1)).toBe('/auth/callback');
    expect(parts(logout)).toContainEqual({ Ref: httpApiId });
    expect(parts(logout).at(-1)).toBe('/');
  });
});

describe('the functions', () => {
  it('point the api function at the pool, the client and the sign-in domain', () => {
    const variables = variablesOf(derived, 'api');
    expect(variables.CCHC_COGNITO_USER_POOL_ID).toEqual({ Ref: onlyId(derived, 'AWS::Cognito::UserPool') });
    expect(variables.CCHC_COGNITO_CLIENT_ID).toEqual({ Ref: onlyId(derived, 'AWS::Cognito::UserPoolClient') });
    expect(variables.CCHC_COGNITO_DOMAIN).toEqual({
      'Fn::Join': ['', ['https://', { Ref: onlyId(derived, 'AWS::Cognito::UserPoolDomain') }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']],
    });
  });

  it('give the desks of config/agencies.json to the functions that route or serve stories', () => {
    const file = JSON.parse(readFileSync(join(projectRoot, 'config', 'agencies.json'), 'utf8')) as { desks?: unknown };
    const expected = file.desks === undefined ? [] : desksSchema.parse(file.desks);
    for (const name of ['collect-source', 'article', 'api'] as const) {
      expect(JSON.parse(variablesOf(derived, name).CCHC_DESKS), name).toEqual(expected);
    }
    expect(variablesOf(derived, 'collect-dispatch')).not.toHaveProperty('CCHC_DESKS');
  });

  it('give `[]` as the desks when the configuration has none', () => {
    for (const name of ['collect-source', 'article', 'api'] as const) {
      expect(variablesOf(configured, name).CCHC_DESKS, name).toBe('[]');
    }
  });

  it('tell only the api function about Cognito', () => {
    for (const name of ['collect-dispatch', 'collect-source', 'article'] as const) {
      const variables = variablesOf(derived, name);
      for (const key of ['CCHC_COGNITO_USER_POOL_ID', 'CCHC_COGNITO_CLIENT_ID', 'CCHC_COGNITO_DOMAIN']) {
        expect(variables, `${name} ${key}`).not.toHaveProperty(key);
      }
    }
  });

  it('leave the api function with the table, its S3 prefixes, sending receipts and the /users admin calls only: no other Cognito, secret or parameter permissions', () => {
    const roleId = functionOf(derived, 'api')[1].Properties.Role['Fn::GetAtt'][0];
    const actions = ofType(derived, 'AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .flatMap((s: Json) => [s.Action].flat() as string[]);
    expect(actions.length).toBeGreaterThan(0);
    // Issue 8: the /users screens manage the pool's users (and nothing else in it).
    const userAdmin = ['AdminCreateUser', 'AdminAddUserToGroup', 'AdminDisableUser', 'AdminEnableUser', 'AdminResetUserPassword', 'AdminGetUser', 'AdminListGroupsForUser', 'ListUsersInGroup'].map((a) => `cognito-idp:${a}`);
    const allowed = (a: string) => ['dynamodb:', 'logs:', 's3:', 'ses:Send'].some((prefix) => a.startsWith(prefix)) || userAdmin.includes(a);
    expect(actions.filter((a) => !allowed(a))).toEqual([]);
    expect(actions.filter((a) => /^cognito-idp:/.test(a)).sort()).toEqual([...userAdmin].sort());
    expect(actions.filter((a) => /^(cognito-identity|secretsmanager|ssm|kms):/.test(a))).toEqual([]);
  });

  it('stay the functions of the definitions: no custom resource reads a client secret', () => {
    // Plus CDK's Trigger provider of the deploy-time seed (infra/constructs/seed.ts), which only invokes that function.
    derived.resourceCountIs('AWS::Lambda::Function', Object.keys(FUNCTIONS).length + 1);
    expect(ofType(derived, 'Custom::DescribeCognitoUserPoolClient')).toHaveLength(0);
    expect(ofType(derived, 'AWS::SecretsManager::Secret')).toHaveLength(0);
  });
});

describe('the stack outputs', () => {
  it('publish the pool id, the client id and the sign-in domain URL', () => {
    derived.hasOutput('UserPoolId', { Value: { Ref: onlyId(derived, 'AWS::Cognito::UserPool') } });
    derived.hasOutput('UserPoolClientId', { Value: { Ref: onlyId(derived, 'AWS::Cognito::UserPoolClient') } });
    derived.hasOutput('SignInDomainUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith(['https://', { Ref: onlyId(derived, 'AWS::Cognito::UserPoolDomain') }])] },
    });
  });
});

describe('invalid configuration fails the synth with the field named', () => {
  const synthWith = (auth: unknown) => () =>
    synthesize({ bundle: false, outdir: join(tempDir, 'invalid'), context: { [AUTH_CONTEXT_KEY]: auth } });

  it.each([
    ['an upper-case prefix', { ...CONFIGURED, domainPrefix: 'CCHC_BinhDinh' }, /"cchc:auth".*domainPrefix: expected 1–63 lower-case/],
    ['a prefix with a reserved word', { ...CONFIGURED, domainPrefix: 'cchc-cognito' }, /domainPrefix: must not contain .*"cognito"/],
    ['a missing prefix', { callbackUrls: [] }, /domainPrefix/],
    ['a plain-HTTP callback', { ...CONFIGURED, callbackUrls: ['http://cchc.example.vn/cb'] }, /callbackUrls\[0\]: must use https/],
    ['a relative logout URL', { ...CONFIGURED, logoutUrls: ['/signed-out'] }, /logoutUrls\[0\]: expected an absolute URL/],
    ['a callback with a fragment', { ...CONFIGURED, callbackUrls: ['https://a.example.vn/cb#x'] }, /callbackUrls\[0\]: must not contain a fragment/],
    ['a misspelt key', { domainPrefix: 'cchc-binhdinh', callbackUrl: ['https://a.example.vn/cb'] }, /"cchc:auth".*callbackUrl/],
    ['no auth context at all', undefined, /"cchc:auth" \(cdk\.json\) is missing/],
    ['a string that is not JSON', '{domainPrefix:', /"cchc:auth".*not JSON/],
  ])('%s', (_, auth, message) => {
    expect(synthWith(auth)).toThrow(message);
  });

  it('accepts the context as a JSON string, as `cdk synth -c` passes it', () => {
    expect(parseAuthConfig(JSON.stringify({ domainPrefix: 'cchc-binhdinh' }))).toEqual({
      domainPrefix: 'cchc-binhdinh',
      callbackUrls: [],
      logoutUrls: [],
    });
  });
});

describe('the desks for CCHC_DESKS', () => {
  const write = (name: string, content: unknown) => {
    const path = join(tempDir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const desk = {
    id: 'newspaper',
    name: 'Báo Bình Định',
    editorRoles: ['editor-newspaper'],
    rules: { freshnessDays: 60 },
    slot: { kind: 'monthly-page', maxStories: 6, maxWords: 3000 },
  };

  it('are validated with the runtime schema, defaults applied', () => {
    const json = readDesksJson(write('one-desk.json', { desks: [desk] }));
    expect(JSON.parse(json)).toEqual([{ ...desk, rules: { areas: [], agencyKinds: [], freshnessDays: 60, minConfidence: 0 } }]);
  });

  it('fail the synth naming the desk and the field', () => {
    expect(() => readDesksJson(write('bad-desk.json', { desks: [desk, { ...desk, id: 'Báo' }] }))).toThrow(/desks\[1\]\.id: expected a short slug/);
    expect(() => synthesize({ bundle: false, outdir: join(tempDir, 'bad'), stackProps: { configFile: join(tempDir, 'bad-desk.json') } })).toThrow(
      /desks\[1\]\.id/,
    );
  });

  it('must fit in a Lambda environment', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...desk, id: `desk-${i}`, name: 'Bàn biên tập '.repeat(10) }));
    expect(() => readDesksJson(write('many-desks.json', { desks: many }))).toThrow(new RegExp(`more than the ${MAX_DESKS_JSON_BYTES}`));
  });
});
