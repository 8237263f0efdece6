import type { Source } from '../config/schema';
import type { AreaId } from '../config/areas';
import type { ExtractedItem } from '../extract/types';
import { effectiveLabel, type HumanLabel, type MachineLabel } from './labels';
import type { CountMark } from '../compliance/types';
import { isoWeekOf, quarterOf, toVietnamIso } from '../time/vietnam';
import { canonicalUrl } from './canonical-url';
import { storyIdForUrl, textFingerprint, urlHash } from './ids';

/** Another agency's copy of a syndicated story; each publisher keeps its credit. */
export interface Publication {
  agencyId: string;
  sourceId: string;
  url: string;
  publishedAt: string | null;
  collectedAt: string;
}

/** The article stage's progress on a story. */
export interface ArticleState {
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  lastError?: string;
  fetchedAt?: string;
}

/** A collected news story: the validated domain shape, stored once per canonical URL. */
export interface Story {
  id: string;
  title: string;
  /** Canonical URL of the first publication. */
  url: string;
  summary: string | null;
  agencyId: string;
  sourceId: string;
  /** ISO 8601 in Vietnam time, or null when no page gave a date. */
  publishedAt: string | null;
  collectedAt: string;
  /** The instant the calendar rules use (see {@link countingInstant}), Vietnam ISO. */
  sortAt: string;
  /** Quarter id of `sortAt` in Vietnam time, e.g. `2025-Q2`. */
  quarter: string;
  /** ISO week id of `sortAt` in Vietnam time, e.g. `2025-W14`. */
  week: string;
  /** Every agency that published it, the first publisher first. */
  agencyIds: string[];
  /** Publications after the first, on other sites ("also published by"). */
  alsoPublishedBy: Publication[];
  /** Main text of the article page, sanitised plain text, once fetched. */
  text?: string;
  wordCount?: number;
  article: ArticleState;
  /** S3 key of the raw list page or feed the story was first seen in. */
  rawSnapshotKey?: string;
  /** The label that counts (a human's over the machine's): see {@link effectiveLabel}. */
  relevant?: boolean;
  areas?: AreaId[];
  confidence?: number;
  /** What the classifier said, with its version; kept even when a human corrects it. */
  machineLabel?: MachineLabel;
  /** A person's correction, with who and when. */
  humanLabel?: HumanLabel;
  /** Sở Nội vụ's decision that it counts (or not) for the quarterly report; beats any label. */
  countMark?: CountMark;
  /** Who made the last human change, and when (for "changed by X at T"). */
  updatedBy?: string;
  updatedAt?: string;
  /** Optimistic-locking version, incremented by every change. */
  version: number;
}

const ONE_DAY_MS = 86_400_000;

/**
 * The instant that places a story in a quarter or week (contract, "Compliance
 * rules"): its publication date, unless it has none or claims to be more than
 * a day after it was collected — then the collection time.
 */
export function countingInstant(publishedAt: string | null, collectedAt: Date): Date {
  if (publishedAt) {
    const published = new Date(publishedAt);
    if (!Number.isNaN(published.getTime()) && published.getTime() <= collectedAt.getTime() + ONE_DAY_MS) {
      return published;
    }
  }
  return collectedAt;
}

/** A story about to be written, with the lookup keys that dedupe it. */
export interface NewStory {
  story: Story;
  urlHash: string;
  fingerprint: string | null;
}

/**
 * Maps an extracted item once into the domain type. The dedupe key is
 * computed here and nowhere else.
 */
export function toStory(
  item: ExtractedItem,
  source: Source,
  collectedAt: Date,
  rawSnapshotKey?: string,
): NewStory {
  const url = canonicalUrl(item.url);
  const sortAt = countingInstant(item.publishedAt, collectedAt);
  const story: Story = {
    id: storyIdForUrl(url),
    title: item.title,
    url,
    summary: item.summary,
    agencyId: source.agencyId,
    sourceId: source.id,
    publishedAt: item.publishedAt,
    collectedAt: toVietnamIso(collectedAt),
    sortAt: toVietnamIso(sortAt),
    quarter: quarterOf(sortAt),
    week: isoWeekOf(sortAt),
    agencyIds: [source.agencyId],
    alsoPublishedBy: [],
    article: { status: 'pending', attempts: 0 },
    ...(rawSnapshotKey ? { rawSnapshotKey } : {}),
    version: 1,
  };
  return { story, urlHash: urlHash(url), fingerprint: textFingerprint(item.title) };
}

/** A new story carrying the machine's label (the effective label too, as no human has spoken yet). */
export function withMachineLabel(candidate: NewStory, label: MachineLabel): NewStory {
  return { ...candidate, story: { ...candidate.story, machineLabel: label, ...effectiveLabel(label, undefined) } };
}
