/**
 * The learned primary-area ranker that sits on top of the lexicon: a
 * regularised conditional-logit (softmax) model whose inputs are
 *
 *  - the lexicon's own evidence for each area (its net score, that score
 *    relative to the top one, whether it is the lexicon's top area, the
 *    title-only score, the index rules of domain.md), with weights shared by
 *    all areas — so the lexicon acts as a prior that the model learns how
 *    far to trust;
 *  - folded word unigrams and bigrams of the title and of title + summary,
 *    with one weight per area — what corrects the lexicon's primary /
 *    secondary swaps;
 *  - the lexicon phrases found in the title, one weight per area
 *    (`phrases`): they also fire on OCR-damaged text, which the lexicon
 *    matches through skeletons but word n-grams miss.
 *
 * Trained by `npm run train` (shared/classify/train.ts) on the tuning part of
 * the dev set only, hyper-parameters chosen by cross-validation there. The
 * model file (`ranker-model.json`) is plain data; every n-gram that moved
 * the decision can be shown as evidence.
 */
import { AREA_IDS } from '../config/areas';

export const N_AREAS = AREA_IDS.length;

/** Feature-extraction options; stored in the model so training and use agree. */
export interface RankerOptions {
  /** Word bigrams as well as unigrams. */
  bigrams: boolean;
  /** Separate features for the title's n-grams (a headline states the topic). */
  titleGrams: boolean;
  /** Bigrams of OCR skeletons too (`s:` keys), for text whose vowels OCR misread. */
  skeletonBigrams?: boolean;
  /**
   * The lexicon's phrase hits in the title as features of their own, with a
   * weight per area (`pt:` + phrase): the primary area is usually what the
   * headline is about, and unlike word n-grams these survive OCR damage
   * (the lexicon also matches through OCR skeletons). Hits in the summary
   * as well scored the same in cross-validation and cost more features per
   * item, so they are left to the lexicon's scores.
   */
  phrases?: boolean;
}

/** The model file's shape. */
export interface RankerModel {
  version: string;
  options: RankerOptions;
  /** Weights of the shared lexicon features (`DENSE_NAMES` order). */
  dense: number[];
  /** One bias per area, `AREA_IDS` order. */
  bias: number[];
  /** N-gram keys (see `ngramKeys`). */
  features: string[];
  /** `features.length × N_AREAS` integers (int16), row-major; a weight is the integer × `scale`. */
  weights: ArrayLike<number>;
  scale: number;
  /** The learned secondary-area decision (absent: the lexicon's thresholds decide). */
  secondary?: {
    /** Weights of `SECONDARY_DENSE_NAMES`, shared by all areas. */
    dense: number[];
    /** One bias per area. */
    bias: number[];
    /** `features.length × N_AREAS` integers; a weight is the integer × `scale`. */
    weights: ArrayLike<number>;
  };
  /** The learned relevance decision (absent: the lexicon's threshold decides). */
  relevance?: {
    /** Weights of `RELEVANCE_DENSE_NAMES`. */
    dense: number[];
    bias: number;
    /** One integer per n-gram of `features`; a weight is the integer × `scale`. */
    weights: ArrayLike<number>;
  };
}

/**
 * The model as committed (`ranker-model.json`): the same, with the n-gram
 * keys as a word list (`words`, space-joined) and, per n-gram, its kind and
 * word ids (`grams`); every integer array is little-endian int16 in base64.
 * A few string literals load far faster than arrays of thousands of numbers
 * and strings, and load time has a budget.
 */
export type RankerFile = Omit<RankerModel, 'features' | 'weights' | 'relevance' | 'secondary'> & {
  words: string;
  /** Per n-gram three int16: kind (`GRAM_KINDS`), first word id, second word id or −1. */
  grams: string;
  weights: string;
  relevance?: Omit<NonNullable<RankerModel['relevance']>, 'weights'> & { weights: string };
  secondary?: Omit<NonNullable<RankerModel['secondary']>, 'weights'> & { weights: string };
};

/**
 * N-gram kinds, by the key's prefix: plain unigram, title unigram, plain
 * bigram, title bigram, skeleton bigram, title phrase (a lexicon phrase's
 * folded tokens joined by `PHRASE_JOIN`, stored as one word).
 */
