/**
 * Sources and agencies seeded by the deploy itself (issue 8): a CDK Trigger
 * runs the config-seed function after the table exists, again whenever the
 * bundled configuration file changes, and the function carries that file in
 * its bundle (no environment variable could hold it).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledInputs, buildFunctionBundle } from '../../bench/bundles';
import { CONFIG_HASH_PROPERTY, SEED_CONFIG_FILE } from '../../infra/constructs/seed';
import { FUNCTIONS } from '../../infra/definitions/functions';
import { isTriggerProvider, projectRoot, synthesizeForFile } from './synthesize';

type Json = Record<string, any>;

let resources: Record<string, Json>;
synthesizeForFile((template) => (resources = template.toJSON().Resources));

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const seedFunctionId = () => ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Description === FUNCTIONS['config-seed'].description)![0];
const trigger = () => {
  const triggers = ofType('Custom::Trigger');
  expect(triggers).toHaveLength(1);
  return triggers[0]![1];
};

describe('the deploy-time seed', () => {
  it('is a Trigger on the config-seed function’s current version, run synchronously, again when the function changes', () => {
    const { Properties: props } = trigger();
    const versionId = props.HandlerArn.Ref as string;
    expect(resources[versionId]).toMatchObject({ Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: seedFunctionId() } } });
    expect(props).toMatchObject({ InvocationType: 'RequestResponse', ExecuteOnHandlerChange: true });
    expect(props.ServiceToken['Fn::GetAtt'][0]).toSatisfy(isTriggerProvider);
    // The provider waits longer than the function may run.
    expect(Number(props.Timeout)).toBeGreaterThan(FUNCTIONS['config-seed'].timeoutSeconds * 1000);
  });

  it('runs after the table and the function’s role and grants exist', () => {
    const dependsOn = trigger().DependsOn as string[];
    expect(dependsOn).toContain('StoriesTable');
    const roleId = resources[seedFunctionId()]!.Properties.Role['Fn::GetAtt'][0];
    const policyIds = ofType('AWS::IAM::Policy').filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId)).map(([id]) => id);
    expect(policyIds).toHaveLength(1);
    expect(dependsOn).toEqual(expect.arrayContaining([roleId, ...policyIds, seedFunctionId()]));
  });

  it('carries the SHA-256 of the bundled file, so a changed file runs the seed on the next deploy', () => {
    const file = readFileSync(join(projectRoot, SEED_CONFIG_FILE));
    expect(trigger().Properties[CONFIG_HASH_PROPERTY]).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('the function gets the table only: its name, no bucket, no queue, no desks', () => {
    const variables = resources[seedFunctionId()]!.Properties.Environment.Variables as Json;
    expect(Object.keys(variables).sort()).toEqual(['POWERTOOLS_SERVICE_NAME', 'TABLE_NAME']);
    expect(variables.TABLE_NAME).toEqual({ Ref: 'StoriesTable' });
  });

  it('gives CDK’s provider function a log group with a retention and no managed policy', () => {
    const [providerId, provider] = ofType('AWS::Lambda::Function').find(([id]) => isTriggerProvider(id))!;
    const logGroupId = provider.Properties.LoggingConfig?.LogGroup?.Ref as string;
    expect(resources[logGroupId], providerId).toMatchObject({ Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', Properties: { RetentionInDays: 30 } });
    const roleId = provider.Properties.Role['Fn::GetAtt'][0];
    expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('the config-seed bundle', () => {
  let outDir: string;
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('contains config/agencies.json, every agency of it', async () => {
    outDir = mkdtempSync(join(tmpdir(), 'cchc-seed-bundle-'));
    const bundle = await buildFunctionBundle('config-seed', outDir, true);
    expect(bundledInputs(bundle.metafile)).toContain(SEED_CONFIG_FILE);
    const text = readFileSync(bundle.file, 'utf8');
    const file = JSON.parse(readFileSync(join(projectRoot, SEED_CONFIG_FILE), 'utf8')) as { agencies: { id: string; name: string }[] };
    for (const agency of file.agencies) {
      expect(text, agency.id).toContain(agency.id);
      expect(text, agency.id).toContain(agency.name);
    }
  }, 60_000);
});
