/**
 * The relevance and reform-area classifier (hybrid-2026.6): a weighted
 * lexicon (taxonomy.ts) matched on folded text, negative cues for
 * near-misses and the index rules of domain.md decide relevance and
 * secondary areas; a small learned ranker (ranker.ts, trained by
 * `npm run train` on the tuning part of the dev set) picks the primary area
 * from the lexicon's scores, its phrase hits and the item's word uni/bigrams. Every decision
 * can be traced to the phrases returned as evidence: lexicon phrases, and
 * the item's own n-grams when the ranker overrules the lexicon.
 */
import { readFileSync } from 'node:fs';
import { AREA_IDS, type AreaId } from '../config/areas';
import { foldForMatch, normalizeText } from '../text/normalize';
import { addAreaLogits, compileRankerFile, PHRASE_JOIN, featureTokens, N_AREAS, scoreRanker, scoreSecondary, SECONDARY_RULE, softmax, type CompiledRanker, type RankerFile, type RankerInput, type RankerScore } from './ranker';
import { AREAS, IMPROVE_CUES, INDEX_RULES, INDEX_WEIGHT, NEGATIVE_CUES, type IndexRule } from './taxonomy';

// ---------------------------------------------------------------------------
// The matcher. (In this module rather than its own: under the tsx loader every
// module costs several milliseconds of start-up, and load time has a budget.)
/*
 * A phrase matcher compiled once: folded phrases indexed by their first
 * two tokens, so one pass over an item's tokens finds every phrase with a Map
 * lookup per token instead of one regex per phrase per item.
 *
 * Two keys per phrase: the folded tokens (exact: survives missing
 * diacritics and NFD) and an "OCR skeleton" of them (vowel runs collapsed,
 * common OCR letter confusions undone) for text whose vowels or `Đ` were
 * misread. Skeleton matches are only allowed for phrases long enough that
 * a collision is unlikely.
 */

/** One hit: which phrase, where (token offsets) and whether it matched exactly. */
export interface PhraseHit {
  id: number;
  start: number;
  end: number;
  exact: boolean;
}

interface Entry {
  id: number;
  tokens: readonly string[];
  /** For a skeleton entry: the folded tokens, to count how many matched exactly. */
  folded?: readonly string[];
}

const VOWEL_RUN = /[aeiouyw]+/g;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /[a-z]/;

/**
 * The OCR skeleton of one folded token. OCR of Vietnamese mostly damages
 * vowels and their marks ("nuéc" for "nước", "hwéng" for "hướng"), reads
 * `Đ` as `P` ("Binh Pinh"), `ư` as "tr"/"ir" ("ctr" for "cử"), `h` as `b`
 * ("kbong"), `m` as "rn" and `o`/`l` as digits ("s6", "1an"). Undo those,
 * then collapse every vowel run to `*`: "nuec" and "nuoc" → "n*c".
 */
export function ocrSkeleton(token: string): string {
  let s = token;
  if (HAS_DIGIT.test(s)) {
    if (!HAS_LETTER.test(s)) return s;
    s = s.replace(/[06]/g, 'o').replace(/1/g, 'l');
  }
  s = s.replace(/rn/g, 'm');
  const first = s.charCodeAt(0);
  if (first === 112 /* p */ && s[1] !== 'h') s = 'd' + s.slice(1);
  else if (first === 102 /* f */) s = 't' + s.slice(1);
  else if (first === 101 /* e */ && s[1] === 'b') s = 'ch' + s.slice(2);
  else if (first === 101 /* e */ && /^e[aoiuy]/.test(s)) s = 'c' + s.slice(1);
  s = s.replace(/^([kpct])b/, '$1h').replace(/cb$/, 'ch');
  // Vietnamese has no consonant cluster inside a syllable: "tr"/"ir" after a consonant was "ư".
  s = s.replace(/([^aeiouyw])(?:tr|ir)/g, '$1u');
  // Nor a `d` after the initial: inside a word it was a misread vowel ("dưdc" for "được").
  if (s.length > 1) s = s[0] + s.slice(1).replace(/d/g, 'o');
  return s.replace(VOWEL_RUN, '*');
}

