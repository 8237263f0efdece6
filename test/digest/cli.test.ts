/** `cchc digest` as a process, on the test servers and a temp data folder. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../infra/local/paths';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'cchc-digest-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('cchc digest', () => {
  it('prints the absolute paths it wrote, sends once with --send, then says "already sent at" and exits 0', async () => {
    const env = { ...process.env, CCHC_DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), CCHC_S3_ENDPOINT: inject('s3Endpoint'), CCHC_DATA_DIR: dataDir };
    // A week no other test touches (the local table is shared by the CLI tests).
    const week = `20${String(10 + Math.floor(Math.random() * 9))}-W0${1 + Math.floor(Math.random() * 9)}`;
    const cchc = (...args: string[]) => run(process.execPath, ['bin/cchc.mjs', 'digest', ...args], { cwd: REPO_ROOT, env, timeout: 120_000 });

    const preview = await cchc('--week', week);
    const [html, json] = preview.stdout.trim().split('\n');
    expect(isAbsolute(html!) && html!.endsWith(join('digests', week, 'digest.html'))).toBe(true);
    expect(json).toBe(join(dataDir, 'digests', week, 'digest.json'));
    expect(JSON.parse(readFileSync(json!, 'utf8'))).toMatchObject({ week, empty: true });

    const sent = await cchc('--week', week, '--send');
    expect(sent.stdout).toMatch(/sent to 4 recipient\(s\)/);
    expect(readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(4);

    const again = await cchc('--week', week, '--send');
    expect(again.stdout.trim().split('\n').at(-1)).toMatch(/^already sent at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(4);
    expect(existsSync(html!)).toBe(true);

    const bad = await cchc('--week', '2025-W54').catch((error: { code: number; stderr: string }) => error);
    expect((bad as { code: number }).code).not.toBe(0);
    expect((bad as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  }, 180_000);
});
