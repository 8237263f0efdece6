/**
 * The functions' bundles, built with the stack's own esbuild options
 * (infra/definitions/bundling.ts): what each may carry. Guards the import
 * splits of issue 7 — parsers and the spreadsheet writer out of the api
 * function, the S3 client out of functions without bucket access, cheerio's
 * fetch and decode half (undici, encoding-sniffer) and zod's locales out of
 * every function — so a stray import cannot quietly bring them back.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_FORBIDDEN_PACKAGES, BUNDLE_TARGETS, buildFunctionBundle, bundledInputs, chunkFiles, importChain, packagesAtInit, packagesIn, type FunctionBundle } from '../../bench/bundles';
import { FUNCTIONS, FUNCTION_NAMES, type FunctionName } from '../../infra/definitions/functions';
import { BESIDE_BUNDLE } from '../../infra/definitions/bundling';

const bundles = new Map<FunctionName, FunctionBundle>();
const bundleOf = async (name: FunctionName) => {
  if (!bundles.has(name)) bundles.set(name, await buildFunctionBundle(name, tmpdir(), false));
  return bundles.get(name)!;
};

/** Builds one function's package into a temporary directory for `use`, then removes it. */
async function withBuiltBundle(name: FunctionName, use: (bundle: FunctionBundle) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-package-'));
  try {
    use(await buildFunctionBundle(name, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs an ES module script in a fresh node with only PATH and `env` set; its last line of output. */
const runInFreshNode = (script: string, env: Record<string, string>): string =>
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', ...env } }).trim().split('\n').at(-1)!;

/** What to show when a package is where it must not be: the chain of imports that pulls it. */
const why = (bundle: FunctionBundle, pkg: string) => `${bundle.name} pulls ${pkg} via\n  ${(importChain(bundle.metafile, pkg) ?? []).join('\n  ')}`;

const usesBucket = (name: FunctionName) => FUNCTIONS[name].bucketPutPrefix !== undefined || FUNCTIONS[name].bucketUploadsPrefix !== undefined;

describe('function bundles', () => {
  it('keep parsers and the spreadsheet writer out of the api function', async () => {
    const api = await bundleOf('api');
    const packages = packagesIn(api.metafile);
    for (const pkg of API_FORBIDDEN_PACKAGES) expect(packages.has(pkg), why(api, pkg)).toBe(false);
  }, 30_000);

  it.each(FUNCTION_NAMES.filter((name) => !usesBucket(name)))('keep @aws-sdk/client-s3 out of %s (no bucket access)', async (name) => {
    const bundle = await bundleOf(name);
    expect(packagesIn(bundle.metafile).has('@aws-sdk/client-s3'), why(bundle, '@aws-sdk/client-s3')).toBe(false);
  }, 30_000);

  it.each(FUNCTION_NAMES)('keep undici, encoding-sniffer and zod locales out of %s', async (name) => {
    const bundle = await bundleOf(name);
    const packages = packagesIn(bundle.metafile);
    for (const pkg of ['undici', 'encoding-sniffer', 'iconv-lite']) expect(packages.has(pkg), why(bundle, pkg)).toBe(false);
    // `import { z } from 'zod'` keeps zod's 40 locales (≈ 190 KB); `import * as z` lets esbuild drop them.
    const locales = bundledInputs(bundle.metafile).filter((input) => input.includes('zod/v4/locales/') && !input.endsWith('/en.js') && !input.endsWith('/index.js'));
    expect(locales, `${name}: some module imports { z } from 'zod'`).toEqual([]);
    // The aliases of infra/definitions/bundling.ts: no XML writer, one build of one entities.
    expect(packages.has('xmlbuilder'), why(bundle, 'xmlbuilder')).toBe(false);
    const entities = bundledInputs(bundle.metafile).filter((input) => /node_modules\/(.*\/)?entities\//.test(input));
    expect(entities.filter((input) => !input.startsWith('node_modules/entities/dist/esm/')), `${name}: another build or version of entities`).toEqual([]);
    // A ceiling against a package's return, not the target itself (the bench reports that, ✓/✗ per function).
    expect(bundle.bytes / 1024).toBeLessThanOrEqual(BUNDLE_TARGETS.sizeKb * 1.5);
  }, 30_000);

  /**
   * What each function's cold start may leave for later (issue 7's init
   * target): in the bundle, but only in chunks behind an `import()`.
   */
  const LOADED_ON_FIRST_USE: [FunctionName, string[]][] = [
    ['collect-source', ['cheerio', 'parse5', 'rss-parser', 'xml2js', 'htmlparser2', '@aws-sdk/client-s3']],
    ['exports', ['exceljs', 'jszip']],
    // Opening the page and the form parses nothing; the first test of a source loads the parsers.
    ['source-preview', ['cheerio', 'parse5', 'htmlparser2']],
    ['api', ['@aws-sdk/client-sesv2', '@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-s3', '@aws-sdk/s3-presigned-post']],
    // The Monday 08:00 watchdog run sends nothing: SES, the user pool and the archive's bucket wait for the send.
    ['digest', ['@aws-sdk/client-sesv2', '@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-s3']],
  ];
  it.each(LOADED_ON_FIRST_USE)('leave %s’s %j to chunks its cold start does not load', async (name, later) => {
    const bundle = await bundleOf(name);
    const everything = packagesIn(bundle.metafile);
    const atInit = packagesAtInit(bundle.metafile);
    for (const pkg of later) {
      expect(everything.has(pkg), `${name} no longer contains ${pkg}: update this list`).toBe(true);
      expect(atInit.has(pkg), `${name} loads ${pkg} at init: a static import brought it back`).toBe(false);
    }
  }, 30_000);

  it.each(FUNCTION_NAMES)('ship %s’s data files beside every output that reads them (the entry or a chunk)', (name) =>
    withBuiltBundle(name, (bundle) => {
      for (const output of [bundle.file, ...chunkFiles(bundle.file)]) {
        const text = readFileSync(output, 'utf8');
        for (const data of BESIDE_BUNDLE.map((path) => basename(path))) {
          // The api's classifier is a chunk: its model must be in chunks/ too, or the first submit fails with ENOENT.
          if (text.includes(`./${data}`)) expect(existsSync(join(dirname(output), data)), `${name}: ${basename(output)} reads ${data}`).toBe(true);
        }
      }
    }), 30_000);

  it('run the api’s classifier from its chunk in a fresh node, reading the model shipped beside it', () =>
    withBuiltBundle('api', (bundle) => {
      const chunk = chunkFiles(bundle.file).find((file) => basename(file).startsWith('default-classifier-'));
      expect(chunk, 'the api imports its classifier on first use, as a chunk').toBeDefined();
      // The chunk's export names are minified: find the classifier by its shape.
      const script = `const m = await import(${JSON.stringify(pathToFileURL(chunk!).href)});
const c = Object.values(m).find((v) => v && typeof v.classify === 'function' && typeof v.version === 'string');
console.log(JSON.stringify(c.classify({ title: 'Bình Định cắt giảm 30% thời gian giải quyết thủ tục hành chính' })));`;
      const result = JSON.parse(runInFreshNode(script, {})) as { relevant: boolean; areas: string[] };
      expect(result.relevant).toBe(true);
      expect(result.areas[0]).toBe('procedures');
    }), 30_000);

  it.each(['collect-source', 'api'] as const)('write chunks that Node loads: every chunk of %s imports in a fresh process', (name) =>
    withBuiltBundle(name, (bundle) => {
      const chunks = chunkFiles(bundle.file);
      expect(chunks.length, name).toBeGreaterThan(1);
      const script = `for (const f of ${JSON.stringify(chunks.map((c) => pathToFileURL(c).href))}) await import(f); const m = await import(${JSON.stringify(pathToFileURL(bundle.file).href)}); console.log(typeof m.handler);`;
      expect(runInFreshNode(script, { AWS_REGION: 'ap-southeast-1', POWERTOOLS_LOG_LEVEL: 'SILENT' }), name).toBe('function');
    }), 60_000);
});
