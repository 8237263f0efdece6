/**
 * The functions' bundles, built with the stack's own esbuild options
 * (infra/definitions/bundling.ts): what each may carry. Guards the import
 * splits of issue 7 — parsers and the spreadsheet writer out of the api
 * function, the S3 client out of functions without bucket access, cheerio's
 * fetch and decode half (undici, encoding-sniffer) and zod's locales out of
 * every function — so a stray import cannot quietly bring them back.
 */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { API_FORBIDDEN_PACKAGES, BUNDLE_TARGETS, buildFunctionBundle, bundledInputs, importChain, packagesIn, type FunctionBundle } from '../../bench/bundles';
import { FUNCTIONS, FUNCTION_NAMES, type FunctionName } from '../../infra/definitions/functions';

const bundles = new Map<FunctionName, FunctionBundle>();
const bundleOf = async (name: FunctionName) => {
  if (!bundles.has(name)) bundles.set(name, await buildFunctionBundle(name, tmpdir(), false));
  return bundles.get(name)!;
};

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
});