const GRAM_KINDS = ['', 't:', '', 't:', 's:', 'pt:'] as const;

/** Joins a lexicon phrase's folded tokens into one feature word (never inside a folded token). */
export const PHRASE_JOIN = '~';

function parseKey(key: string): { kind: number; tokens: string[] } {
  if (key.startsWith('pt:')) return { kind: 5, tokens: [key.slice(3)] };
  const prefix = key.startsWith('t:') ? 't:' : key.startsWith('s:') ? 's:' : '';
  const tokens = key.slice(prefix.length).split('_');
  const kind = prefix === 's:' ? 4 : (tokens.length === 1 ? 0 : 2) + (prefix === 't:' ? 1 : 0);
  return { kind, tokens };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Integers (each within int16) → base64 of their little-endian int16 bytes. */
export function encodeInt16(values: ArrayLike<number>): string {
  const bytes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < -32768 || v > 32767) throw new RangeError(`not an int16: ${v}`);
    const u = v & 0xffff;
    bytes.push(u & 0xff, u >> 8);
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1] ?? 0, bytes[i + 2] ?? 0];
    const n = (a << 16) | (b << 8) | c;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

/** The inverse of `encodeInt16`. */
export function decodeInt16(text: string): Int16Array {
  const bytes = typeof Buffer === 'function' ? Buffer.from(text, 'base64') : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const out = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = ((bytes[2 * i]! | (bytes[2 * i + 1]! << 8)) << 16) >> 16;
  return out;
}

export function encodeModel(model: RankerModel): RankerFile {
  const { features, weights, relevance, secondary, ...rest } = model;
  const words: string[] = [];
  const ids = new Map<string, number>();
  const grams: number[] = [];
  for (const key of features) {
    const { kind, tokens } = parseKey(key);
    const wordIds = tokens.map((word) => {
      let id = ids.get(word);
      if (id === undefined) {
        ids.set(word, (id = words.length));
        words.push(word);
      }
      return id;
    });
    grams.push(kind, wordIds[0]!, wordIds[1] ?? -1);
  }
  const file: RankerFile = { ...rest, words: words.join(' '), grams: encodeInt16(grams), weights: encodeInt16(weights) };
  if (secondary) file.secondary = { ...secondary, weights: encodeInt16(secondary.weights) };
  if (relevance) file.relevance = { ...relevance, weights: encodeInt16(relevance.weights) };
  return file;
}

/** The n-gram keys of a model file, in feature order. */
function fileFeatures(file: RankerFile): string[] {
  const words = file.words === '' ? [] : file.words.split(' ');
  const grams = decodeInt16(file.grams);
  const out: string[] = [];
  for (let i = 0; i < grams.length; i += 3) {
    const b = grams[i + 2]!;
    out.push(GRAM_KINDS[grams[i]!]! + words[grams[i + 1]!]! + (b >= 0 ? '_' + words[b]! : ''));
  }
  return out;
}

export function decodeModel(file: RankerFile): RankerModel {
  const { words: _words, grams: _grams, weights, relevance, secondary, ...rest } = file;
  const model: RankerModel = { ...rest, features: fileFeatures(file), weights: decodeInt16(weights) };
  if (secondary) model.secondary = { ...secondary, weights: decodeInt16(secondary.weights) };
  if (relevance) model.relevance = { ...relevance, weights: decodeInt16(relevance.weights) };
  return model;
}

/** What the ranker sees of one item, as the lexicon analysed it. */
export interface RankerInput {
  /** Net lexicon score per area, `AREA_IDS` order. */
  score: ArrayLike<number>;
  /** The same from the title alone. */
  titleScore: ArrayLike<number>;
  /** Area indexes the index rules put first (then the others), in order. */
  forced: readonly number[];
  /** Folded tokens of the title. */
  titleTokens: readonly string[];
  /** Folded tokens of the summary (the body is left to the lexicon). */
  textTokens: readonly string[];
  /** OCR skeletons of the same tokens, position by position. */
  titleSkeletons: readonly string[];
  textSkeletons: readonly string[];
  /** Lexicon phrase ids found in the title (indexes into `phraseKeys`). */
  titlePhrases: readonly number[];
  /** Every lexicon phrase's key, by id: its folded tokens joined by `PHRASE_JOIN` (the same array for every item). */
  phraseKeys: readonly string[];
  /** The lexicon's relevance threshold for this item (lower for a title alone). */
  threshold: number;
  titleOnly: boolean;
}

