import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../infra/local/paths';

function runClassify(input: string, args: string[] = []): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/cchc.mjs', 'classify', ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

describe('cchc classify', () => {
  it('answers one line per input line, in order; malformed lines get an error and the rest go through', async () => {
    const input = [
      JSON.stringify({ id: 'ok-1', title: 'Bình Định đẩy mạnh dịch vụ công trực tuyến toàn trình', summary: 'Người dân nộp hồ sơ tại nhà.' }),
      '{"id": "broken", "title": ',
      JSON.stringify({ id: 'no-title', summary: 'Thiếu tiêu đề' }),
    ].join('\n');
    const { stdout, code } = await runClassify(input + '\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0])).toEqual(['id', 'relevant', 'areas', 'confidence', 'evidence']);
    expect(lines[0]).toMatchObject({ id: 'ok-1', relevant: true });
    expect(lines[0].areas[0]).toBe('procedures');
    expect(lines[0].evidence).toContain('dịch vụ công trực tuyến');
    expect(lines[1]).toEqual({ id: null, error: expect.stringMatching(/JSON/) });
    expect(lines[2]).toEqual({ id: 'no-title', error: expect.stringMatching(/title/) });
  });

  it('--help prints usage and exits 0', async () => {
    const { stdout, code } = await runClassify('', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/usage: cchc classify/);
  });
});
