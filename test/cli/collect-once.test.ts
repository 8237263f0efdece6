import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { REPO_ROOT } from '../../infra/local/paths';
import { createAwsClients } from '../../shared/store/clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { LOCAL_BUCKET, LOCAL_TABLE } from '../../infra/local/stores';

const run = promisify(execFile);

describe('cchc collect --once', () => {
  it('runs one cycle over the demo sites it serves itself, a line per source, into the store it is pointed at', async () => {
    const env = {
      ...process.env,
      CCHC_DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      CCHC_S3_ENDPOINT: inject('s3Endpoint'),
    };
    const { stdout, stderr } = await run(process.execPath, ['bin/cchc.mjs', 'collect', '--once', '--no-articles'], {
      cwd: REPO_ROOT,
      env,
      timeout: 120_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines.filter((line) => / · mới +\d+ · đã có +\d+/.test(line))).toHaveLength(16);
    expect(lines.at(-1)).toMatch(/^Chu kỳ xong: 16 nguồn, \d+ tin mới/);
    expect(stdout).toMatch(/so-cong-thuong-tin-tuc +lỗi .*HTTP 503/);
    // stderr has only the command's own messages: no library warnings.
    expect(stderr).not.toMatch(/AWS SDK|Warning/i);

    // What the command wrote, another process sees.
    const clients = createAwsClients({ region: 'ap-southeast-1', tableName: LOCAL_TABLE, bucketName: LOCAL_BUCKET, dynamoEndpoint: env.CCHC_DYNAMODB_ENDPOINT, s3Endpoint: env.CCHC_S3_ENDPOINT });
    const sources = await new SourcesRepository(clients).listAll();
    expect(sources).toHaveLength(16);
    expect(sources.reduce((sum, s) => sum + s.storiesCreated, 0)).toBeGreaterThan(100);

    // A second run finds nothing new.
    const again = await run(process.execPath, ['bin/cchc.mjs', 'collect', '--once', '--no-articles'], { cwd: REPO_ROOT, env, timeout: 120_000 });
    expect(again.stdout).toMatch(/Chu kỳ xong: 16 nguồn, 0 tin mới/);

    // A person corrects one story's labels; the export carries exactly that story.
    const story = (await new StoriesRepository(clients).listNewest(1, new Date()))[0]!;
    const labelled = await run(process.execPath, ['bin/cchc.mjs', 'label', story.id, '--areas', 'procedures,digital_government', '--by', 'sonoivu'], { cwd: REPO_ROOT, env });
    expect(JSON.parse(labelled.stdout)).toMatchObject({ id: story.id, relevant: true, areas: ['procedures', 'digital_government'], by: 'sonoivu' });
    const refused = await run(process.execPath, ['bin/cchc.mjs', 'label', story.id, '--areas', 'sport'], { cwd: REPO_ROOT, env }).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).not.toBe(0);
    expect((refused as { stderr: string }).stderr).toMatch(/areas/);
    const exported = await run(process.execPath, ['bin/cchc.mjs', 'export-labels'], { cwd: REPO_ROOT, env });
    const exportedLines = exported.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(exportedLines).toEqual([{ id: story.id, title: story.title, summary: story.summary ?? '', relevant: true, areas: ['procedures', 'digital_government'], variant: 'clean' }]);
    // Six processes in a row, each starting Node and the SDK: more than the default 30 s on a busy 2-core machine.
  }, 180_000);

  it('refuses a bad invocation with one line on stderr and a non-zero exit', async () => {
    const failure = await run(process.execPath, ['bin/cchc.mjs', 'collect'], { cwd: REPO_ROOT }).catch((error: { code: number; stderr: string; stdout: string }) => error);
    expect((failure as { code: number }).code).not.toBe(0);
    expect((failure as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    expect((failure as { stdout: string }).stdout).toBe('');
  });
});
