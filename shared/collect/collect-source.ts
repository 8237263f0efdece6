import type { Source } from '../config/schema';
import { ExtractError, type ExtractedItem } from '../extract/types';
import { SourceFetchError, type FetchResult } from './fetch/http-client';
import type { Fetcher } from './fetch/fetcher';
import type { SourcesRepository, SourceRecord, HttpValidators } from '../store/sources-repo';
import type { StoriesRepository } from '../store/stories-repo';
import { contentHash, snapshotKeyOf } from '../store/snapshot-keys';
import type { SnapshotStore } from '../store/snapshots';
import { toStory, withMachineLabel, type NewStory, type Publication, type Story } from '../stories/story';
import { machineLabelOf, type StoryClassifier } from '../stories/labels';
import { sameText } from '../stories/ids';
import { toVietnamIso } from '../time/vietnam';
import { nextHealth, type PollOutcome } from './health';
import type { ArticleJobQueue } from './article-jobs';

/** What the collector needs; every edge behind an interface, the clock included. */
export interface CollectDeps {
  sources: SourcesRepository;
  stories: StoriesRepository;
  /** Only `put`: in Lambda the store (and the S3 client) loads on the first new body. */
  snapshots: Pick<SnapshotStore, 'put'>;
  fetcher: Pick<Fetcher, 'fetch'>;
  articles: ArticleJobQueue;
  now: () => Date;
  /** The schedule's interval, the base of backoff. */
  intervalMs: number;
  /** Labels every new story as it is collected (title and summary). */
  classifier?: StoryClassifier;
  /** Proposes every new story to the desks whose rules it meets. */
  router?: StoryRouter;
}

/** Routes stories to the editorial desks (shared/desks); the collector and article stage call it. */
export interface StoryRouter {
  route(story: Story, now: Date, options?: { isNew?: boolean }): Promise<void>;
}

/** The summary of one source's poll, printed per source by `cchc collect`. */
export interface SourcePollResult {
  sourceId: string;
  outcome: PollOutcome['kind'];
  newStories: number;
  seen: number;
  /** Copies of stories already published by another site. */
  syndicated: number;
  error: string | null;
  needsRepair: boolean;
  durationMs: number;
}

/** Whether a poll counts as failed: an error, or a list page that no longer matches ("needs repair"). */
export const pollFailed = (result: Pick<SourcePollResult, 'outcome'>): boolean => result.outcome === 'failed' || result.outcome === 'no-match';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

interface FetchedList {
  result: FetchResult;
  /** The URL the items' relative links resolve against. */
  baseUrl: string;
  /** The source as the extractor should see it (an `auto` source becomes its feed). */
  extractAs: Source;
  http: HttpValidators;
}

/**
 * Fetches a source's list: its page or feed, or for `auto` the feed its page
 * links to. `remember` receives validator changes that must be kept even when
 * the fetch then fails (a vanished feed is forgotten, to be rediscovered).
 */
async function fetchList(deps: CollectDeps, record: SourceRecord, remember: (http: HttpValidators) => void): Promise<FetchedList> {
  const { source, http } = record;
  if (source.kind !== 'auto') {
    const result = await deps.fetcher.fetch({
      url: source.url,
      etag: http.etag,
      lastModified: http.lastModified,
      accept: source.kind === 'html' ? PAGE_ACCEPT : FEED_ACCEPT,
    });
    const validators = result.kind === 'ok' || result.kind === 'not-modified' ? { etag: result.etag, lastModified: result.lastModified } : {};
    return { result, baseUrl: result.url, extractAs: source, http: { ...http, ...validators } };
  }
  // auto: discover the feed once, then poll the feed itself; rediscover when it fails.
  let feedUrl = http.feedUrl;
  if (!feedUrl) {
    const page = await deps.fetcher.fetch({ url: source.url, accept: PAGE_ACCEPT });
    if (page.kind !== 'ok') throw new ExtractError('the page answered 304 before any feed was discovered', 'no-feed-link');
    const { discoverFeedUrlFromBody } = await loadExtractor();
    feedUrl = discoverFeedUrlFromBody(page.body, page.url, page.contentType, source.encoding ?? null);
  }
  const feedHttp = feedUrl === http.feedUrl ? http : { ...http, feedEtag: null, feedLastModified: null };
  try {
    const result = await deps.fetcher.fetch({ url: feedUrl, etag: feedHttp.feedEtag, lastModified: feedHttp.feedLastModified, accept: FEED_ACCEPT });
    return {
      result,
      baseUrl: result.url,
      extractAs: { ...source, kind: 'rss' },
      http: { ...feedHttp, feedUrl, feedEtag: result.etag, feedLastModified: result.lastModified },
    };
  } catch (error) {
    // A feed that moved or vanished is looked for again on the next poll.
    remember({ ...http, feedUrl: null, feedEtag: null, feedLastModified: null });
    throw error;
  }
}

