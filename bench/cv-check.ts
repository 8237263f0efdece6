/**
 * A generalisation check for lexicon changes, on the tuning REST only (the
 * held-out test ids are dropped by `loadDevSet('rest')` before parsing).
 *
 * The rest is split deterministically into 5 folds by a hash of the id.
 * Discipline: look at errors in folds 1–4 only (`--errors`), change the
 * lexicon, then check that fold 5 — whose items are not printed — moved the
 * same way. Also scores two perturbations of every rest item that need no
 * new labels: the title alone (the label stays when the title carries the
 * story, so only relevance agreement with the full item is reported), and
 * the text with diacritics stripped.
 *
 *   node bin/run-ts.mjs bench/cv-check.ts            # figures per fold
 *   node bin/run-ts.mjs bench/cv-check.ts --errors   # plus errors in folds 1–4
 */
import { createHash } from 'node:crypto';
import { classify } from '../shared/classify/classify';
import { loadDevSet } from '../shared/classify/dev-set';
import { report, type Scored } from '../shared/classify/metrics';
import type { LabelledItem } from '../shared/classify/split';

const FOLDS = 5;
const foldOf = (id: string) => (parseInt(createHash('sha256').update(`cv:${id}`).digest('hex').slice(0, 8), 16) % FOLDS) + 1;

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const strip = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

function scoreAll(items: readonly LabelledItem[], map: (item: LabelledItem) => { title: string; summary: string }) {
  return items.map((item) => ({ item, gold: item, predicted: classify(map(item)) }));
}

function line(name: string, scored: readonly Scored[]) {
  const r = report(scored);
  console.log(
    `  ${name.padEnd(16)} n ${String(r.items).padStart(3)}  relF1 ${pct(r.relevance.f1)} (fp ${r.relevance.fp}, fn ${r.relevance.fn})  primary ${pct(r.primaryAccuracy)}  micro ${pct(r.microF1)}  macro ${pct(r.macroF1)}`,
  );
}

function main() {
  const rest = loadDevSet('rest');
  const scored = scoreAll(rest, (i) => ({ title: i.title, summary: i.summary }));
  console.log('folds (rest only)');
  for (let f = 1; f <= FOLDS; f++) line(`fold ${f}`, scored.filter((s) => foldOf(s.item.id) === f));
  line('folds 1-4', scored.filter((s) => foldOf(s.item.id) !== FOLDS));
  line('all rest', scored);

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
