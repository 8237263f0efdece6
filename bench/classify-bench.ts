/**
 * The classifier's speed: items per second (title + summary, single
 * thread, the dev set's non-test items repeated) and load time (a fresh
 * `node` importing the esbuild bundle of the classifier, as Lambda would, and making one call).
 * Runnable alone (`node bin/run-ts.mjs bench/classify-bench.ts`) or through
 * `benchClassifier()` from the main bench.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { basename, join } from 'node:path';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { REPO_ROOT } from '../infra/local/paths';
import { BESIDE_BUNDLE } from '../infra/definitions/bundling';
import { classify } from '../shared/classify/classify';
import { loadDevSet } from '../shared/classify/dev-set';
import { median } from './stats';

const run = promisify(execFile);

/** Targets of issue 3. */
export const CLASSIFIER_TARGETS = { itemsPerSecond: 20_000, loadMs: 50 };

/**
 * Classifications per second over `rounds` passes of the tuning items, in
 * steady state: after warm-up passes that let V8 optimise the hot paths, as
 * a collector that classifies thousands of items a cycle would be.
 */
function throughput(rounds = 200, warmUpRounds = 20): number {
  const items = loadDevSet('rest').map(({ title, summary }) => ({ title, summary }));
  for (let round = 0; round < warmUpRounds; round++) for (const item of items) classify(item);
  const start = performance.now();
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    for (const item of items) {
      classify(item);
      n++;
    }
  }
  return n / ((performance.now() - start) / 1000);
}

/** Milliseconds from the start of the import to the end of the first call, in a fresh process (median of `runs`). */
/**
 * Load time as Lambda sees it: the classifier bundled by esbuild (as the
 * stack bundles functions), imported by a fresh plain `node`, plus the first
 * call — the median of a few runs.
 */
async function loadTime(runs = 5): Promise<number> {
  const { buildSync } = await import('esbuild');
  const folder = mkdtempSync(join(tmpdir(), 'cchc-classifier-'));
  const bundle = join(folder, 'classify.mjs');
  buildSync({ entryPoints: [join(REPO_ROOT, 'shared/classify/classify.ts')], bundle: true, minify: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
  // The model is read from beside the bundle, as in a Lambda function (BESIDE_BUNDLE).
  for (const data of BESIDE_BUNDLE) copyFileSync(join(REPO_ROOT, data), join(folder, basename(data)));
  const script = `const t0 = performance.now();
const m = await import(${JSON.stringify(pathToFileURL(bundle).href)});
m.classify({ title: 'Bình Định cắt giảm thời gian giải quyết thủ tục hành chính' });
process.stdout.write(String(performance.now() - t0));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT });
    times.push(Number(stdout));
  }
  rmSync(folder, { recursive: true, force: true });
  return median(times);
}

/** Both figures, for the main bench. */
export async function benchClassifier(): Promise<{ itemsPerSecond: number; loadMs: number }> {
  // Throughput first: the load measurement's bundling and child processes would otherwise still be settling.
  const itemsPerSecond = throughput();
  const loadMs = await loadTime();
  return { itemsPerSecond, loadMs };
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain) {
  const { itemsPerSecond, loadMs } = await benchClassifier();
  const line = (name: string, value: string, target: string, ok: boolean) => console.log(`${ok ? '✓' : '✗'} ${name.padEnd(40)} ${value.padStart(12)}   target ${target}`);
  line('classifier throughput (title + summary)', `${Math.round(itemsPerSecond).toLocaleString('en')} /s`, `≥ ${CLASSIFIER_TARGETS.itemsPerSecond.toLocaleString('en')} /s`, itemsPerSecond >= CLASSIFIER_TARGETS.itemsPerSecond);
  line('classifier load (import + first call)', `${loadMs.toFixed(1)} ms`, `≤ ${CLASSIFIER_TARGETS.loadMs} ms`, loadMs <= CLASSIFIER_TARGETS.loadMs);
}
