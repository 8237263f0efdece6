/**
 * How every Lambda function is bundled, defined once: the CDK construct
 * (`infra/constructs/lambda-function.ts`), the bundle benchmark
 * (`bench/bundles.ts`) and the bundle test (`test/unit/bundles.test.ts`) all
 * build through {@link bundleFunction}, so what they measure is what AWS runs.
 *
 * A function is an ES module split into chunks: `index.mjs` holds what the
 * handler needs at once, and every `await import()` on the way (the parsers
 * when a page has changed, the spreadsheet writer when one is asked for, a
 * route's code on its first request) becomes a chunk that Node compiles only
 * when it is first imported. One 1 MB file is compiled whole at every cold
 * start: ≈ 60–110 ms on this machine before a line of it runs. NodejsFunction
 * cannot split (it writes a single `--outfile`), so the construct calls
 * esbuild itself, through the same function as the benchmark.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { BuildOptions, BuildResult } from 'esbuild';

/**
 * The esbuild target of the Lambda runtime (`nodejs24.x` → `node24`); keep
 * in step with the construct's RUNTIME.
 */
export const LAMBDA_ESBUILD_TARGET = 'node24';

/**
 * esbuild emits ESM that may still call `require()` for Node built-ins from
 * CommonJS dependencies (sanitize-html, iconv-lite, the SDK's smithy parts);
 * ESM has no `require`, so every output file (entry and chunks) defines one first.
 */
export const ESM_REQUIRE_SHIM =
  "import { createRequire as __cchcCreateRequire } from 'node:module'; const require = __cchcCreateRequire(import.meta.url);";

/**
 * Data files a bundle reads from its own directory at run time, relative to
 * the project root; copied beside every bundle (the stack's, the bench's),
 * its entry and its chunks.
 * The classifier's model is read, not bundled (shared/classify/classify.ts).
 */
export const BESIDE_BUNDLE = ['shared/classify/ranker-model.json'] as const;

/** The entry file Lambda loads: `index.handler`. */
export const ENTRY_FILE = 'index.mjs';

/** Where the chunks go, beside the entry. */
export const CHUNKS_DIR = 'chunks';

/** The bundling options every function shares. */
export const BUNDLING = {
  // Prefer packages' ESM builds: they tree-shake far better.
  mainFields: ['module', 'main'],
  minify: true,
  // Minified class names would turn `SourceFetchError` into `e` in logs.
  keepNames: true,
  // Vietnamese strings stay readable (and smaller) instead of \u escapes.
  charset: 'utf8',
  /**
   * Modules swapped at bundling, each to a file relative to the project
   * root: the SDK's default credential chain becomes the environment's
   * credentials alone, all Lambda can have (`lambda-credentials.ts`), and
   * xml2js's XML writer, which rss-parser never uses, a refusal
   * (`no-xml-builder.ts`); and `entities` (one version for every parser,
   * package.json's overrides) its ES module build only: rss-parser's
   * `require('entities')` would otherwise bring the CommonJS build too, the
   * same 60 KB twice. Subpaths follow (`entities/decode` → `…/esm/decode`).
   * `bowser`, which the SDK imports only in browsers, a refusal too
   * (`no-bowser.ts`).
   */
  alias: {
    '@aws-sdk/credential-provider-node': './infra/definitions/lambda-credentials.ts',
    xmlbuilder: './infra/definitions/no-xml-builder.ts',
    bowser: './infra/definitions/no-bowser.ts',
    entities: './node_modules/entities/dist/esm',
  },
} as const;

/**
 * The esbuild options for one function's entry, written to `outdir`. The AWS
 * SDK is bundled rather than taken from the runtime, so AWS runs exactly
 * the versions pinned in package-lock.json and tested locally.
 */
export function esbuildOptionsFor(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entry },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    chunkNames: `${CHUNKS_DIR}/[name]-[hash]`,
    platform: 'node',
    target: LAMBDA_ESBUILD_TARGET,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: ESM_REQUIRE_SHIM },
    minify: BUNDLING.minify,
    keepNames: BUNDLING.keepNames,
    charset: BUNDLING.charset,
    // Resolved from esbuild's working directory: bundleFunction sets absWorkingDir to the project root.
    alias: { ...BUNDLING.alias },
    logLevel: 'warning',
  };
}

/** What a caller may add: the stack writes source maps, the test reads the metafile without writing. */
export interface BundleExtras {
  /** Line numbers are enough: the maps carry no sources, which keeps the asset small. */
  readonly sourcemap?: boolean;
  readonly metafile?: boolean;
  readonly write?: boolean;
}

/**
 * Bundles one function (its entry relative to the project root) into
 * `outdir`, synchronously, as CDK's local bundling requires, and copies the
 * data files it reads beside itself ({@link BESIDE_BUNDLE}).
 */
export function bundleFunction(projectRoot: string, entry: string, outdir: string, extras: BundleExtras = {}): BuildResult {
  // The project's own esbuild (a devDependency), whatever directory the caller runs in.
  const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild') as typeof import('esbuild');
  const write = extras.write ?? true;
  const result = esbuild.buildSync({
    ...esbuildOptionsFor(join(projectRoot, entry), outdir),
    absWorkingDir: projectRoot,
    sourcemap: extras.sourcemap ?? false,
    sourcesContent: false,
    metafile: extras.metafile ?? false,
    write,
    logLevel: 'error',
  });
  if (write) {
    // Beside the entry and beside the chunks: a module reads its data from its own directory
    // (`new URL('./…', import.meta.url)`), and the reader may land in either (the api's
    // classifier is a chunk).
    const chunks = join(outdir, CHUNKS_DIR);
    for (const dir of existsSync(chunks) ? [outdir, chunks] : [outdir]) for (const data of BESIDE_BUNDLE) copyFileSync(join(projectRoot, data), join(dir, basename(data)));
  }
  return result;
}
