/**
 * The local side of the digest: the copies `cchc digest` writes under
 * `.cchc/digests/<week>/` (the contract: it prints local paths), the same
 * bytes as the S3 archive. A file that already holds those bytes is left
 * alone, so a sent digest's files are never rewritten.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DigestContent } from './content';
import { renderDigestHtml, renderDigestJson } from './render';

/** Writes `<dir>/<week>/digest.html` and `digest.json`; returns their absolute paths. */
export async function writeLocalDigest(dir: string, content: DigestContent): Promise<{ html: string; json: string }> {
  const folder = resolve(join(dir, content.week));
  await mkdir(folder, { recursive: true });
  const files = { html: join(folder, 'digest.html'), json: join(folder, 'digest.json') };
  const bodies = { html: renderDigestHtml(content), json: renderDigestJson(content) };
  for (const kind of ['html', 'json'] as const) {
    const current = await readFile(files[kind], 'utf8').catch(() => null);
    if (current !== bodies[kind]) await writeFile(files[kind], bodies[kind], 'utf8');
  }
  return files;
}
