/**
 * The CDK app (`cdk synth`, `cdk deploy`; see cdk.json). One stack. The
 * account and region come from the CDK CLI's environment when it has
 * credentials and stay unresolved otherwise, so synthesis works offline with
 * no AWS credentials at all. Nothing is looked up (no `fromLookup`).
 * Every synthesis runs cdk-nag's AWS Solutions checks (infra/checks.ts).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Tags } from 'aws-cdk-lib';
import { addChecks } from './checks';
import { PipelineStack } from './stacks/pipeline-stack';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The CLI always fills in a region (us-east-1 when it knows none) but an
// account only when it found credentials. Without an account the stack stays
// environment-agnostic instead of naming a region nobody chose.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const env = account ? { account, region: process.env.CDK_DEFAULT_REGION } : undefined;

const app = new App();
new PipelineStack(app, 'CchcPipeline', {
  projectRoot,
  description: 'CCHC news pipeline (Binh Dinh): collection, article text, pages and API',
  env,
});
Tags.of(app).add('project', 'cchc-pipeline');
addChecks(app);
app.synth();
