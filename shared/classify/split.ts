/**
 * The held-out test split of the development set: a stratified quarter,
 * fixed once (ids in `test/fixtures/classify/test-split.json`) and never read
 * while building or tuning the classifier. Run with `--write` only to create
 * it; the committed file is the split.
 */
import { createHash } from 'node:crypto';

/** One labelled item of the development set. */
export interface LabelledItem {
  id: string;
  title: string;
  summary: string;
  relevant: boolean;
  areas: string[];
  variant: string;
}

/** Stratum: the primary label (or "none") and the text variant, so every kind of item is held out in proportion. */
const stratum = (item: LabelledItem) => `${item.areas[0] ?? 'none'}|${item.variant}`;

/** A stable pseudo-random order that depends only on the id. */
const rank = (id: string) => createHash('sha256').update(`cchc-test-split:${id}`).digest('hex');

/** Picks a quarter of every stratum (rounded, at least one from strata of 2+), by the id's hash. */
export function stratifiedQuarter(items: LabelledItem[]): string[] {
  const strata = new Map<string, LabelledItem[]>();
  for (const item of items) strata.set(stratum(item), [...(strata.get(stratum(item)) ?? []), item]);
  const chosen: string[] = [];
  for (const members of strata.values()) {
    const count = members.length >= 2 ? Math.max(1, Math.round(members.length / 4)) : 0;
    chosen.push(...[...members].sort((a, b) => (rank(a.id) < rank(b.id) ? -1 : 1)).slice(0, count).map((m) => m.id));
  }
  return chosen.sort();
}
