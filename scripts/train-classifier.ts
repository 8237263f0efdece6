/**
 * `npm run train`: fits the ranker (relevance and primary area) on the
 * training set — the dev set's tuning REST and the fresh sets' tuning parts;
 * never a held-out item: `loadTrainingSet()` drops the test split's and the
 * fresh holds' ids before parsing — with the options in `CHOSEN`
 * (shared/classify/train.ts), and writes shared/classify/ranker-model.json.
 * Deterministic.
 *
 *   npm run train                 # write the model
 *   npm run train -- --search     # 5-fold CV on the rest over a grid of options (writes nothing)
 *   npm run train -- --check      # CV figures of CHOSEN and of the lexicon alone (writes nothing)
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse, decide } from '../shared/classify/classify';
import { loadTrainingSet } from '../shared/classify/dev-set';
import { report, type Scored } from '../shared/classify/metrics';
import type { LabelledItem } from '../shared/classify/split';
import { compileRanker, encodeModel, type CompiledRanker } from '../shared/classify/ranker';
import { STORIES } from '../infra/demo/news';
import { CHOSEN, crossValidate, foldOf, FOLDS, trainRanker, type TrainOptions } from '../shared/classify/train';

const MODEL_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'shared', 'classify', 'ranker-model.json');
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

/** Mean over folds (and pooled) of the CV figures, plus the title-alone primary accuracy. */
function cvFigures(rest: readonly LabelledItem[], options: TrainOptions | null) {
  const predicted = options
    ? crossValidate(rest, options)
    : new Map(rest.map((item) => [item.id, decide(analyse({ title: item.title, summary: item.summary }), null)]));
  const scored: (Scored & { id: string; variant: string })[] = rest.map((item) => ({ id: item.id, variant: item.variant, gold: item, predicted: predicted.get(item.id)! }));
  const perFold = Array.from({ length: FOLDS }, (_, i) => report(scored.filter((s) => foldOf(s.id) === i + 1)));
  const mean = (pick: (r: ReturnType<typeof report>) => number) => perFold.reduce((n, r) => n + pick(r), 0) / FOLDS;
  const pooled = report(scored);
  const byVariant = (variant: string) => report(scored.filter((s) => s.variant === variant)).primaryAccuracy;
  return {
    relF1: mean((r) => r.relevance.f1),
    primary: mean((r) => r.primaryAccuracy),
    micro: mean((r) => r.microF1),
    macro: mean((r) => r.macroF1),
    pooledPrimary: pooled.primaryAccuracy,
    clean: byVariant('clean'),
    titleOnly: byVariant('title_only'),
    ocr: byVariant('ocr'),
    ...demoFigures(options ? compileRanker(trainRanker(rest, options)) : null),
  };
}

/** Primary accuracy on the demo stories (aggregate only; a second unseen check, not tuned on item by item). */
function demoFigures(ranker: CompiledRanker | null): { demo: number; demoRel: number } {
  const scored = [...STORIES.values()].map((story) => ({ gold: story.label, predicted: decide(analyse({ title: story.title, summary: story.summary }), ranker) }));
  const r = report(scored);
  return { demo: r.primaryAccuracy, demoRel: r.relevance.f1, demoMicro: r.microF1 };
}

function row(name: string, f: ReturnType<typeof cvFigures>) {
  console.log(
    `${name.padEnd(58)} rel ${pct(f.relF1)}  prim ${pct(f.primary)} (pooled ${pct(f.pooledPrimary)})  micro ${pct(f.micro)}  macro ${pct(f.macro)}  | clean ${pct(f.clean)} title_only ${pct(f.titleOnly)} ocr ${pct(f.ocr)} | demo rel ${pct(f.demoRel)} prim ${pct(f.demo)} micro ${pct(f.demoMicro)}`,
  );
}

function describe(o: TrainOptions) {
  return `lex=${o.lexiconFeatures ? 1 : 0}${o.skeletonBigrams ? ' sk=1' : ''}${o.phrases ? ' ph=1' : ''} bi=${o.bigrams ? 1 : 0} tg=${o.titleGrams ? 1 : 0} λn=${o.lambdaNgram} λd=${o.lambdaDense} min=${o.minCount} aug=${o.titleAugment} drop=${o.dropCopies}x${o.dropRate}${o.skipForced ? ' skipForced' : ''}${o.secondary ? ` sec λn=${o.secLambdaNgram} λd=${o.secLambdaDense}` : ''}${o.relevance ? ` rel λn=${o.relLambdaNgram} λd=${o.relLambdaDense}` : ''}`;
}

