/**
 * Bundles and cold start (issue 7): every function of
 * `infra/definitions/functions.ts` bundled by esbuild with exactly the
 * options the CDK stack uses (`infra/definitions/bundling.ts`), its minified
 * size, and its module initialisation time in a fresh `node` process.
 *
 * Init time is measured inside the child: `performance.now()` after
 * `await import(bundle)` is the time since the process started (Node's time
 * origin), so it includes Node's own start-up. The same figure for an empty
 * module is the baseline; the table shows both the raw figure and the
 * bundle's own share (raw − baseline). The target applies to the bundle's
 * own share, the time to require it: that is the scale issue 7 sets it on
 * ("a DynamoDB-only bundle requires in ~85 ms here" — collect-dispatch's
 * own share is that figure, its raw one ≈ 45 ms more), and Lambda's runtime
 * is already up before it imports the handler.
 *
 * `BENCH_ONLY=bundles npm run bench` runs this part alone.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { CHUNKS_DIR, ENTRY_FILE, bundleFunction } from '../infra/definitions/bundling';
import { FUNCTIONS, FUNCTION_NAMES, type FunctionName } from '../infra/definitions/functions';
import { REPO_ROOT } from '../infra/local/paths';
import { median } from './stats';

const run = promisify(execFile);

/** Targets of issue 7. */
export const BUNDLE_TARGETS = { sizeKb: 1024, initMs: 150 };

/** Packages that must stay out of the api function's bundle (parsers and the spreadsheet writer). */
export const API_FORBIDDEN_PACKAGES = ['cheerio', 'rss-parser', 'sanitize-html', 'exceljs'] as const;

/** One function's bundle. */
export interface FunctionBundle {
  name: FunctionName;
  /** The entry Lambda imports. */
  file: string;
  /** The entry and every chunk. */
  bytes: number;
  /** The entry and what it imports statically: what a cold start compiles. */
  entryBytes: number;
  chunks: number;
  metafile: Metafile;
}

/**
 * Bundles one function as the stack does, with esbuild's metafile. With
 * `write: false` nothing is written (the test only reads the metafile).
 * `bytes` is all the JavaScript the function ships, its entry and chunks.
 */
export async function buildFunctionBundle(name: FunctionName, outDir: string, write = true): Promise<FunctionBundle> {
  const dir = join(outDir, name);
  const result = bundleFunction(REPO_ROOT, FUNCTIONS[name].entry, dir, { metafile: true, write });
  const javascript = Object.entries(result.metafile!.outputs).filter(([path]) => path.endsWith('.mjs'));
  const bytes = javascript.reduce((sum, [, output]) => sum + output.bytes, 0);
  return { name, file: join(dir, ENTRY_FILE), bytes, entryBytes: staticBytes(result.metafile!, entryOutput(result.metafile!)), chunks: javascript.length - 1, metafile: result.metafile! };
}

/** An output file and every output it imports statically, transitively: what loading it compiles. */
export function staticOutputs(metafile: Metafile, output: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path) || !metafile.outputs[path]) return;
    seen.add(path);
    for (const imported of metafile.outputs[path].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(output);
  return [...seen];
}

/** The bytes of {@link staticOutputs}. */
export function staticBytes(metafile: Metafile, output: string): number {
  return staticOutputs(metafile, output).reduce((sum, path) => sum + metafile.outputs[path]!.bytes, 0);
}

/** The chunks written beside an entry file (absolute paths; none when the function has no `import()`). */
export function chunkFiles(entryFile: string): string[] {
  const dir = join(dirname(entryFile), CHUNKS_DIR);
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.mjs')).map((file) => join(dir, file)) : [];
}

/** The entry's output path in a function's metafile. */
export function entryOutput(metafile: Metafile): string {
  const entry = Object.keys(metafile.outputs).find((path) => basename(path) === ENTRY_FILE && !path.includes(`/${CHUNKS_DIR}/`));
  if (!entry) throw new Error(`no ${ENTRY_FILE} among the outputs`);
  return entry;
}

/** The packages a cold start loads (the entry and its static imports), with their bytes: the rest waits for an `import()`. */
export function packagesAtInit(metafile: Metafile): Map<string, number> {
  const loaded = new Set(staticOutputs(metafile, entryOutput(metafile)));
  return packagesIn({ ...metafile, outputs: Object.fromEntries(Object.entries(metafile.outputs).filter(([path]) => loaded.has(path))) });
}

/** `node_modules/@aws-sdk/client-s3/dist-es/x.js` → `@aws-sdk/client-s3` (the last node_modules segment wins). */
export function packageOf(inputPath: string): string | null {
  const at = inputPath.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const [first, second] = inputPath.slice(at + 'node_modules/'.length).split('/');
  return first?.startsWith('@') ? `${first}/${second}` : (first ?? null);
}

/** The files whose code is in the bundle (at least one byte of the output). */
export function bundledInputs(metafile: Metafile): string[] {
  return Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([input]) => input));
}

