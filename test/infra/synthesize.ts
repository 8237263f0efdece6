/**
 * Builds the stack for assertion tests the way `cdk synth` does: with the
 * context of cdk.json (feature flags and `cchc:auth`), plus any overrides.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll } from 'vitest';
import { addChecks } from '../../infra/checks';
import { PipelineStack, type PipelineStackProps } from '../../infra/stacks/pipeline-stack';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The context `cdk synth` uses, so the tests see the template it deploys. */
export const cdkContext = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')).context as Record<string, unknown>;

export interface SynthesizeOptions {
  /** Bundle the functions with esbuild (slow); otherwise `aws:cdk:bundling-stacks: []`. */
  readonly bundle: boolean;
  readonly outdir?: string;
  /** Context entries that replace cdk.json's. */
  readonly context?: Record<string, unknown>;
  readonly stackProps?: Partial<PipelineStackProps>;
  /** Run the app's checks (cdk-nag, infra/checks.ts) as `cdk synth` does: an unacknowledged error throws. */
  readonly checks?: boolean;
}

/** Synthesizes the stack once. Assertions look at the template only, so bundling is usually skipped. */
export function synthesize(options: SynthesizeOptions) {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: { ...cdkContext, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context },
  });
  const stack = new PipelineStack(app, 'CchcPipelineTest', { projectRoot, ...options.stackProps });
  if (options.checks) addChecks(app);
  return { app, stack, template: Template.fromStack(stack) };
}

/**
 * Whether a logical id is one of CDK's Trigger provider (infra/constructs/seed.ts): a function and role that
 * CDK builds for the deploy-time seed, not from a definition of infra/definitions/functions.ts.
 */
export const isTriggerProvider = (logicalId: string): boolean => logicalId.startsWith('AWSCDKTriggerCustomResourceProviderCustomResourceProvider');

/**
 * For a test file that reads the default template: synthesizes the stack
 * (no bundling) into a temporary directory before the file's tests, hands
 * the template over, and removes the directory after them.
 */
export function synthesizeForFile(onSynthesized: (template: Template) => void): void {
  let outdir: string | undefined;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'cchc-cdk-'));
    onSynthesized(synthesize({ bundle: false, outdir }).template);
  });
  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });
}
