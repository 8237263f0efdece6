import { createHash } from 'node:crypto';
import { foldForMatch } from '../text/normalize';
import { urlIdentity } from './canonical-url';

const hash = (text: string, length: number) =>
  createHash('sha256').update(text).digest('base64url').slice(0, length);

/** The hash under which a URL is looked up (one place computes the dedupe key). */
export function urlHash(url: string): string {
  return hash(urlIdentity(url), 22);
}

/**
 * A story's id: the hash of the first URL it was seen at; stable across runs.
 * It must stay equal to {@link urlHash}: the table finds a URL's story at the
 * key of that hash (`shared/store/table.ts`).
 */
export function storyIdForUrl(url: string): string {
  return urlHash(url);
}

/** Titles shorter than this (folded) are too generic to prove syndication ("Thông báo"). */
const MIN_FINGERPRINT_TITLE = 24;

/**
 * A fingerprint of a story's title for syndication lookups: diacritics and
 * spacing folded. Null when the title is too short to be telling. A match is
 * confirmed with {@link sameText}, since two agencies can use one generic title.
 */
export function textFingerprint(title: string): string | null {
  const foldedTitle = foldForMatch(title);
  if (foldedTitle.length < MIN_FINGERPRINT_TITLE) return null;
  return hash(foldedTitle, 22);
}

/**
 * Whether two items with the same fingerprint carry the same text: their
 * summaries agree on the opening (or one of them has none).
 */
export function sameText(a: { summary: string | null }, b: { summary: string | null }): boolean {
  if (!a.summary || !b.summary) return true;
  const opening = (text: string) => foldForMatch(text).slice(0, 80);
  return opening(a.summary) === opening(b.summary);
}
