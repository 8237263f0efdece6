/**
 * The Lambda bundles' credentials (infra/definitions/lambda-credentials.ts,
 * swapped in for the SDK's default chain by the esbuild alias of
 * infra/definitions/bundling.ts): a real SDK client, bundled with the
 * stack's options, signs with the environment's credentials against
 * DynamoDB Local, and the chain's other links are gone from every bundle.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildFunctionBundle, packagesIn } from '../../bench/bundles';
import { ENTRY_FILE, esbuildOptionsFor } from '../../infra/definitions/bundling';
import { FUNCTION_NAMES } from '../../infra/definitions/functions';
import { REPO_ROOT } from '../../infra/local/paths';

const run = promisify(execFile);
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cchc-credentials-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({ region: 'ap-southeast-1', endpoint: process.env.TEST_ENDPOINT });
const answer = await client.send(new ListTablesCommand({}));
console.log(JSON.stringify({ tables: Array.isArray(answer.TableNames) }));`,
  );
  bundle = join(dir, 'out', ENTRY_FILE);
  await build({ ...esbuildOptionsFor(entry, join(dir, 'out')), absWorkingDir: REPO_ROOT, nodePaths: [join(REPO_ROOT, 'node_modules')], logLevel: 'error' });
}, 30_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The bundle in a fresh node, with exactly this environment (as Lambda sets it). */
const runBundle = (env: Record<string, string>) => run(process.execPath, [bundle], { env: { PATH: process.env.PATH ?? '', TEST_ENDPOINT: inject('dynamoEndpoint'), ...env } });

describe('credentials in the Lambda bundles', () => {
  it('are the environment’s: a bundled client signs with them and DynamoDB answers', async () => {
    const { stdout } = await runBundle({ AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
    expect(JSON.parse(stdout)).toEqual({ tables: true });
  }, 30_000);

  it('are refused clearly when the environment has none (no profile, SSO or metadata lookup behind them)', async () => {
    await expect(runBundle({})).rejects.toMatchObject({ stderr: expect.stringMatching(/environment variable credentials/i) });
  }, 30_000);

  it.each(FUNCTION_NAMES)('leave the default chain and its nested STS/SSO clients out of %s', async (name) => {
    const packages = packagesIn((await buildFunctionBundle(name, tmpdir(), false)).metafile);
    for (const pkg of ['@aws-sdk/credential-provider-node', '@aws-sdk/nested-clients', '@aws-sdk/credential-provider-sso', '@aws-sdk/credential-provider-ini']) {
      expect(packages.has(pkg), `${name} bundles ${pkg}`).toBe(false);
    }
  }, 30_000);
});
