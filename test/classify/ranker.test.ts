import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse, classify, decide } from '../../shared/classify/classify';
import { loadDevSet, loadTrainingSet } from '../../shared/classify/dev-set';
import { compileRanker, compileRankerFile, decodeInt16, decodeModel, encodeInt16, encodeModel, ngramKeys, scoreRanker, type RankerFile, type RankerModel } from '../../shared/classify/ranker';
import { CHOSEN, trainRanker } from '../../shared/classify/train';
import { AREAS, INDEX_RULES } from '../../shared/classify/taxonomy';
import { foldForMatch } from '../../shared/text/normalize';

const MODEL_FILE = fileURLToPath(new URL('../../shared/classify/ranker-model.json', import.meta.url));
const file = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as RankerFile;
const committed: RankerModel = decodeModel(file);

// The learned primary-area ranker on top of the lexicon (shared/classify/ranker.ts).
describe('primary-area ranker', () => {
  it('the committed model is small and is exactly what `npm run train` produces from the training set', () => {
    expect(statSync(MODEL_FILE).size).toBeLessThan(300_000);
    const trained = trainRanker(loadTrainingSet(), CHOSEN, committed.version);
    expect(JSON.parse(JSON.stringify(encodeModel(trained)))).toEqual(file);
  }, 60_000);

  it('title phrases are features of their own, found through OCR damage that breaks the word n-grams', () => {
    expect(committed.options.phrases).toBe(true);
    const key = 'pt:thu~tuc~hanh~chinh';
    const f = committed.features.indexOf(key);
    expect(f).toBeGreaterThanOrEqual(0);
    // "tục" misread as "tuéc": the lexicon still matches the phrase through its OCR skeleton.
    const damaged = analyse({ title: 'Bình Định cắt giảm thủ tuéc hành chính cho doanh nghiệp' });
    const keys: string[] = [];
    ngramKeys(damaged, committed.options, (k) => keys.push(k));
    expect(keys).toContain(key);
    expect(keys).not.toContain('t:thu_tuc');
    expect(scoreRanker(compileRanker(committed), damaged).features).toContain(f);
    // In the summary only, the phrase is left to the lexicon's scores.
    const inSummary = analyse({ title: 'Tin tức trong ngày', summary: 'Bình Định cắt giảm thủ tục hành chính cho doanh nghiệp' });
    const summaryKeys: string[] = [];
    ngramKeys(inSummary, committed.options, (k) => summaryKeys.push(k));
    expect(summaryKeys).not.toContain(key);
    expect(scoreRanker(compileRanker(committed), inSummary).features).not.toContain(f);
  });

  it('phrase features survive the model file, and a file with an unknown kind is refused', () => {
    const model: RankerModel = { ...committed, features: ['pt:cai~cach~hanh~chinh', 'pt:cchc', 't:cchc', 'cai_cach'], weights: Array.from({ length: 4 * 10 }, (_, i) => i - 20) };
    const encoded = encodeModel(model);
    expect(decodeModel(encoded).features).toEqual(model.features);
    const ranker = compileRanker(model);
    const an = analyse({ title: 'CCHC: cải cách hành chính ở cấp xã' });
    expect(new Set(scoreRanker(ranker, an).features)).toEqual(new Set([0, 1, 2, 3]));
    const grams = Array.from(decodeInt16(encoded.grams));
    grams[0] = 9;
    expect(() => compileRankerFile({ ...encoded, grams: encodeInt16(grams) })).toThrow(/unknown n-gram kind/);
  });

  it('int16 weights survive their base64 encoding', () => {
    for (const values of [[], [0], [1, -1], [32767, -32768, 5], [300, -2, 7, 0, 12]]) expect(Array.from(decodeInt16(encodeInt16(values)))).toEqual(values);
  });

  it('scoring looks up exactly the n-grams that training named', () => {
    const ranker = compileRanker(committed);
    const index = new Map(committed.features.map((key, i) => [key, i]));
    for (const item of loadDevSet('rest').slice(0, 80)) {
      for (const input of [{ title: item.title, summary: item.summary }, { title: item.title }]) {
        const an = analyse(input);
        const expected = new Set<number>();
        ngramKeys(an, committed.options, (key) => {
          const f = index.get(key);
          if (f !== undefined) expected.add(f);
        });
        expect(new Set(scoreRanker(ranker, an).features)).toEqual(expected);
      }
    }
  });

  it('never changes relevance, only the order and choice of areas', () => {
    for (const item of loadDevSet('rest')) {
      const an = analyse({ title: item.title, summary: item.summary });
      expect(decide(an, compileRanker(committed)).relevant).toBe(decide(an, null).relevant);
    }
  });

  it('evidence shows the learned n-grams that decided as the item wrote them', () => {
    const lexicon = new Set([...AREAS.flatMap((area) => area.phrases.map(([phrase]) => phrase)), ...INDEX_RULES.flatMap((rule) => rule.phrases)]);
    let learned = 0;
    // The whole training set (the model's own): on the dev rest alone the lexicon now rarely disagrees with the ranker.
    for (const item of loadTrainingSet().filter((i) => i.relevant && i.variant === 'clean')) {
      const result = classify({ title: item.title, summary: item.summary });
      const text = ` ${foldForMatch(`${item.title} ${item.summary}`)} `;
      for (const phrase of result.evidence.filter((p) => !lexicon.has(p))) {
        learned++;
        expect(text).toContain(` ${foldForMatch(phrase)} `);
        // Display form: with the item's diacritics, not the folded key.
        expect(`${item.title} ${item.summary}`.normalize('NFC')).toContain(phrase);
      }
    }
    expect(learned).toBeGreaterThan(0);
  });
});