/** The lexicon features of the decision whether an area (not the primary) is a secondary one. */
export const SECONDARY_DENSE_NAMES = ['score/4', 'score/top', 'lexiconSecondary', 'titleScore/4', 'forced'] as const;
export const SECONDARY_DENSE_COUNT = SECONDARY_DENSE_NAMES.length;
/** The lexicon's own rule for a secondary area (classify.ts). */
export const SECONDARY_RULE = { min: 2.4, ratio: 0.25 } as const;

/** Secondary-area features of every area: `out[area * SECONDARY_DENSE_COUNT + k]`. */
export function secondaryFeatures(input: RankerInput): Float64Array {
  const out = new Float64Array(N_AREAS * SECONDARY_DENSE_COUNT);
  let top = 0;
  for (let a = 0; a < N_AREAS; a++) top = Math.max(top, input.score[a]!);
  for (let a = 0; a < N_AREAS; a++) {
    const s = input.score[a]!;
    const o = a * SECONDARY_DENSE_COUNT;
    out[o] = s / 4;
    out[o + 1] = top > 0 ? s / Math.max(top, 1) : 0;
    out[o + 2] = s >= SECONDARY_RULE.min && s >= SECONDARY_RULE.ratio * top ? 1 : 0;
    out[o + 3] = input.titleScore[a]! / 4;
    out[o + 4] = input.forced.includes(a) ? 1 : 0;
  }
  return out;
}

/** Log-odds, per area, that it is a secondary area of the item (NaN for `primary`). */
export function scoreSecondary(ranker: CompiledRanker, input: RankerInput, features: readonly number[], primary: number): Float64Array {
  const sec = ranker.secondary!;
  const x = secondaryFeatures(input);
  const out = sec.bias.slice();
  for (let a = 0; a < N_AREAS; a++) {
    let z = out[a]!;
    for (let k = 0; k < SECONDARY_DENSE_COUNT; k++) z += sec.dense[k]! * x[a * SECONDARY_DENSE_COUNT + k]!;
    for (const f of features) z += sec.weights[f * N_AREAS + a]!;
    out[a] = a === primary ? NaN : z;
  }
  return out;
}

/** The lexicon features of the relevance decision. */
export const RELEVANCE_DENSE_NAMES = ['top/threshold', 'margin', 'lexiconRelevant', 'titleTop/threshold', 'titleOnly', 'indexNamed'] as const;
export const RELEVANCE_DENSE_COUNT = RELEVANCE_DENSE_NAMES.length;

export function relevanceFeatures(input: RankerInput, out: Float64Array = new Float64Array(RELEVANCE_DENSE_COUNT)): Float64Array {
  let top = 0;
  let titleTop = 0;
  for (let a = 0; a < N_AREAS; a++) {
    top = Math.max(top, input.score[a]!);
    titleTop = Math.max(titleTop, input.titleScore[a]!);
  }
  const t = input.threshold;
  out[0] = Math.min(top / t, 3);
  out[1] = Math.max(-1, Math.min(2, (top - t) / t));
  out[2] = top >= t ? 1 : 0;
  out[3] = Math.min(titleTop / t, 3);
  out[4] = input.titleOnly ? 1 : 0;
  out[5] = input.forced.length > 0 ? 1 : 0;
  return out;
}

// Scratch buffers for scoring (here and `DENSE_SCRATCH`): filled and read within one call, so no typed-array allocation per item.
const RELEVANCE_SCRATCH = new Float64Array(RELEVANCE_DENSE_COUNT);

/** The shared lexicon features, per area. */
export const DENSE_NAMES = ['score/4', 'score/top', 'isTop', 'titleScore/4', 'forcedFirst', 'forcedLater', 'isTitleTop'] as const;
export const DENSE_COUNT = DENSE_NAMES.length;
/** The dense features of the item being scored (see `RELEVANCE_SCRATCH`). */
const DENSE_SCRATCH = new Float64Array(N_AREAS * DENSE_COUNT);

