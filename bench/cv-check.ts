/**
 * A generalisation check, on the tuning REST only (the held-out test ids
 * are dropped by `loadDevSet('rest')` before parsing).
 *
 * The rest is split deterministically into 5 folds by a hash of the id
 * (`foldOf`, shared with training). Every item is classified by a ranker
 * trained on the other four folds (`CHOSEN` options), so the ranker's part
 * is truly cross-validated; the hand lexicon under it was written while
 * reading the whole rest, so its part (relevance, secondary areas) is not.
 * The lexicon alone on the same folds is shown for comparison.
 * Discipline for lexicon edits: look at errors in folds 1–4 only
 * (`--errors`), change the lexicon, then check that fold 5 — whose items
 * are not printed — moved the same way. Also scores two perturbations of
 * every rest item that need no new labels: the title alone (the gold label
 * is the full item's, so this is pessimistic), and the text with diacritics
 * stripped.
 *
 *   node bin/run-ts.mjs bench/cv-check.ts            # figures per fold
 *   node bin/run-ts.mjs bench/cv-check.ts --errors   # plus errors in folds 1–4
 *   node bin/run-ts.mjs bench/cv-check.ts --hold     # only the summary for tuning: CV over the whole
 *                                                    # training set and the fresh hold (aggregates only)
 *
 * The `--hold` summary is what a change of features is judged by (issue 3):
 * 5-fold CV over the training set (`CHOSEN`, mean of folds), then a model
 * trained on all of it scored on the fresh set's held-out half — written
 * by another hand — and on that half's titles alone, and on the demo
 * stories. Only aggregate figures are printed; never a held-out item.
 */
import { analyse, decide, type Classification } from '../shared/classify/classify';
import { FRESH_SETS, loadDevSet, loadFreshSet, loadTrainingSet } from '../shared/classify/dev-set';
import { report, type Scored } from '../shared/classify/metrics';
import { compileRanker, type CompiledRanker } from '../shared/classify/ranker';
import type { LabelledItem } from '../shared/classify/split';
import { CHOSEN, crossValidate, FOLDS, foldOf, trainRanker } from '../shared/classify/train';
import { STORIES } from '../infra/demo/news';

/** Per fold, the ranker trained on the other folds; an item is classified by its own fold's. */
let rankers: CompiledRanker[] = [];
const classifyHeldOut = (item: LabelledItem, input: { title: string; summary: string }): Classification => decide(analyse(input), rankers[foldOf(item.id) - 1]!);
const classifyLexicon = (_item: LabelledItem, input: { title: string; summary: string }): Classification => decide(analyse(input), null);

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const strip = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

function scoreAll(items: readonly LabelledItem[], map: (item: LabelledItem) => { title: string; summary: string }, classify = classifyHeldOut) {
  return items.map((item) => ({ item, gold: item, predicted: classify(item, map(item)) }));
}

function line(name: string, scored: readonly Scored[]) {
  const r = report(scored);
  console.log(
    `  ${name.padEnd(16)} n ${String(r.items).padStart(3)}  relF1 ${pct(r.relevance.f1)} (fp ${r.relevance.fp}, fn ${r.relevance.fn})  primary ${pct(r.primaryAccuracy)}  micro ${pct(r.microF1)}  macro ${pct(r.macroF1)}`,
  );
}

