/**
 * The golden test of `cchc extract` over every case in test/fixtures/sites,
 * compared by the rules of test/fixtures/README.md. The command runs
 * in-process through the same `run` the binary uses, so exit code, stdout
 * and stderr are what is checked; one case also goes through the real binary.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../../infra/cli/extract';
import type { CommandIo } from '../../infra/cli/io';

const REPO = resolve(import.meta.dirname, '../..');
const SITES = join(REPO, 'test/fixtures/sites');

interface Meta {
  contentType: string;
  url: string;
  expectError: boolean;
  why: string;
  needsNetwork?: boolean;
}

interface Line {
  title: string;
  url: string;
  publishedAt: string | null;
  summary: string | null;
}

const cases = readdirSync(SITES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function argvFor(name: string, meta: Meta): string[] {
  const dir = join(SITES, name);
  const argv = ['--source', join(dir, 'source.json'), '--file', join(dir, 'body'), '--url', meta.url];
  argv.push('--content-type', meta.contentType);
  // The auto case: offline, the discovered feed's bytes come from body-feed (README, step 4).
  if (existsSync(join(dir, 'body-feed'))) argv.push('--feed-file', join(dir, 'body-feed'));
  return argv;
}

async function runInProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => '',
    isTty: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const jsonLines = (text: string): Line[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Line);

const EXPLICIT_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** publishedAt: both null, or both ISO 8601 with an explicit offset and the same instant. */
function expectSameInstant(actual: string | null, expected: string | null, where: string): void {
  if (expected === null) {
    expect(actual, where).toBeNull();
    return;
  }
  expect(actual, where).toMatch(EXPLICIT_OFFSET);
  expect(Date.parse(actual!), where).toBe(Date.parse(expected));
}

describe('cchc extract on the fixture corpus', () => {
  it('finds exactly the 16 documented cases', () => {
    expect(cases).toHaveLength(16);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(SITES, name);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
    const { code, stdout, stderr } = await runInProcess(argvFor(name, meta));

    if (meta.expectError) {
      expect(code, stderr).not.toBe(0);
      expect(stdout).toBe('');
      const lines = stderr.split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.trim()).not.toBe('');
      return;
    }

    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    const expected = jsonLines(readFileSync(join(dir, 'expected.jsonl'), 'utf8'));
    const actual = jsonLines(stdout);
    expect(actual).toHaveLength(expected.length);
    expected.forEach((want, index) => {
      const got = actual[index]!;
      const where = `${name} item ${index}`;
      expect(Object.keys(got).sort(), where).toEqual(['publishedAt', 'summary', 'title', 'url']);
      expect(got.title, where).toBe(want.title);
      expect(got.url, where).toBe(want.url);
      expect(got.summary, where).toBe(want.summary);
      expectSameInstant(got.publishedAt, want.publishedAt, where);
    });
  });
});

describe('the cchc binary', () => {
  it('prints the items of a fixture as JSON lines when spawned as `node bin/cchc.mjs extract`', async () => {
    const meta = JSON.parse(readFileSync(join(SITES, 'rss-plain/meta.json'), 'utf8')) as Meta;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['bin/cchc.mjs', 'extract', ...argvFor('rss-plain', meta)],
      { cwd: REPO, encoding: 'utf8' },
    );
    const expected = jsonLines(readFileSync(join(SITES, 'rss-plain/expected.jsonl'), 'utf8'));
    const actual = jsonLines(stdout);
    expect(stderr).toBe('');
    expect(actual.map((line) => line.title)).toEqual(expected.map((line) => line.title));
    expect(actual.map((line) => line.url)).toEqual(expected.map((line) => line.url));
  });
});
