/**
 * Loading the classifier's development set for tooling (evaluation, bench,
 * guard test) — never used by the product at run time.
 *
 * The held-out ids of `test-split.json` are dropped from each raw line by
 * its id before the line is even parsed, so code that asks for the tuning
 * part cannot see a test item's text or labels. Only the evaluation's final
 * report asks for `'test'`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledItem } from './split';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'classify');

/** Paths of the dev set and its split file. */
export const DEV_SET_FILE = join(FIXTURES, 'classify-dev.jsonl');
export const TEST_SPLIT_FILE = join(FIXTURES, 'test-split.json');

/**
 * Labelled sets in the dev set's format, each written from domain.md and the
 * seeds by another hand that never saw the dev set, the other sets or the
 * classifier. Part of each (its split file's `hold` ids) is held out like
 * the test split; the rest is training data beside the dev set's rest.
 */
export const FRESH_SETS = [
  { name: 'fresh set 1 (session 3)', file: join(FIXTURES, 'fresh-set.jsonl'), split: join(FIXTURES, 'fresh-split.json') },
  { name: 'fresh set 2 (session 6)', file: join(FIXTURES, 'fresh-set-2.jsonl'), split: join(FIXTURES, 'fresh-2-split.json') },
] as const;

/** The held-out test ids (ids only). */
export function loadTestIds(): Set<string> {
  const parsed = JSON.parse(readFileSync(TEST_SPLIT_FILE, 'utf8')) as { ids: string[] };
  return new Set(parsed.ids);
}

/** Every id of the dev set, read from the raw lines without parsing any item. */
export function loadDevIds(): string[] {
  return rawLines().map(idOf);
}

const rawLines = (file = DEV_SET_FILE) => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');

function idOf(line: string): string {
  const match = /^\s*\{\s*"id"\s*:\s*"([^"]+)"/.exec(line);
  if (!match) throw new Error(`dev set: a line does not start with its id: ${line.slice(0, 20)}…`);
  return match[1]!;
}

/**
 * The items of one part: `'rest'` (for building and tuning; test items are
 * dropped before parsing) or `'test'` (held out: final report only).
 */
export function loadDevSet(part: 'rest' | 'test'): LabelledItem[] {
  const testIds = loadTestIds();
  const keep = part === 'rest' ? (id: string) => !testIds.has(id) : (id: string) => testIds.has(id);
  return rawLines()
    .filter((line) => keep(idOf(line)))
    .map((line) => JSON.parse(line) as LabelledItem);
}

/**
 * The fresh sets' part: `'tune'` (training data; held-out lines are dropped
 * before parsing) or `'hold'` (held out: evaluation reports only); from one
 * set (its index in `FRESH_SETS`) or, by default, from all of them.
 */
export function loadFreshSet(part: 'tune' | 'hold', set?: number): LabelledItem[] {
  const sets = set === undefined ? FRESH_SETS : [FRESH_SETS[set]!];
  return sets.flatMap(({ file, split }) => {
    const hold = new Set((JSON.parse(readFileSync(split, 'utf8')) as { hold: string[] }).hold);
    const keep = part === 'tune' ? (id: string) => !hold.has(id) : (id: string) => hold.has(id);
    return rawLines(file)
      .filter((line) => keep(idOf(line)))
      .map((line) => JSON.parse(line) as LabelledItem);
  });
}

/** Everything the classifier may be trained and tuned on: the dev set's rest and the fresh sets' tuning parts. */
export function loadTrainingSet(): LabelledItem[] {
  return [...loadDevSet('rest'), ...loadFreshSet('tune')];
}