// Tokens repeat a lot across items; caching the skeleton keeps the fuzzy pass cheap.
const skeletonCache = new Map<string, string>();
function cachedSkeleton(token: string): string {
  let s = skeletonCache.get(token);
  if (s === undefined) {
    if (skeletonCache.size > 100_000) skeletonCache.clear();
    s = ocrSkeleton(token);
    skeletonCache.set(token, s);
  }
  return s;
}

/** Whether a phrase is long enough for its skeleton to be specific. */
function allowsFuzzy(tokens: readonly string[]): boolean {
  const letters = tokens.reduce((n, t) => n + t.length, 0);
  if (tokens.some((t) => HAS_DIGIT.test(t))) return false;
  return tokens.length >= 3 ? letters >= 7 : tokens.length === 2 ? letters >= 8 : letters >= 6;
}

// Folding is per character, so folding word by word equals folding the whole
// text; words repeat across items (the language has a few thousand
// syllables), so memoising `foldForMatch` per whitespace-separated word
// makes folding nearly free. Bounded: cleared when it grows too large.
const foldCache = new Map<string, { tokens: readonly string[]; skeletons: readonly string[] }>();

function foldWord(word: string): { tokens: readonly string[]; skeletons: readonly string[] } {
  let folded = foldCache.get(word);
  if (folded === undefined) {
    if (foldCache.size > 200_000) foldCache.clear();
    const text = foldForMatch(word);
    const tokens = text === '' ? [] : text.split(' ');
    folded = { tokens, skeletons: tokens.map(cachedSkeleton) };
    foldCache.set(word, folded);
  }
  return folded;
}

/** Folded match tokens of a text and their OCR skeletons, position by position. */
export function tokenizeWithSkeletons(text: string): { tokens: string[]; skeletons: string[] } {
  const tokens: string[] = [];
  const skeletons: string[] = [];
  // Splitting on ' ' suffices: foldForMatch turns any other whitespace inside a piece into a token break.
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const folded = foldWord(word);
    for (let i = 0; i < folded.tokens.length; i++) {
      tokens.push(folded.tokens[i]!);
      skeletons.push(folded.skeletons[i]!);
    }
  }
  return { tokens, skeletons };
}

// A token foldForMatch keeps as is and no phrase contains.
const SEPARATOR = '0sep0';

/**
 * Folds many phrases with a single `foldForMatch` call over their
 * concatenation (folding is per character, so this equals folding each):
 * at load, one call on the whole vocabulary is far cheaper than hundreds of
 * cold calls, which keeps the classifier's start-up time small.
 */
export function foldPhrases(phrases: readonly string[]): string[][] {
  const folded = foldForMatch(phrases.join(` ${SEPARATOR} `));
  const out: string[][] = [[]];
  for (const token of folded === '' ? [] : folded.split(' ')) {
    if (token === SEPARATOR) out.push([]);
    else out[out.length - 1]!.push(token);
  }
  while (out.length < phrases.length) out.push([]);
  return out;
}

/** Splits text into folded match tokens (`foldForMatch`, then split on spaces). */
export function tokenize(text: string): string[] {
  return tokenizeWithSkeletons(text).tokens;
}

/**
 * Phrases indexed by their first two tokens (single-word phrases by their
 * one token): a lookup per position then yields only the few phrases that
 * can match there.
 */
interface IndexNode {
  single?: Entry[];
  next?: Map<string, Entry[]>;
}

class TokenIndex {
  private readonly nodes = new Map<string, IndexNode>();

  add(tokens: readonly string[], entry: Entry) {
    let node = this.nodes.get(tokens[0]!);
    if (!node) this.nodes.set(tokens[0]!, (node = {}));
    if (tokens.length === 1) (node.single ??= []).push(entry);
    else push((node.next ??= new Map()), tokens[1]!, entry);
  }

