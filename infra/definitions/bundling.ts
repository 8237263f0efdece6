/**
 * How every Lambda function is bundled, defined once. The CDK construct
 * (`infra/constructs/lambda-function.ts`) hands these options to
 * NodejsFunction; the bundle benchmark (`bench/bundles.ts`) and the bundle
 * test (`test/unit/bundles.test.ts`) call esbuild with exactly the same ones
 * through {@link esbuildOptionsFor}, so what they measure is what AWS runs.
 *
 * Plain data on purpose, like `functions.ts`: no CDK or esbuild import.
 */

/**
 * The esbuild target NodejsFunction derives from the runtime
 * (`nodejs24.x` → `node24`); keep in step with the construct's RUNTIME.
 */
export const LAMBDA_ESBUILD_TARGET = 'node24';

/**
 * esbuild emits ESM that may still call `require()` for Node built-ins from
 * CommonJS dependencies (sanitize-html, iconv-lite, the SDK's smithy parts);
 * ESM has no `require`, so the bundle defines one first.
 */
export const ESM_REQUIRE_SHIM =
  "import { createRequire as __cchcCreateRequire } from 'node:module'; const require = __cchcCreateRequire(import.meta.url);";

/**
 * Data files a bundle reads from its own directory at run time, relative to
 * the project root; copied beside every bundle (the stack's, the bench's).
 * The classifier's model is read, not bundled (shared/classify/classify.ts).
 */
export const BESIDE_BUNDLE = ['shared/classify/ranker-model.json'] as const;

/** The bundling options every function shares. */
export const BUNDLING = {
  format: 'esm',
  // Prefer packages' ESM builds: they tree-shake far better.
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_SHIM,
  // Bundle the AWS SDK rather than use the runtime's copy, so AWS runs
  // exactly the versions pinned in package-lock.json and tested locally.
  bundleAwsSdk: true,
  minify: true,
  sourceMap: true,
  // Line numbers are enough; leaving the sources out keeps the asset small.
  sourcesContent: false,
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
   */
  alias: {
    '@aws-sdk/credential-provider-node': './infra/definitions/lambda-credentials.ts',
    xmlbuilder: './infra/definitions/no-xml-builder.ts',
    entities: './node_modules/entities/dist/esm',
  },
} as const;

/**
 * The esbuild build options (JavaScript API spelling) equivalent to the
 * command line NodejsFunction builds from {@link BUNDLING}, for one entry.
 * `sourcemap` is off: the map is a separate file that Node reads only under
 * --enable-source-maps (and then at load, not on an error), which the stack
 * does not set (lambda-function.ts), so the benchmark measures what Lambda loads.
 */
export function esbuildOptionsFor(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node' as const,
    target: LAMBDA_ESBUILD_TARGET,
    format: BUNDLING.format,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    minify: BUNDLING.minify,
    keepNames: BUNDLING.keepNames,
    charset: BUNDLING.charset,
    // Resolved from esbuild's working directory: the caller sets absWorkingDir to the project root.
    alias: { ...BUNDLING.alias },
    // bundleAwsSdk: nothing external (NodejsFunction would otherwise mark @aws-sdk/* external).
    external: BUNDLING.bundleAwsSdk ? [] : ['@aws-sdk/*'],
    logLevel: 'warning' as const,
  };
}
