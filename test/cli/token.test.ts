import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { REPO_ROOT } from '../../infra/local/paths';
import { createAwsClients } from '../../shared/store/clients';
import { ApiTokenStore } from '../../shared/auth';
import { LOCAL_BUCKET, LOCAL_TABLE } from '../../infra/local/stores';

const run = promisify(execFile);

describe('cchc token', () => {
  it('issues a token in a local user\'s name that the API accepts, lists it and revokes it', async () => {
    const env = { ...process.env, CCHC_DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), CCHC_S3_ENDPOINT: inject('s3Endpoint') };
    const cchc = (...args: string[]) => run(process.execPath, ['bin/cchc.mjs', 'token', ...args], { cwd: REPO_ROOT, env });
    const issued = JSON.parse((await cchc('issue', '--user', 'truyenhinh', '--label', 'hệ thống phát sóng')).stdout) as { token: string; id: string; role: string };
    expect(issued.token).toMatch(/^cchc_/);
    expect(issued.role).toBe('editor-tv');

    const clients = createAwsClients({ region: 'ap-southeast-1', tableName: LOCAL_TABLE, bucketName: LOCAL_BUCKET, dynamoEndpoint: env.CCHC_DYNAMODB_ENDPOINT, s3Endpoint: env.CCHC_S3_ENDPOINT });
    const tokens = new ApiTokenStore(clients);
    expect(await tokens.verify(issued.token, new Date())).toMatchObject({ userId: 'truyenhinh', role: 'editor-tv', via: 'token' });

    const listed = (await cchc('list')).stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; label: string });
    expect(listed.find((info) => info.id === issued.id)?.label).toBe('hệ thống phát sóng');
    expect(JSON.stringify(listed)).not.toContain(issued.token);

    await cchc('revoke', issued.id);
    expect(await tokens.verify(issued.token, new Date())).toBeNull();

    const refused = await cchc('issue', '--user', 'khong-co').catch((error: { code: number; stderr: string }) => error);
    expect((refused as { code: number }).code).not.toBe(0);
    expect((refused as { stderr: string }).stderr).toMatch(/no local user "khong-co"/);
  }, 120_000);
});