  /**
   * Appends a hit for every entry whose tokens all equal `tokens` from some
   * position. With `fuzzy` (`tokens` are then OCR skeletons, `folded` the
   * item's folded tokens) a phrase already among the first `exactCount`
   * hits is skipped, and a multi-word match must keep a word intact.
   * No callbacks: this runs for every field of every item.
   */
  collect(tokens: readonly string[], hits: PhraseHit[], fuzzy: { folded: readonly string[]; exactCount: number } | null): void {
    const n = tokens.length;
    for (let i = 0; i < n; i++) {
      const node = this.nodes.get(tokens[i]!);
      if (node === undefined) continue;
      if (node.single) for (const entry of node.single) addHit(hits, entry, i, fuzzy);
      if (node.next === undefined || i + 1 >= n) continue;
      const two = node.next.get(tokens[i + 1]!);
      if (two) for (const entry of two) if (matchesAt(tokens, i, entry.tokens)) addHit(hits, entry, i, fuzzy);
    }
  }
}

function addHit(hits: PhraseHit[], entry: Entry, at: number, fuzzy: { folded: readonly string[]; exactCount: number } | null): void {
  if (fuzzy) {
    for (let k = 0; k < fuzzy.exactCount; k++) if (hits[k]!.id === entry.id) return;
    if (!anchored(fuzzy.folded, at, entry.folded!)) return;
  }
  hits.push({ id: entry.id, start: at, end: at + entry.tokens.length, exact: fuzzy === null });
}

/** Many phrases, one index. Phrase ids are their positions in the constructor's list. */
export class PhraseMatcher {
  private readonly exact = new TokenIndex();
  private readonly fuzzy = new TokenIndex();
  private hasFuzzy = false;

  /** @param phrases phrases as folded tokens (see `foldPhrases`). */
  constructor(phrases: readonly (readonly string[])[]) {
    phrases.forEach((tokens, id) => {
      if (tokens.length === 0) return;
      this.exact.add(tokens, { id, tokens });
      if (allowsFuzzy(tokens)) {
        const skeleton = tokens.map(ocrSkeleton);
        this.fuzzy.add(skeleton, { id, tokens: skeleton, folded: tokens });
        this.hasFuzzy = true;
      }
    });
  }

  /** Every phrase occurrence in the tokens; a phrase found exactly is not reported again as fuzzy. */
  match(tokens: readonly string[], skeleton: readonly string[] = tokens.map(cachedSkeleton)): PhraseHit[] {
    const hits: PhraseHit[] = [];
    this.exact.collect(tokens, hits, null);
    if (this.hasFuzzy) this.fuzzy.collect(skeleton, hits, { folded: tokens, exactCount: hits.length });
    return hits;
  }
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry) {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/**
 * A multi-word skeleton match must keep at least one word intact: OCR
 * damages some words of a phrase, rarely all, while two different phrases
 * with the same skeleton ("trọng tài" / "trường tại") share no word.
 */
function anchored(tokens: readonly string[], at: number, folded: readonly string[]): boolean {
  if (folded.length === 1) return true;
  for (let k = 0; k < folded.length; k++) if (tokens[at + k] === folded[k]) return true;
  return false;
}

function matchesAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  for (let k = 2; k < phrase.length; k++) if (tokens[at + k] !== phrase[k]) return false;
  return true;
}

// ---------------------------------------------------------------------------
// The classifier.

/** Bump on any change of vocabulary, weights or decision rules: stored labels record it. */
export const CLASSIFIER_VERSION = 'hybrid-2026.6';

/** What the classifier reads: a title, optionally a summary and a body. */
export interface ClassifyInput {
  title: string;
  summary?: string | null;
  body?: string | null;
}

/** The classifier's answer. */
export interface Classification {
  /** Mainly about administrative reform in one of the areas. */
  relevant: boolean;
  /** Contract area ids, primary first; `[]` when not relevant. */
  areas: AreaId[];
  /** Confidence in the answer as a whole, 0..1. */
  confidence: number;
  /** The phrases (display form, with diacritics) that decided, strongest first. */
  evidence: string[];
}