/** Lexicon features of every area: `out[area * DENSE_COUNT + k]`. */
export function denseFeatures(input: RankerInput, out: Float64Array = new Float64Array(N_AREAS * DENSE_COUNT)): Float64Array {
  let top = 0;
  let topArea = -1;
  let titleTop = 0;
  let titleTopArea = -1;
  for (let a = 0; a < N_AREAS; a++) {
    const s = input.score[a]!;
    if (s > top) [top, topArea] = [s, a];
    const t = input.titleScore[a]!;
    if (t > titleTop) [titleTop, titleTopArea] = [t, a];
  }
  for (let a = 0; a < N_AREAS; a++) {
    const s = input.score[a]!;
    const o = a * DENSE_COUNT;
    out[o] = s / 4;
    out[o + 1] = top > 0 ? s / Math.max(top, 1) : 0;
    out[o + 2] = a === topArea ? 1 : 0;
    out[o + 3] = input.titleScore[a]! / 4;
    out[o + 4] = input.forced[0] === a ? 1 : 0;
    out[o + 5] = input.forced.indexOf(a) > 0 ? 1 : 0;
    out[o + 6] = a === titleTopArea ? 1 : 0;
  }
  return out;
}

/**
 * The n-gram keys of an item, each once: `t:` + title unigram / bigram
 * (when `titleGrams`), and unprefixed unigrams / bigrams of title + summary.
 * Bigrams join their words with `_`; they never span the title/summary gap.
 */
export function ngramKeys(input: RankerInput, options: RankerOptions, emit: (key: string) => void): void {
  const { titleTokens, textTokens } = input;
  for (let i = 0; i < titleTokens.length; i++) {
    const w = titleTokens[i]!;
    emit(w);
    if (options.titleGrams) emit('t:' + w);
    if (options.bigrams && i + 1 < titleTokens.length) {
      const b = w + '_' + titleTokens[i + 1]!;
      emit(b);
      if (options.titleGrams) emit('t:' + b);
    }
  }
  for (let i = 0; i < textTokens.length; i++) {
    const w = textTokens[i]!;
    emit(w);
    if (options.bigrams && i + 1 < textTokens.length) emit(w + '_' + textTokens[i + 1]!);
  }
  if (options.skeletonBigrams) {
    for (const sk of [input.titleSkeletons, input.textSkeletons]) for (let i = 0; i + 1 < sk.length; i++) emit('s:' + sk[i]! + '_' + sk[i + 1]!);
  }
  if (options.phrases) {
    for (const p of input.titlePhrases) emit('pt:' + input.phraseKeys[p]!);
  }
}

/**
 * A model ready for scoring. N-grams are looked up by word ids rather than
 * by building key strings: one Map lookup per token, then array and numeric
 * Map lookups — the ranker must not slow the classifier much.
 */
export interface CompiledRanker {
  options: RankerOptions;
  featureCount: number;
  weights: Float64Array;
  dense: Float64Array;
  bias: Float64Array;
  /** Word → id, over the words of the model's n-grams (skeletons included). */
  words: Map<string, number>;
  wordList: string[];
  /** Per word id: feature index of the unigram (any field) and of the title unigram, or −1. */
  uni: Int32Array;
  titleUni: Int32Array;
  /** Per word id (a phrase key): feature index of the phrase in the title, or −1. */
  titlePhrase: Int32Array;
  /** Title-phrase feature index per lexicon phrase id (−1: none), for the `phraseKeys` array last seen (built on first use). */
  phraseIndex: { keys: readonly string[]; title: Int32Array } | null;
  /** Per word-id pair (`a × words + b`): feature index of the bigram (any field), of the title bigram, of the skeleton bigram. */
  bi: Map<number, number>;
  titleBi: Map<number, number>;
  skeletonBi: Map<number, number>;
  /** Per feature: kind and word ids (`grams` of the file). */
  grams: Int16Array;
  relevance: { dense: Float64Array; bias: number; weights: Float64Array } | null;
  secondary: { dense: Float64Array; bias: Float64Array; weights: Float64Array } | null;
}

