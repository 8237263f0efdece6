/**
 * The checks every synthesis of the app runs: cdk-nag's AWS Solutions pack,
 * as a CDK policy-validation plugin. An unacknowledged error stops `cdk
 * synth` and `cdk deploy`; warnings are printed. Findings are fixed in the
 * constructs or acknowledged there, next to the resource, with
 * `Validations.of(construct).acknowledge({ id, reason })` and a reason that
 * says why the finding does not apply (test/infra/nag.test.ts keeps the
 * report empty).
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/** Registers the checks on an app (before `app.synth()`). */
export function addChecks(app: App): void {
  // Verbose: each finding says why the rule exists, not only what failed.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