/** Tuning summary: CV over the training set, then each fresh set's hold, its titles alone, and the demo stories. */
function holdSummary() {
  const training = loadTrainingSet();
  const cv = crossValidate(training, CHOSEN);
  const scored = training.map((item) => ({ id: item.id, gold: item, predicted: cv.get(item.id)! }));
  const folds = Array.from({ length: FOLDS }, (_, f) => report(scored.filter((s) => foldOf(s.id) === f + 1)));
  const mean = (pick: (r: ReturnType<typeof report>) => number) => pct(folds.reduce((n, r) => n + pick(r), 0) / FOLDS);
  const wrong = (r: ReturnType<typeof report>) => `${Math.round((1 - r.primaryAccuracy) * r.primaryItems)}/${r.primaryItems} wrong`;
  const pooled = report(scored);
  console.log(`training set, ${FOLDS}-fold CV (${training.length} items): primary ${mean((r) => r.primaryAccuracy)} (pooled ${wrong(pooled)})  relF1 ${mean((r) => r.relevance.f1)}`);
  const ranker = compileRanker(trainRanker(training, CHOSEN));
  const on = (items: readonly { title: string; summary: string; relevant: boolean; areas: string[] }[], titleOnly = false) =>
    report(items.map((item) => ({ gold: item, predicted: decide(analyse(titleOnly ? { title: item.title } : { title: item.title, summary: item.summary }), ranker) })));
  FRESH_SETS.forEach((set, index) => {
    const hold = loadFreshSet('hold', index);
    const h = on(hold);
    const t = on(hold, true);
    console.log(`${set.name}, hold (${hold.length}): primary ${pct(h.primaryAccuracy)} (${wrong(h)})  relF1 ${pct(h.relevance.f1)}  micro ${pct(h.microF1)}  | titles alone: primary ${pct(t.primaryAccuracy)} (${wrong(t)})  relF1 ${pct(t.relevance.f1)}`);
  });
  const demo = report([...STORIES.values()].map((story) => ({ gold: story.label, predicted: decide(analyse({ title: story.title, summary: story.summary }), ranker) })));
  console.log(`demo stories (${STORIES.size}):                primary ${pct(demo.primaryAccuracy)} (${wrong(demo)})  relF1 ${pct(demo.relevance.f1)}`);
}

function main() {
  if (process.argv.includes('--hold')) return holdSummary();
  const rest = loadDevSet('rest');
  rankers = Array.from({ length: FOLDS }, (_, i) => compileRanker(trainRanker(rest.filter((item) => foldOf(item.id) !== i + 1), CHOSEN)));
  const scored = scoreAll(rest, (i) => ({ title: i.title, summary: i.summary }));
  const lexicon = scoreAll(rest, (i) => ({ title: i.title, summary: i.summary }), classifyLexicon);
  for (const [name, part] of [['hybrid, ranker held out per fold', scored], ['lexicon alone', lexicon]] as const) {
    console.log(`folds (rest only) — ${name}`);
    const reports = Array.from({ length: FOLDS }, (_, f) => part.filter((s) => foldOf(s.item.id) === f + 1));
    reports.forEach((fold, f) => line(`fold ${f + 1}`, fold));
    line('folds 1-4', part.filter((s) => foldOf(s.item.id) !== FOLDS));
    line('all rest', part);
    const mean = (pick: (r: ReturnType<typeof report>) => number) => (100 * reports.reduce((n, fold) => n + pick(report(fold)), 0)) / FOLDS;
    console.log(`  ${'mean of folds'.padEnd(16)}        relF1 ${mean((r) => r.relevance.f1).toFixed(1).padStart(6)}                 primary ${mean((r) => r.primaryAccuracy).toFixed(1).padStart(6)}  micro ${mean((r) => r.microF1).toFixed(1).padStart(6)}  macro ${mean((r) => r.macroF1).toFixed(1).padStart(6)}`);
  }

  console.log('\nperturbations (rest only)');
  line('no diacritics', scoreAll(rest, (i) => ({ title: strip(i.title), summary: strip(i.summary) })));
  // Title alone: the gold label is the full item's, so this is a pessimistic figure.
  line('title alone', scoreAll(rest, (i) => ({ title: i.title, summary: '' })));
  line('title alone f5', scoreAll(rest.filter((i) => foldOf(i.id) === FOLDS), (i) => ({ title: i.title, summary: '' })));

  if (process.argv.includes('--errors')) {
    console.log('\nerrors in folds 1–4');
    for (const { item, predicted } of scored) {
      if (foldOf(item.id) === FOLDS) continue;
      const gold = item.areas.join(',') || 'none';
      const got = predicted.areas.join(',') || 'none';
      if (gold === got) continue;
      console.log(`- ${item.id} [${item.variant}] gold ${gold} | got ${got} | ${predicted.evidence.join(' · ')}\n    T: ${item.title}\n    S: ${item.summary}`);
    }
  }
}

main();