// Where a phrase appears matters: a headline states what the item is about.
const FIELD_WEIGHT = { title: 1, summary: 0.55, body: 0.3 } as const;
// A skeleton (OCR-tolerant) match is less certain than an exact one.
const FUZZY_FACTOR = 0.75;
// A phrase repeated in several fields counts a little more, not linearly.
const REPEAT_CAP = 1.25;
// Caps on what is read: enough for any headline and lead; a 5 MB body costs no more than 20 KB.
const CAP = { title: 2_000, summary: 8_000, body: 20_000 } as const;

/** Minimum net area score for relevance, and for a secondary area (absolute and relative to the primary). */
const RELEVANCE_THRESHOLD = 2.6;
/**
 * A headline alone carries less text to add up, but every phrase in it counts
 * fully: an item that has only a title needs a little less than one with a
 * lead that could have confirmed it.
 */
const TITLE_ONLY_THRESHOLD = 2.0;
const SECONDARY_MIN = SECONDARY_RULE.min;
const SECONDARY_RATIO = SECONDARY_RULE.ratio;
const MAX_AREAS = 3;
const MAX_EVIDENCE = 6;

type Role =
  | { kind: 'area'; area: AreaId; weight: number }
  | { kind: 'negative'; areas: readonly AreaId[]; weight: number }
  | { kind: 'index'; rule: IndexRule }
  | { kind: 'improve' };

/** The compiled lexicon: one matcher over every distinct folded phrase, each with its roles. */
interface Compiled {
  matcher: PhraseMatcher;
  display: string[];
  /** Folded form of each phrase, space-padded, to find phrases shown inside longer ones. */
  keys: string[];
  /** Folded form of each phrase as the ranker names it (`PHRASE_JOIN` between tokens). */
  featureKeys: string[];
  roles: Role[][];
  /** Per phrase id: its only roles are negative cues. */
  negativeOnly: boolean[];
  /** Per phrase id: it adds to some area (an area phrase or an index name). */
  positive: boolean[];
  /**
   * Per phrase id: what it adds to each area at field factor 1, role by
   * role in `roles` order, as flat (area index, value) pairs — area scores
   * are summed for every hit of every item, so no lookups there.
   */
  contributions: Float64Array[];
}

function compile(): Compiled {
  const raw: { phrase: string; role: Role }[] = [];
  for (const area of AREAS) for (const [phrase, weight] of area.phrases) raw.push({ phrase, role: { kind: 'area', area: area.id, weight } });
  for (const cue of NEGATIVE_CUES) raw.push({ phrase: cue.phrase, role: { kind: 'negative', areas: cue.areas ?? AREA_IDS, weight: cue.weight } });
  for (const rule of INDEX_RULES) for (const phrase of rule.phrases) raw.push({ phrase, role: { kind: 'index', rule } });
  for (const phrase of IMPROVE_CUES) raw.push({ phrase, role: { kind: 'improve' } });
  const folded = foldPhrases(raw.map((r) => r.phrase));

  // One entry per distinct folded phrase, carrying every role it plays.
  const ids = new Map<string, number>();
  const display: string[] = [];
  const tokens: string[][] = [];
  const roles: Role[][] = [];
  raw.forEach(({ phrase, role }, i) => {
    const key = folded[i]!.join(' ');
    if (key === '') return;
    let id = ids.get(key);
    if (id === undefined) {
      id = display.length;
      ids.set(key, id);
      display.push(phrase);
      tokens.push(folded[i]!);
      roles.push([]);
    }
    roles[id]!.push(role);
  });
  const keys = tokens.map((t) => ` ${t.join(' ')} `);
  const featureKeys = tokens.map((t) => t.join(PHRASE_JOIN));
  const negativeOnly = roles.map((list) => list.every((role) => role.kind === 'negative'));
  const positive = roles.map((list) => list.some((role) => role.kind === 'area' || role.kind === 'index'));
  const contributions = roles.map((list) => {
    const pairs: number[] = [];
    const add = (area: AreaId, value: number) => pairs.push(AREA_IDS.indexOf(area), value);
    for (const role of list) {
      if (role.kind === 'area') add(role.area, role.weight);
      else if (role.kind === 'negative') for (const area of role.areas) add(area, -role.weight);
      else if (role.kind === 'index') {
        // A named index is CCHC direction news in itself, and evidence for its own field.
        add('direction', INDEX_WEIGHT);
        if (role.rule.field !== 'direction') add(role.rule.field, INDEX_WEIGHT / 2);
      }
    }
    return Float64Array.from(pairs);
  });
  return { matcher: new PhraseMatcher(tokens), display, keys, featureKeys, roles, negativeOnly, positive, contributions };
}