/**
 * The parsers (cheerio, rss-parser, sanitize-html: a third of the function's
 * code), imported when a page has actually been read: in the Lambda bundle
 * they are a chunk of their own, which a cold start whose polls all answer
 * 304 never compiles.
 */
const loadExtractor = () => import('../extract/extract');

function describe(error: unknown): string {
  if (error instanceof SourceFetchError || error instanceof ExtractError) return error.message;
  return `unexpected error: ${(error as Error)?.message ?? String(error)}`;
}

/**
 * Polls one source: fetch → extract → normalise → dedupe → store, then
 * records the source's health. Never throws for a bad source: the failure
 * is recorded and reported, so one broken source never stops the others.
 * Only an unavailable store (the table itself) makes it throw.
 */
export async function collectSource(deps: CollectDeps, record: SourceRecord): Promise<SourcePollResult> {
  const started = deps.now();
  const { source } = record;
  const result: SourcePollResult = {
    sourceId: source.id,
    outcome: 'ok',
    newStories: 0,
    seen: 0,
    syndicated: 0,
    error: null,
    needsRepair: false,
    durationMs: 0,
  };
  let outcome: PollOutcome;
  let http = record.http;
  // Only a page that was read changes the seen set; otherwise it is not written at all.
  let seenUrlHashes: string[] | null = null;
  try {
    const list = await fetchList(deps, record, (next) => {
      http = next;
    });
    http = list.http;
    if (list.result.kind === 'not-modified') {
      outcome = { kind: 'not-modified' };
    } else {
      const { body, contentType } = list.result;
      const { extractItems } = await loadExtractor();
      const items = await extractItems({ source: list.extractAs, body, url: list.baseUrl, contentType, now: started });
      const snapshotHash = contentHash(body);
      // An unchanged body (a server without validators) is not stored again.
      const snapshotKey =
        snapshotHash === http.lastSnapshotHash
          ? snapshotKeyOf(snapshotHash)
          : await deps.snapshots.put(body, { contentType, url: list.baseUrl, sourceId: source.id });
      http = { ...http, lastSnapshotHash: snapshotHash };
      // A source that never had a good poll has no seen set: its first poll reads none.
      const seenBefore = record.health.lastSuccessAt ? await deps.sources.seenOf(source.id) : [];
      const stored = await storeItems(deps, record, seenBefore, items, snapshotKey, started);
      Object.assign(result, stored.counts);
      seenUrlHashes = stored.seenUrlHashes;
      outcome = { kind: 'ok', items: items.length };
    }
  } catch (error) {
    if (error instanceof ExtractError && error.code === 'selector-no-match') {
      outcome = { kind: 'no-match', reason: error.message };
    } else if (error instanceof SourceFetchError || error instanceof ExtractError) {
      outcome = { kind: 'failed', reason: describe(error), retryAfterMs: (error as SourceFetchError).retryAfterMs };
    } else if (isStoreError(error)) {
      throw error;
    } else {
      outcome = { kind: 'failed', reason: describe(error) };
    }
  }
  const health = nextHealth(record.health, outcome, deps.now(), deps.intervalMs);
  await deps.sources.savePoll(source.id, { health, http, seenUrlHashes }, result.newStories);
  result.outcome = outcome.kind;
  result.error = outcome.kind === 'failed' || outcome.kind === 'no-match' ? outcome.reason : null;
  result.needsRepair = health.needsRepair;
  result.durationMs = deps.now().getTime() - started.getTime();
  return result;
}

/** Errors of the store itself (AWS SDK service errors), which must not be recorded as a source's fault. */
function isStoreError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error;
}

/** The candidate with the classifier's label, when there is a classifier. */
function labelled(deps: CollectDeps, candidate: NewStory, at: Date): NewStory {
  if (!deps.classifier) return candidate;
  const { title, summary } = candidate.story;
  return withMachineLabel(candidate, machineLabelOf(deps.classifier, { title, summary }, at));
}

/** Whether a candidate is another site's copy of an existing story. */
function isSyndicatedCopy(original: Story, candidate: NewStory): boolean {
  return original.url !== candidate.story.url && sameText(original, candidate.story);
}