/** The packages whose code is in the bundle, with their bytes in the output. */
export function packagesIn(metafile: Metafile): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      // Tree-shaken away entirely: read by esbuild, absent from the bundle.
      if (bytesInOutput === 0) continue;
      const name = packageOf(input) ?? '(project)';
      sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return sizes;
}

/**
 * The shortest chain of imports from the entry to the first file of
 * `packageName` (or null): what to cut to drop the package.
 */
export function importChain(metafile: Metafile, packageName: string): string[] | null {
  const entry = Object.keys(metafile.inputs).find((input) => !input.includes('node_modules/') && /functions\/[^/]+\/handler\.ts$/.test(input));
  if (!entry) return null;
  const previous = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const current = queue.shift()!;
    if (packageOf(current) === packageName) {
      const chain: string[] = [];
      for (let at: string | null = current; at !== null; at = previous.get(at) ?? null) chain.unshift(at);
      return chain;
    }
    for (const imported of metafile.inputs[current]?.imports ?? []) {
      if (imported.external || previous.has(imported.path)) continue;
      previous.set(imported.path, current);
      queue.push(imported.path);
    }
  }
  return null;
}


/**
 * Milliseconds from process start to the end of `import(file)` in a fresh
 * `node`, median of `runs`. With `thenChunks`, instead the time to import
 * those files after it: what the deferred parts cost the invocation that
 * first needs them all.
 */
export async function initTime(file: string, runs = 7, thenChunks: readonly string[] = []): Promise<number> {
  const entry = JSON.stringify(pathToFileURL(file).href);
  const script = thenChunks.length
    ? `await import(${entry}); const t = performance.now(); for (const c of ${JSON.stringify(thenChunks.map((c) => pathToFileURL(c).href))}) await import(c); process.stdout.write(String(performance.now() - t));`
    : `await import(${entry}); process.stdout.write(String(performance.now()));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      // What Lambda sets, so module-scope code behaves as it would there.
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'ap-southeast-1', POWERTOOLS_SERVICE_NAME: 'bench', POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    times.push(Number(stdout));
  }
  return median(times);
}

/** One row of the table. */
export interface BundleFigure {
  name: FunctionName;
  /** All its JavaScript. */
  sizeKb: number;
  /** What a cold start loads: the entry and its static imports. */
  loadedKb: number;
  chunks: number;
  initMs: number;
  /** Importing every chunk after the entry: the most the deferred parts add to the first invocation that needs them. */
  deferredMs: number;
  ownInitMs: number;
  topPackages: [string, number][];
}

/** Builds and times every function; the baseline is an empty module's import. */
export async function benchBundles(runs = 7): Promise<{ baselineMs: number; figures: BundleFigure[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bundles-'));
  try {
    const empty = join(dir, 'empty.mjs');
    writeFileSync(empty, '');
    const baselineMs = await initTime(empty, runs);
    const figures: BundleFigure[] = [];
    for (const name of FUNCTION_NAMES) {
      const bundle = await buildFunctionBundle(name, dir);
      const initMs = await initTime(bundle.file, runs);
      const deferredMs = await initTime(bundle.file, runs, chunkFiles(bundle.file));
      const topPackages = [...packagesIn(bundle.metafile)].sort((a, b) => b[1] - a[1]).slice(0, 4);
      figures.push({ name, sizeKb: bundle.bytes / 1024, loadedKb: bundle.entryBytes / 1024, chunks: bundle.chunks, initMs, deferredMs, ownInitMs: initMs - baselineMs, topPackages });
    }
    return { baselineMs, figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the table with ✓/✗ against the targets. */
export function printBundles({ baselineMs, figures }: Awaited<ReturnType<typeof benchBundles>>): void {
  console.log('');
  console.log(`    bundles (esbuild, the stack's options; init = fresh node, process start → import done, median; empty import ${baselineMs.toFixed(0)} ms)`);
  console.log(`    ${'function'.padEnd(18)} ${'size'.padStart(9)} ${'at init'.padStart(9)} ${'chunks'.padStart(6)} ${'init'.padStart(8)} ${'− empty'.padStart(8)} ${'+ chunks'.padStart(9)}   targets ≤ ${BUNDLE_TARGETS.sizeKb} KB (size), ≤ ${BUNDLE_TARGETS.initMs} ms (− empty)`);
  for (const f of figures) {
    const ok = f.sizeKb <= BUNDLE_TARGETS.sizeKb && f.ownInitMs <= BUNDLE_TARGETS.initMs;
    const top = f.topPackages.map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)}`).join(', ');
    console.log(`${ok ? '✓' : '✗'}   ${f.name.padEnd(18)} ${`${f.sizeKb.toFixed(0)} KB`.padStart(9)} ${`${f.loadedKb.toFixed(0)} KB`.padStart(9)} ${String(f.chunks).padStart(6)} ${`${f.initMs.toFixed(0)} ms`.padStart(8)} ${`${f.ownInitMs.toFixed(0)} ms`.padStart(8)} ${`${f.deferredMs.toFixed(0)} ms`.padStart(9)}   ${top}`);
  }
}

/** `BENCH_ONLY=bundles npm run bench`. */
export async function bundlesOnly(): Promise<void> {
  printBundles(await benchBundles());
}