// Compiled once, on the first classification rather than at import: a
// function that may not classify at all (a poll that finds its page
// unchanged) should not pay for it in its cold start. The per-item cost is
// then one pass over the tokens.
let LEXICON: Compiled;

const TAG = /<[^>]*>/g;
const SCRIPT_OR_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const ENTITY = /&(?:#(\d{1,6})|#x([0-9a-f]{1,6})|(nbsp|amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Plain text of a field: capped, HTML tags and common entities removed (cheaply: this is matching, not display). */
function plain(value: unknown, cap: number): string {
  if (typeof value !== 'string' || value === '') return '';
  let text = value.length > cap ? value.slice(0, cap) : value;
  if (text.includes('<')) text = text.replace(SCRIPT_OR_STYLE, ' ').replace(TAG, ' ');
  if (text.includes('&')) {
    text = text.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : -1;
      if (code >= 0) return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
      return NAMED[name!.toLowerCase()] ?? ' ';
    });
  }
  return text;
}

interface Tally {
  /** Per phrase id: summed field factor (capped). */
  factor: Map<number, number>;
  /** Per phrase id: its factor in the title alone. */
  titleFactor: Map<number, number>;
  /** Index rules named in the title. */
  titleIndexes: IndexRule[];
  improveInTitle: boolean;
  /** How many word tokens were read in all fields. */
  tokens: number;
  /** Whether only the title had any tokens. */
  titleOnly: boolean;
  /** Folded tokens of each field, in field order, and their OCR skeletons. */
  fieldTokens: string[][];
  fieldSkeletons: string[][];
}

function tally(fields: { text: string; weight: number; isTitle: boolean }[], drop?: (phrase: number) => boolean): Tally {
  const factor = new Map<number, number>();
  const titleFactor = new Map<number, number>();
  const best = new Map<number, number>();
  const titleIndexes: IndexRule[] = [];
  const fieldTokens: string[][] = [];
  const fieldSkeletons: string[][] = [];
  let improveInTitle = false;
  let tokenCount = 0;
  let otherTokens = 0;
  for (const field of fields) {
    const { tokens, skeletons } = tokenizeWithSkeletons(field.text);
    fieldTokens.push(tokens);
    fieldSkeletons.push(skeletons);
    tokenCount += tokens.length;
    if (!field.isTitle) otherTokens += tokens.length;
    if (tokens.length === 0) continue;
    const seen = new Map<number, number>();
    let hits = LEXICON.matcher.match(tokens, skeletons);
    if (drop) hits = hits.filter((hit) => !drop(hit.id));
    for (const hit of hits) {
      // A near-miss cue inside a longer reform phrase is part of that phrase, not a
      // cue of its own ("lễ hội" in "cắt giảm lễ hội", "tái cấu trúc" in "tái cấu trúc quy trình").
      if (LEXICON.negativeOnly[hit.id] && insidePositive(hit, hits)) continue;
      const f = field.weight * (hit.exact ? 1 : FUZZY_FACTOR);
      if ((seen.get(hit.id) ?? 0) < f) seen.set(hit.id, f);
    }
    for (const [id, f] of seen) {
      const sum = (factor.get(id) ?? 0) + f;
      const top = Math.max(best.get(id) ?? 0, f);
      best.set(id, top);
      factor.set(id, Math.min(sum, top * REPEAT_CAP));
      if (field.isTitle) titleFactor.set(id, f);
      for (const role of LEXICON.roles[id]!) {
        if (role.kind === 'index') {
          if (field.isTitle && !titleIndexes.includes(role.rule)) titleIndexes.push(role.rule);
        } else if (role.kind === 'improve' && field.isTitle) improveInTitle = true;
      }
    }
  }
  return { factor, titleFactor, titleIndexes, improveInTitle, tokens: tokenCount, titleOnly: otherTokens === 0, fieldTokens, fieldSkeletons };
}