function publicationOf(record: SourceRecord, candidate: NewStory, collectedAt: Date): Publication {
  return {
    agencyId: record.source.agencyId,
    sourceId: record.source.id,
    url: candidate.story.url,
    publishedAt: candidate.story.publishedAt,
    collectedAt: toVietnamIso(collectedAt),
  };
}

/**
 * Dedupes a page's items and writes what is new. Items seen on the last poll
 * cost nothing; the rest are checked in batched reads; only new stories and
 * new publications are written.
 */
async function storeItems(
  deps: CollectDeps,
  record: SourceRecord,
  seenBeforeHashes: readonly string[],
  items: ExtractedItem[],
  snapshotKey: string,
  collectedAt: Date,
): Promise<{ counts: Pick<SourcePollResult, 'newStories' | 'seen' | 'syndicated'>; seenUrlHashes: string[] }> {
  const counts = { newStories: 0, seen: 0, syndicated: 0 };
  const byUrl = new Map<string, NewStory>();
  for (const item of items) {
    // Only web pages become stories: a hostile list can link to javascript: or data: URLs.
    if (!/^https?:\/\//i.test(item.url)) continue;
    const candidate = toStory(item, record.source, collectedAt, snapshotKey);
    if (!byUrl.has(candidate.urlHash)) byUrl.set(candidate.urlHash, candidate);
  }
  const seenBefore = new Set(seenBeforeHashes);
  const unseen = [...byUrl.values()].filter((candidate) => !seenBefore.has(candidate.urlHash));
  counts.seen = byUrl.size - unseen.length;

  const known = await deps.stories.findKnown(
    unseen.map((c) => c.urlHash),
    unseen.flatMap((c) => (c.fingerprint ? [c.fingerprint] : [])),
  );
  const fresh = unseen.filter((candidate) => !known.urls.has(candidate.urlHash));
  counts.seen += unseen.length - fresh.length;
  const holderOf = (candidate: NewStory) => (candidate.fingerprint ? known.texts.get(candidate.fingerprint) : undefined);
  const holders = new Map(
    (await deps.stories.getMany(fresh.flatMap((c) => holderOf(c) ?? []))).map((story) => [story.id, story]),
  );

  const outcomes = new Map<string, 'created' | 'exists' | 'added'>();
  const publish = async (original: Story, candidate: NewStory) =>
    outcomes.set(candidate.story.id, await deps.stories.addPublication(original, publicationOf(record, candidate, collectedAt), candidate.urlHash));

  // The same text already published by another site: a publication, not a story.
  const toCreate: { candidate: NewStory; withFingerprint: boolean }[] = [];
  for (const candidate of fresh) {
    const holder = holderOf(candidate);
    const original = holder ? holders.get(holder) : undefined;
    if (original && isSyndicatedCopy(original, candidate)) await publish(original, candidate);
    // A fingerprint held by another text (or by a story never finished) is not used for this one.
    else toCreate.push({ candidate: labelled(deps, candidate, collectedAt), withFingerprint: holder === undefined });
  }

  const created = await deps.stories.createMany(toCreate);
  for (const { candidate } of toCreate) {
    const outcome = created.get(candidate.story.id)!;
    if (outcome !== 'text-taken') {
      outcomes.set(candidate.story.id, outcome);
      continue;
    }
    // Another source wrote the same title meanwhile (the same cycle): read it and decide again.
    const holder = (await deps.stories.findKnown([], [candidate.fingerprint!])).texts.get(candidate.fingerprint!);
    const original = holder ? await deps.stories.get(holder) : undefined;
    if (original && isSyndicatedCopy(original, candidate)) await publish(original, candidate);
    else {
      const again = await deps.stories.create(candidate, { withFingerprint: false });
      outcomes.set(candidate.story.id, again === 'created' ? 'created' : 'exists');
    }
  }

  const jobs: { storyId: string; url: string }[] = [];
  for (const candidate of fresh) {
    const outcome = outcomes.get(candidate.story.id);
    if (outcome === 'created') {
      counts.newStories++;
      jobs.push({ storyId: candidate.story.id, url: candidate.story.url });
    } else if (outcome === 'added') counts.syndicated++;
    else counts.seen++;
  }
  if (jobs.length > 0) await deps.articles.enqueue(jobs);
  if (deps.router) {
    const now = deps.now();
    for (const { candidate } of toCreate) {
      if (outcomes.get(candidate.story.id) === 'created' && candidate.story.relevant) await deps.router.route(candidate.story, now, { isNew: true });
    }
  }
  return { counts, seenUrlHashes: [...byUrl.keys()] };
}