function main() {
  const rest = loadTrainingSet();
  if (process.argv.includes('--search')) {
    row('lexicon alone (no ranker)', cvFigures(rest, null));
    const grid: TrainOptions[] = [];
    for (const lambdaNgram of [0.003, 0.01, 0.03, 0.1])
      for (const titleAugment of [0, 0.5, 1])
        for (const [bigrams, titleGrams] of [[true, true], [false, true], [true, false]] as const)
          grid.push({ ...CHOSEN, lambdaNgram, titleAugment, bigrams, titleGrams });
    for (const options of grid) row(describe(options), cvFigures(rest, options));
    return;
  }
  if (process.argv.includes('--ngrams')) {
    row('lexicon alone (no ranker)', cvFigures(rest, null));
    for (const lambdaNgram of [0.001, 0.003, 0.01, 0.03])
      for (const titleAugment of [0, 0.5])
        for (const [bigrams, titleGrams] of [[true, true], [false, true], [true, false]] as const) {
          const options = { ...CHOSEN, lexiconFeatures: false, lambdaNgram, titleAugment, bigrams, titleGrams };
          row(describe(options), cvFigures(rest, options));
        }
    return;
  }
  if (process.argv.includes('--prior')) {
    row('lexicon alone (no ranker)', cvFigures(rest, null));
    for (const lambdaDense of [0.001, 0.1, 0.3, 1, 3])
      for (const lambdaNgram of [0.003, 0.03, 0.3]) {
        const options = { ...CHOSEN, lambdaDense, lambdaNgram };
        row(describe(options), cvFigures(rest, options));
      }
    return;
  }
  if (process.argv.includes('--dropout')) {
    row('lexicon alone (no ranker)', cvFigures(rest, null));
    for (const [dropCopies, dropRate] of [[4, 0.3], [4, 0.5], [8, 0.3], [8, 0.5], [6, 0.4]] as const)
      for (const [lambdaNgram, lambdaDense] of [[0.1, 0.001], [0.3, 0.001], [1, 0.001], [0.3, 0.01]] as const) {
        const options = { ...CHOSEN, dropCopies, dropRate, lambdaNgram, lambdaDense };
        row(describe(options), cvFigures(rest, options));
      }
    return;
  }
  if (process.argv.includes('--relevance')) {
    row('lexicon alone (no ranker)', cvFigures(rest, null));
    row(describe(CHOSEN), cvFigures(rest, CHOSEN));
    for (const relLambdaNgram of [0.01, 0.03, 0.1])
      for (const relLambdaDense of [0.001, 0.01, 0.1]) {
        const options = { ...CHOSEN, relevance: true, relLambdaNgram, relLambdaDense };
        row(describe(options), cvFigures(rest, options));
      }
    return;
  }
  if (process.argv.includes('--skeletons')) {
    row('lexicon alone (no ranker)', cvFigures(rest, null));
    row(describe(CHOSEN), cvFigures(rest, CHOSEN));
    for (const lambdaNgram of [0.1, 0.3, 1]) {
      const options = { ...CHOSEN, skeletonBigrams: true, lambdaNgram };
      row(describe(options), cvFigures(rest, options));
    }
    return;
  }
  if (process.argv.includes('--forced')) {
    row(describe(CHOSEN), cvFigures(rest, CHOSEN));
    for (const lambdaNgram of [0.1, 0.3, 1]) {
      const options = { ...CHOSEN, skipForced: !CHOSEN.skipForced, lambdaNgram };
      row(describe(options), cvFigures(rest, options));
    }
    return;
  }
  if (process.argv.includes('--secondary')) {
    row('lexicon alone (no ranker)', cvFigures(rest, null));
    row(describe(CHOSEN), cvFigures(rest, CHOSEN));
    for (const secLambdaNgram of [0.01, 0.1, 1, 3])
      for (const secLambdaDense of [0.001, 0.01]) {
        const options = { ...CHOSEN, secondary: true, secLambdaNgram, secLambdaDense };
        row(describe(options), cvFigures(rest, options));
      }
    return;
  }
  if (process.argv.includes('--check')) {
    row('lexicon alone (no ranker)', cvFigures(rest, null));
    row(`CHOSEN ${describe(CHOSEN)}`, cvFigures(rest, CHOSEN));
    return;
  }
  const model = trainRanker(rest, CHOSEN, `ranker-${describe(CHOSEN).replace(/ /g, ',')}`);
  const json = JSON.stringify(encodeModel(model)) + '\n';
  writeFileSync(MODEL_FILE, json);
  console.log(`wrote ${MODEL_FILE}: ${model.features.length} n-grams, ${(json.length / 1024).toFixed(0)} KB; trained on ${rest.length} items: dev rest + the fresh sets' tuning parts (${describe(CHOSEN)})`);
  console.log(`shared lexicon weights: ${model.dense.map((w) => w.toFixed(2)).join(' ')}`);
}

main();