/** Whether a hit lies within a longer hit of a phrase that counts for an area. */
function insidePositive(hit: PhraseHit, hits: readonly PhraseHit[]): boolean {
  for (const other of hits) {
    if (other === hit || other.end - other.start <= hit.end - hit.start) continue;
    if (other.start <= hit.start && other.end >= hit.end && LEXICON.positive[other.id]) return true;
  }
  return false;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const AREA_INDEX = new Map<AreaId, number>(AREA_IDS.map((id, i) => [id, i]));

/** Net area scores (`AREA_IDS` order) and the positive phrases behind each, from phrase factors. */
function areaScores(factors: Map<number, number>, support?: { id: number; value: number }[][]): Float64Array {
  const score = new Float64Array(AREA_IDS.length);
  for (const [id, f] of factors) {
    const pairs = LEXICON.contributions[id]!;
    for (let k = 0; k < pairs.length; k += 2) {
      const a = pairs[k]!;
      const value = pairs[k + 1]! * f;
      score[a] = score[a]! + value;
      if (support && value > 0) support[a]!.push({ id, value });
    }
  }
  return score;
}

/**
 * What the lexicon finds in an item: the input of both the decision and the
 * learned ranker (and of its training, `train.ts`).
 */
export interface Analysis extends RankerInput {
  /** Word tokens read in all fields; 0 = nothing readable. */
  tokenCount: number;
  /** Positive phrases (lexicon ids) behind each area's score, `AREA_IDS` order. */
  support: { id: number; value: number }[][];
  /** The display text the n-grams came from (title, summary), for evidence. */
  texts: string[];
}

/**
 * The lexicon's analysis of one item (never throws). `drop` (training only)
 * hides some lexicon phrases, to show the ranker what the lexicon looks like
 * on text whose wording it was not written for.
 */
export function analyse(input: ClassifyInput, drop?: (phrase: number) => boolean): Analysis {
  LEXICON ??= compile();
  const source = (input ?? {}) as Partial<ClassifyInput>;
  const title = plain(source.title, CAP.title);
  const summary = plain(source.summary, CAP.summary);
  const t = tally([
    { text: title, weight: FIELD_WEIGHT.title, isTitle: true },
    { text: summary, weight: FIELD_WEIGHT.summary, isTitle: false },
    { text: plain(source.body, CAP.body), weight: FIELD_WEIGHT.body, isTitle: false },
  ], drop);
  const support: { id: number; value: number }[][] = AREA_IDS.map(() => []);
  const score = areaScores(t.factor, support);
  const titleScore = areaScores(t.titleFactor);
  const forced: number[] = [];
  if (t.titleIndexes.length > 0) {
    // domain.md: an index result is direction first, its field second; a plan to improve it is its field first.
    const fields = t.titleIndexes.map((rule) => rule.field).filter((field) => field !== 'direction');
    const order = t.improveInTitle && fields.length > 0 ? [fields[0]!] : ['direction' as AreaId, ...fields];
    for (const area of order) {
      const a = AREA_INDEX.get(area)!;
      if (!forced.includes(a)) forced.push(a);
    }
  }
  return {
    tokenCount: t.tokens,
    titleOnly: t.titleOnly,
    score,
    titleScore,
    forced,
    support,
    titleTokens: t.fieldTokens[0]!,
    textTokens: t.fieldTokens[1]!,
    titleSkeletons: t.fieldSkeletons[0]!,
    textSkeletons: t.fieldSkeletons[1]!,
    // The title's phrase ids (exact or OCR-skeleton hits), in the order found.
    titlePhrases: [...t.titleFactor.keys()],
    phraseKeys: LEXICON.featureKeys,
    threshold: t.titleOnly ? TITLE_ONLY_THRESHOLD : RELEVANCE_THRESHOLD,
    texts: [title, summary],
  };
}

/**
 * The committed model, read from beside this module: `shared/classify/` when
 * run from the sources, the function's own directory in a Lambda bundle (the
 * stack copies the file there: BESIDE_BUNDLE in infra/definitions/bundling.ts).
 * Read rather than imported: esbuild would inline its 160 KB as a JavaScript
 * object literal in every bundle that classifies, which V8 parses slower than
 * JSON.parse reads the same text.
 */
const readDefaultRanker = () => compileRankerFile(JSON.parse(readFileSync(new URL('./ranker-model.json', import.meta.url), 'utf8')) as RankerFile);
/** Read on the first classification, like the lexicon. */
let defaultRanker: CompiledRanker | undefined;

/**
 * Classifies one news item. Never throws: empty, huge, HTML, English or
 * malformed text yields a valid answer (not relevant, low score).
 * @example classify({ title: 'Bình Định cắt giảm 30% thời gian giải quyết thủ tục hành chính' })
 *   // { relevant: true, areas: ['procedures'], confidence: 0.9…, evidence: ['thủ tục hành chính', …] }
 */
export function classify(input: ClassifyInput): Classification {
  return decide(analyse(input), (defaultRanker ??= readDefaultRanker()));
}

/**
 * The decision on an analysed item: relevance from the lexicon's net score;
 * the primary area from domain.md's index rules when the title names an
 * index, else from the learned ranker (or, with `ranker` null, the
 * lexicon's top area); secondary areas from the lexicon's scores.
 */
export function decide(an: Analysis, ranker: CompiledRanker | null): Classification {
  // Nothing readable (empty, only emoji or markup): not relevant, and no basis for confidence either way.
  if (an.tokenCount === 0) return { relevant: false, areas: [], confidence: 0.5, evidence: [] };
  const score = an.score;
  const ranked = AREA_IDS.map((id, a) => [a, score[a]!] as const)
    .filter(([, s]) => s > 0)
    .sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  const top = ranked[0]?.[1] ?? 0;
  const threshold = an.threshold;
  // Without a learned relevance decision the ranker is only needed for relevant items.
  const learned = ranker && (ranker.relevance || top >= threshold) ? scoreRanker(ranker, an, false) : null;
  const relevant = learned && !Number.isNaN(learned.relevance) ? learned.relevance >= 0 : top >= threshold;
  if (!relevant) {
    const confidence = learned && !Number.isNaN(learned.relevance)
      ? 1 / (1 + Math.exp(learned.relevance))
      : 0.5 + 0.45 * Math.min(1, Math.max(0, (threshold - top) / threshold));
    return { relevant: false, areas: [], confidence: round(Math.min(0.99, confidence)), evidence: [] };
  }

  if (learned) addAreaLogits(ranker!, an, learned);
  const order: number[] = [];
  let probability = -1;
  // domain.md's index rules are labelling rules, not tendencies: when the title names an index they decide the order.
  if (learned && an.forced.length === 0) {
    const p = softmax(learned.logits);
    const best = argmax(p);
    order.push(best);
    probability = p[best]!;
  }
  for (const a of an.forced) if (!order.includes(a)) order.push(a);
  if (learned && ranker!.secondary && order.length > 0) {
    // Learned secondary areas: those more likely in than out, likeliest first.
    const odds = scoreSecondary(ranker!, an, learned.features, order[0]!);
    const candidates = AREA_IDS.map((_, a) => a).filter((a) => !order.includes(a) && odds[a]! >= 0);
    candidates.sort((x, y) => odds[y]! - odds[x]! || x - y);
    for (const a of candidates) if (order.length < MAX_AREAS) order.push(a);
  } else {
    for (const [a, s] of ranked) {
      if (order.length >= MAX_AREAS) break;
      if (order.includes(a)) continue;
      if (order.length === 0 || (s >= SECONDARY_MIN && s >= SECONDARY_RATIO * top)) order.push(a);
    }
  }
  const areas = order.slice(0, MAX_AREAS).map((a) => AREA_IDS[a]!);

  const evidence = pickEvidence(order.slice(0, MAX_AREAS), an, ranker, an.forced.length === 0 ? learned : null);
  const primary = order[0]!;
  const second = ranked.find(([a]) => a !== primary)?.[1] ?? 0;
  const strength = learned && !Number.isNaN(learned.relevance) ? 1 - 2 / (1 + Math.exp(learned.relevance)) : 1 - Math.exp(-(top - threshold + 1) / 3);
  const margin = probability >= 0 ? probability : Math.min(1, Math.max(0, (score[primary]! - second) / Math.max(top, 1)));
  const confidence = 0.5 + 0.35 * strength + 0.14 * margin;
  return { relevant: true, areas, confidence: round(Math.min(0.99, confidence)), evidence };
}

/**
 * The phrases that decided, strongest first: the lexicon phrases behind the
 * chosen areas (primary first) and — when the ranker chose another primary
 * than the lexicon's top area — first the item's n-grams that pulled most
 * towards that choice, in the item's own display form. A phrase contained
 * in a longer one shown is left out.
 */
function pickEvidence(areas: number[], an: Analysis, ranker: CompiledRanker | null, learned: RankerScore | null): string[] {
  const chosen: { key: string; display: () => string; value: number }[] = [];
  areas.forEach((area, rank) => {
    const boost = rank === 0 ? 1 : 0.5;
    for (const s of an.support[area]!) chosen.push({ key: LEXICON.keys[s.id]!, display: () => LEXICON.display[s.id]!, value: s.value * boost });
  });
  chosen.sort((a, b) => b.value - a.value);
  const primary = areas[0]!;
  const overruled = learned ? argmax(learned.lexiconLogits) : primary;
  if (ranker && learned && overruled !== primary) {
    // The n-grams overruled what the lexicon's scores alone pointed to: those that
    // pulled hardest from that area towards the chosen one decided, so they come first.
    const pulls: { key: string; tokens: string[]; pull: number }[] = [];
    for (const f of learned.features) {
      const pull = ranker.weights[f * N_AREAS + primary]! - ranker.weights[f * N_AREAS + overruled]!;
      if (pull <= 0) continue;
      const tokens = featureTokens(ranker, f);
      // A bigram says more than a lone syllable: shown in preference.
      pulls.push({ key: ` ${tokens.join(' ')} `, tokens, pull: tokens.length > 1 ? pull : pull / 2 });
    }
    pulls.sort((a, b) => b.pull - a.pull || (a.key < b.key ? -1 : 1));
    const shown: typeof chosen = [];
    for (const p of pulls) {
      if (shown.length >= NGRAM_EVIDENCE) break;
      if (!shown.some((s) => s.key === p.key)) shown.push({ key: p.key, display: () => displayOf(p.tokens, an), value: Infinity });
    }
    chosen.unshift(...shown);
  }
  const folded: string[] = [];
  const out: string[] = [];
  for (const { key, display } of chosen) {
    if (folded.some((f) => f.includes(key))) continue;
    for (let i = folded.length - 1; i >= 0; i--) {
      if (key.includes(folded[i]!)) {
        folded.splice(i, 1);
        out.splice(i, 1);
      }
    }
    folded.push(key);
    out.push(display());
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** How many learned n-grams are shown when the ranker overrules the lexicon. */
const NGRAM_EVIDENCE = 2;
const WORD_PIECES = /[^\p{L}\p{N}]+/u;

/** The words of the item that an n-gram (folded tokens) came from, as written; the folded form when they cannot be lined up. */
function displayOf(tokens: string[], an: Analysis): string {
  for (const text of an.texts) {
    if (text === '') continue;
    const pieces = normalizeText(text).split(WORD_PIECES).filter((p) => p !== '');
    const folded = pieces.map((p) => foldWord(p).tokens);
    if (folded.some((f) => f.length !== 1)) continue;
    for (let i = 0; i + tokens.length <= folded.length; i++) {
      if (tokens.every((t, k) => folded[i + k]![0] === t)) return pieces.slice(i, i + tokens.length).join(' ');
    }
  }
  return tokens.join(' ');
}
