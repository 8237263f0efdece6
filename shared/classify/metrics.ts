/**
 * Evaluation measures of the classifier against labelled items: relevance
 * precision/recall/F1, primary-area accuracy, per-area and micro/macro F1
 * over area sets (secondary areas count), and a primary-area confusion
 * table. Used by `npm run eval` and the dev-set guard test.
 */
import { AREA_IDS, type AreaId } from '../config/areas';
import type { Classification } from './classify';

/** A gold item and the classifier's answer for it. */
export interface Scored {
  gold: { relevant: boolean; areas: readonly string[]; variant?: string };
  predicted: Classification;
}

/** Precision, recall, F1 and the counts behind them. */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Every figure of one evaluated part. */
export interface Report {
  items: number;
  relevance: Prf;
  /** Over items relevant in gold: predicted primary equals gold primary. */
  primaryAccuracy: number;
  primaryItems: number;
  perArea: Record<AreaId, Prf>;
  microF1: number;
  macroF1: number;
  /** confusion[gold][predicted]; 'none' = not relevant. */
  confusion: Record<string, Record<string, number>>;
}

/** P/R/F1 from counts; an empty denominator counts as 1 for P and R (nothing to get wrong). */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

/** All figures over a list of scored items. */
export function report(scored: readonly Scored[]): Report {
  let rtp = 0;
  let rfp = 0;
  let rfn = 0;
  let primaryHit = 0;
  let primaryItems = 0;
  const counts = Object.fromEntries(AREA_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0 }])) as Record<AreaId, { tp: number; fp: number; fn: number }>;
  const labels = ['none', ...AREA_IDS];
  const confusion = Object.fromEntries(labels.map((g) => [g, Object.fromEntries(labels.map((p) => [p, 0]))])) as Record<string, Record<string, number>>;
  for (const { gold, predicted } of scored) {
    if (gold.relevant && predicted.relevant) rtp++;
    else if (!gold.relevant && predicted.relevant) rfp++;
    else if (gold.relevant && !predicted.relevant) rfn++;
    const goldAreas = gold.relevant ? gold.areas : [];
    const predAreas = predicted.relevant ? predicted.areas : [];
    if (gold.relevant) {
      primaryItems++;
      if (predAreas[0] === goldAreas[0]) primaryHit++;
    }
    const g = goldAreas[0] ?? 'none';
    const p = predAreas[0] ?? 'none';
    if (confusion[g] && confusion[g]![p] !== undefined) confusion[g]![p]!++;
    for (const id of AREA_IDS) {
      const inGold = goldAreas.includes(id);
      const inPred = predAreas.includes(id);
      if (inGold && inPred) counts[id].tp++;
      else if (inPred) counts[id].fp++;
      else if (inGold) counts[id].fn++;
    }
  }
  const perArea = Object.fromEntries(AREA_IDS.map((id) => [id, prf(counts[id].tp, counts[id].fp, counts[id].fn)])) as Record<AreaId, Prf>;
  const sum = (key: 'tp' | 'fp' | 'fn') => AREA_IDS.reduce((n, id) => n + counts[id][key], 0);
  const microF1 = prf(sum('tp'), sum('fp'), sum('fn')).f1;
  // Macro over areas present in gold or predictions of this part (an area absent from both says nothing).
  const present = AREA_IDS.filter((id) => counts[id].tp + counts[id].fp + counts[id].fn > 0);
  const macroF1 = present.length === 0 ? 1 : present.reduce((n, id) => n + perArea[id].f1, 0) / present.length;
  return {
    items: scored.length,
    relevance: prf(rtp, rfp, rfn),
    primaryAccuracy: primaryItems === 0 ? 1 : primaryHit / primaryItems,
    primaryItems,
    perArea,
    microF1,
    macroF1,
    confusion,
  };
}