/** A trained model ready for scoring (through its file form, so training and use compile alike). */
export function compileRanker(model: RankerModel): CompiledRanker {
  return compileRankerFile(encodeModel(model));
}

/** The committed model file ready for scoring. */
export function compileRankerFile(file: RankerFile): CompiledRanker {
  const wordList = file.words === '' ? [] : file.words.split(' ');
  const words = new Map<string, number>();
  for (let i = 0; i < wordList.length; i++) words.set(wordList[i]!, i);
  const n = wordList.length;
  const grams = decodeInt16(file.grams);
  const uni = new Int32Array(n).fill(-1);
  const titleUni = new Int32Array(n).fill(-1);
  const titlePhrase = new Int32Array(n).fill(-1);
  const bi = new Map<number, number>();
  const titleBi = new Map<number, number>();
  const skeletonBi = new Map<number, number>();
  const pairMaps = [null, null, bi, titleBi, skeletonBi] as const;
  for (let f = 0, i = 0; i < grams.length; f++, i += 3) {
    const kind = grams[i]!;
    const a = grams[i + 1]!;
    if (kind === 0) uni[a] = f;
    else if (kind === 1) titleUni[a] = f;
    else if (kind === 5) titlePhrase[a] = f;
    else if (pairMaps[kind]) pairMaps[kind].set(a * n + grams[i + 2]!, f);
    else throw new RangeError(`ranker model: unknown n-gram kind ${kind} (retrain with \`npm run train\`)`);
  }
  const scaled = (ints: Int16Array) => {
    const out = new Float64Array(ints.length);
    for (let i = 0; i < ints.length; i++) out[i] = ints[i]! * file.scale;
    return out;
  };
  const relevance = file.relevance ? { dense: Float64Array.from(file.relevance.dense), bias: file.relevance.bias, weights: scaled(decodeInt16(file.relevance.weights)) } : null;
  const secondary = file.secondary
    ? { dense: Float64Array.from(file.secondary.dense), bias: Float64Array.from(file.secondary.bias), weights: scaled(decodeInt16(file.secondary.weights)) }
    : null;
  return {
    options: file.options,
    featureCount: grams.length / 3,
    weights: scaled(decodeInt16(file.weights)),
    dense: Float64Array.from(file.dense),
    bias: Float64Array.from(file.bias),
    words,
    wordList,
    uni,
    titleUni,
    titlePhrase,
    phraseIndex: null,
    bi,
    titleBi,
    skeletonBi,
    grams,
    relevance,
    secondary,
  };
}

/** The folded words of a feature (for evidence). */
export function featureTokens(ranker: CompiledRanker, f: number): string[] {
  const kind = ranker.grams[3 * f]!;
  const a = ranker.grams[3 * f + 1]!;
  if (kind === 5) return ranker.wordList[a]!.split(PHRASE_JOIN);
  const b = ranker.grams[3 * f + 2]!;
  return b >= 0 ? [ranker.wordList[a]!, ranker.wordList[b]!] : [ranker.wordList[a]!];
}

/** The logits of every area and which n-grams (feature indexes) the item has. */
export interface RankerScore {
  logits: Float64Array;
  /** The logits from the lexicon features and biases alone, before the n-grams. */
  lexiconLogits: Float64Array;
  features: number[];
  /** Log-odds of relevance (NaN without a learned relevance decision). */
  relevance: number;
}

// Marks seen feature indexes without allocating a Set per item.
let stamp = 0;
let seenAt = new Int32Array(0);

