/**
 * cdk-nag's AWS Solutions checks, as `cdk synth` runs them (infra/checks.ts):
 * the stack synthesizes with them (an unacknowledged error would throw), the
 * pack finds nothing left, and every acknowledgement is one of the list
 * below, on the construct it is about, with a reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChecks } from '../../infra/checks';
import { cdkContext, projectRoot, synthesize } from './synthesize';

let app: App;
let assemblyDir: string;

beforeAll(() => {
  assemblyDir = mkdtempSync(join(tmpdir(), 'cchc-cdk-'));
  // Template.fromStack synthesizes the app, which runs the validation plugins.
  ({ app } = synthesize({ bundle: false, outdir: assemblyDir, checks: true }));
});

afterAll(() => {
  if (assemblyDir) rmSync(assemblyDir, { recursive: true, force: true });
});

/**
 * The AwsSolutions part of a cloud assembly's validation report (CDK lists a
 * plugin there only when it reported something).
 */
function nagReports(dir: string): unknown[] {
  const report = JSON.parse(readFileSync(join(dir, 'validation-report.json'), 'utf8'));
  return (report.pluginReports as { pluginName: string }[]).filter((p) => p.pluginName.includes('AwsSolutions'));
}

/** Every acknowledgement in the tree: construct path (below the stack) → rule id → reason. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path.replace(/^CchcPipelineTest\//, ''),
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

const FUNCTIONS = ['Collection/CollectDispatch', 'Collection/CollectSource', 'Collection/Article', 'Api/Handler', 'Api/ExportsHandler', 'Api/SourcePreviewHandler', 'Reminders/Handler', 'Digest/Handler', 'Seed/Handler'];
const SCHEDULED = [
  ['Collection/CollectDispatch', 'CollectionCollectDispatchFunction9EDF6810'],
  ['Reminders/Handler', 'RemindersHandlerFunctionD9FC05BD'],
  ['Digest/Handler', 'DigestHandlerFunction3CFB2B9C'],
] as const;

/** Every acknowledgement the stack may make: adding one means adding it here, reviewed. */
const EXPECTED = [
  // Active tracing's two X-Ray actions, on the traced (collection) functions only.
  ...FUNCTIONS.filter((fn) => fn.startsWith('Collection/')).map((fn) => `${fn}/Role AwsSolutions-IAM5[Resource::*]`),
  'Alarms/Topic AwsSolutions-SNS2',
  'Collection/CollectSource/Role AwsSolutions-IAM5[Resource::<SnapshotBucket.Arn>/raw/*]',
  'Api/Handler/Role AwsSolutions-IAM5[Resource::<SnapshotBucket.Arn>/uploads/*]',
  'Api/Handler/Role AwsSolutions-IAM5[Resource::<SnapshotBucket.Arn>/digests/*]',
  'Digest/Handler/Role AwsSolutions-IAM5[Resource::<SnapshotBucket.Arn>/digests/*]',
  ...SCHEDULED.map(([fn, id]) => `${fn}/SchedulerRole AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`),
  'ScheduleDeadLetterQueue AwsSolutions-SQS3',
  'Storage/Bucket AwsSolutions-S1',
  'Api/HttpApi/DefaultRoute AwsSolutions-APIG4',
  'Api/HttpApi/GET--exports--{proxy+} AwsSolutions-APIG4',
  'Api/HttpApi/GET--sources-preview--{proxy+} AwsSolutions-APIG4',
  'Api/HttpApi/POST--sources-preview--{proxy+} AwsSolutions-APIG4',
  'Api/HttpApi/POST--api--v1--sources--test AwsSolutions-APIG4',
  'Auth/UserPool AwsSolutions-COG2',
  'Auth/UserPool AwsSolutions-COG8',
  // CDK's Trigger provider (infra/constructs/seed.ts) invokes the seed function's versions (`<function>:*`).
  'AWSCDK.TriggerCustomResourceProviderCustomResourceProvider/Role AwsSolutions-IAM5[Resource::<SeedHandlerFunctionA97ED9B8.Arn>:*]',
].sort();

describe('cdk-nag (AWS Solutions)', () => {
  it('finds nothing that is not fixed or acknowledged, errors and warnings alike', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('leaves no AwsSolutions finding in the validation report of the synthesis', () => {
    expect(nagReports(assemblyDir)).toEqual([]);
  });

  it('stops a synthesis with an unacknowledged error (addChecks is what infra/app.ts calls)', () => {
    const probe = new App({ outdir: join(assemblyDir, 'probe') });
    const stack = new Stack(probe, 'Probe');
    new sqs.Queue(stack, 'PlainQueue');
    addChecks(probe);
    expect(() => probe.synth()).toThrow(/AwsSolutions-SQS4/);
  });

  it('passes the checks when run as `cdk synth` runs the app (infra/app.ts, offline, no credentials)', () => {
    const outdir = join(assemblyDir, 'app');
    const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkContext, 'aws:cdk:bundling-stacks': [] }) };
    // As without credentials: the stack stays environment-agnostic.
    delete env.CDK_DEFAULT_ACCOUNT;
    execFileSync(process.execPath, ['bin/run-ts.mjs', 'infra/app.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(existsSync(join(outdir, 'CchcPipeline.template.json'))).toBe(true);
    expect(nagReports(outdir)).toEqual([]);
  }, 120_000);

  it('acknowledges only the reviewed findings, each on its own construct', () => {
    const found = acknowledgements(app)
      .filter((a) => a.id.startsWith('AwsSolutions-'))
      .map((a) => `${a.path} ${a.id}`);
    expect([...new Set(found)].sort()).toEqual(EXPECTED);
  });

  it('gives every acknowledgement a real reason', () => {
    for (const { path, id, reason } of acknowledgements(app)) {
      expect(reason.length, `${path} ${id}`).toBeGreaterThan(80);
    }
  });
});
