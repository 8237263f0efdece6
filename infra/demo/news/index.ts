/**
 * The invented stories of the demo sites and how a story becomes the text of
 * one dated item. All names of places and programmes are real (Bình Định,
 * Đề án 06, Nghị quyết 57-NQ/TW, …); events, figures and rankings are not.
 */
import { quarterOf, vietnamParts } from '../../../shared/time/vietnam';
import { hashString } from '../random';
import type { Story, Voice } from '../types';
import { PROVINCIAL_STORIES } from './provincial';
import { LOCAL_STORIES } from './local';
import { PRESS_STORIES } from './press';
import { TEMPLATE_STORIES } from './templates';
import { CCHC_CLOSINGS, CCHC_CONTEXT, OTHER_CLOSINGS, OTHER_CONTEXT } from './closings';

/** Every story, by key. */
export const STORIES: ReadonlyMap<string, Story> = (() => {
  const map = new Map<string, Story>();
  for (const story of [...PROVINCIAL_STORIES, ...LOCAL_STORIES, ...PRESS_STORIES, ...TEMPLATE_STORIES]) {
    if (map.has(story.key)) throw new Error(`demo news: duplicate story key ${story.key}`);
    map.set(story.key, story);
  }
  return map;
})();

/** A story by key; throws on a typo so a site module cannot silently lose an item. */
export function getStory(key: string): Story {
  const story = STORIES.get(key);
  if (!story) throw new Error(`demo news: no story "${key}"`);
  return story;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The values of the date placeholders for an item published at `at`. */
function datePlaceholders(at: Date): Record<string, string> {
  const p = vietnamParts(at);
  const quarter = Number(quarterOf(at).slice(-1));
  const prevQuarter = quarter === 1 ? 4 : quarter - 1;
  return {
    year: String(p.year),
    prevYear: String(p.year - 1),
    month: String(p.month),
    quarter: ROMAN[quarter - 1]!,
    prevQuarter: ROMAN[prevQuarter - 1]!,
    prevQuarterYear: String(quarter === 1 ? p.year - 1 : p.year),
  };
}

function fill(text: string, values: Record<string, string>, key: string): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`demo news: story "${key}" uses unknown placeholder {${name}}`);
    return value;
  });
}

/**
 * An ASCII slug of a Vietnamese title: diacritics folded, đ→d.
 * @example slugify('Cải cách thủ tục hành chính') // 'cai-cach-thu-tuc-hanh-chinh'
 */
export function slugify(text: string, maxLength = 80): string {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (folded.length <= maxLength) return folded;
  const cut = folded.slice(0, maxLength);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : maxLength);
}

/** The closing paragraph of a story: picked by its key, so syndicated copies match. */
function closingOf(story: Story): string {
  const pool = story.label.relevant ? CCHC_CLOSINGS : OTHER_CLOSINGS;
  return pool[hashString(story.key) % pool.length]!;
}

const wordCount = (paragraphs: string[]) => paragraphs.join(' ').split(/\s+/).length;

/** Short stories get background paragraphs (by key) until the body has about 170 words. */
function contextFor(story: Story, body: string[]): string[] {
  const pool = story.label.relevant ? CCHC_CONTEXT : OTHER_CONTEXT;
  const added: string[] = [];
  const start = hashString(`context:${story.key}`) % pool.length;
  for (let i = 0; i < pool.length && wordCount([...body, ...added]) < 170; i++) {
    added.push(pool[(start + i) % pool.length]!);
  }
  return added;
}

/** The text of a story as one site publishes it at one instant. */
export function resolveStory(
  story: Story,
  voice: Voice,
  at: Date,
): { title: string; summary: string; paragraphs: string[]; slug: string; label: Story['label'] } {
  const values = { ...datePlaceholders(at), agency: voice.agency, units: voice.units, place: voice.place };
  const title = fill(story.title, values, story.key);
  const summary = fill(story.summary, values, story.key);
  const own = [summary, ...story.paragraphs.map((text) => fill(text, values, story.key))];
  const closing = fill(closingOf(story), values, story.key);
  const paragraphs = [...own, ...contextFor(story, [...own, closing]), closing];
  return { title, summary, paragraphs, slug: slugify(title), label: story.label };
}