/** Scores every area for an item; the same features as `ngramKeys` would name. */
export function scoreRanker(ranker: CompiledRanker, input: RankerInput, withAreas = true): RankerScore {
  if (seenAt.length < ranker.featureCount) seenAt = new Int32Array(ranker.featureCount);
  if (++stamp > 2_000_000_000) {
    stamp = 1;
    seenAt.fill(0);
  }
  const features: number[] = [];
  const { bigrams, titleGrams } = ranker.options;
  scanField(ranker, input.titleTokens, titleGrams, bigrams, ranker.words, features);
  scanField(ranker, input.textTokens, false, bigrams, ranker.words, features);
  if (ranker.options.skeletonBigrams) {
    scanField(ranker, input.titleSkeletons, false, true, ranker.words, features, true);
    scanField(ranker, input.textSkeletons, false, true, ranker.words, features, true);
  }
  if (ranker.options.phrases) {
    const index = phraseIndex(ranker, input.phraseKeys);
    for (const p of input.titlePhrases) mark(index[p]!, features);
  }
  let relevance = NaN;
  const rel = ranker.relevance;
  if (rel) {
    relevance = rel.bias;
    const r = relevanceFeatures(input, RELEVANCE_SCRATCH);
    for (let k = 0; k < RELEVANCE_DENSE_COUNT; k++) relevance += rel.dense[k]! * r[k]!;
    for (let i = 0; i < features.length; i++) relevance += rel.weights[features[i]!]!;
  }
  const score: RankerScore = { logits: NO_LOGITS, lexiconLogits: NO_LOGITS, features, relevance };
  if (withAreas) addAreaLogits(ranker, input, score);
  return score;
}

const NO_LOGITS = new Float64Array(0);

/**
 * Fills in the area logits of a score made with `withAreas = false`: the
 * relevance decision needs only the features, and most items a collector
 * sees are decided not relevant, so their area scores are never computed.
 */
export function addAreaLogits(ranker: CompiledRanker, input: RankerInput, score: RankerScore): void {
  if (score.logits.length > 0) return;
  const logits = ranker.bias.slice();
  const dense = denseFeatures(input, DENSE_SCRATCH);
  for (let a = 0; a < N_AREAS; a++) {
    let z = 0;
    for (let k = 0; k < DENSE_COUNT; k++) z += ranker.dense[k]! * dense[a * DENSE_COUNT + k]!;
    logits[a] = logits[a]! + z;
  }
  score.lexiconLogits = logits.slice();
  const w = ranker.weights;
  const features = score.features;
  for (let i = 0; i < features.length; i++) {
    const row = features[i]! * N_AREAS;
    for (let a = 0; a < N_AREAS; a++) logits[a] = logits[a]! + w[row + a]!;
  }
  score.logits = logits;
}

/** Lexicon phrase id → title-phrase feature index (−1: not a feature), so scoring costs an array read per phrase hit. */
function phraseIndex(ranker: CompiledRanker, keys: readonly string[]): Int32Array {
  if (ranker.phraseIndex?.keys === keys) return ranker.phraseIndex.title;
  const title = new Int32Array(keys.length).fill(-1);
  for (let p = 0; p < keys.length; p++) {
    const id = ranker.words.get(keys[p]!);
    if (id !== undefined) title[p] = ranker.titlePhrase[id]!;
  }
  ranker.phraseIndex = { keys, title };
  return title;
}

/** Collects the feature indexes of one field's n-grams (each once per item, via `seenAt`). */
function scanField(
  ranker: CompiledRanker,
  tokens: readonly string[],
  title: boolean,
  bigrams: boolean,
  vocabulary: Map<string, number>,
  out: number[],
  skeleton = false,
): void {
  const n = vocabulary.size;
  let prev = -1;
  for (let i = 0; i < tokens.length; i++) {
    const id = vocabulary.get(tokens[i]!) ?? -1;
    if (id >= 0) {
      if (!skeleton) {
        mark(ranker.uni[id]!, out);
        if (title) mark(ranker.titleUni[id]!, out);
      }
      if (bigrams && prev >= 0) {
        const key = prev * n + id;
        if (skeleton) mark(ranker.skeletonBi.get(key) ?? -1, out);
        else {
          mark(ranker.bi.get(key) ?? -1, out);
          if (title) mark(ranker.titleBi.get(key) ?? -1, out);
        }
      }
    }
    prev = id;
  }
}

function mark(f: number, out: number[]): void {
  if (f < 0 || seenAt[f] === stamp) return;
  seenAt[f] = stamp;
  out.push(f);
}

/** Softmax of logits. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let a = 0; a < logits.length; a++) max = Math.max(max, logits[a]!);
  const p = new Float64Array(logits.length);
  let sum = 0;
  for (let a = 0; a < logits.length; a++) sum += p[a] = Math.exp(logits[a]! - max);
  for (let a = 0; a < logits.length; a++) p[a] = p[a]! / sum;
  return p;
}
