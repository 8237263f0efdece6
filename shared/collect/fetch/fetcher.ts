/**
 * The fetcher the collector and the article stage share: robots.txt,
 * politeness and the global limit around {@link httpGet}. Create one per
 * process and keep it (module scope in a Lambda), so the robots cache and
 * each host's pacing carry over from one invocation to the next.
 */
import { httpGet, parseHttpUrl, SourceFetchError, type FetchResult } from './http-client';
import { Politeness, realSleep } from './politeness';
import { isPrivateAddress } from './address-policy';
import { ROBOTS_MAX_BYTES, RobotsCache, type RobotsEntry } from './robots';

// The caller's whole vocabulary in one import.
export { SourceFetchError, type FetchErrorCode, type FetchResult } from './http-client';
export type { RobotsEntry } from './robots';

/** Settings of {@link createFetcher}; only contactUrl is required. */
export interface FetcherOptions {
  /** Where a site's webmaster learns who we are and how to reach us; goes into the User-Agent. */
  contactUrl: string;
  /** Default `cchc-pipeline/0.1 (+<contactUrl>)`; keep the `cchc-pipeline` token, robots.txt rules match on it. */
  userAgent?: string;
  /** Deadline of one fetch, every redirect, headers and body included (default 15 000 ms). */
  timeoutMs?: number;
  /** Cap on decoded body bytes (default 3 MiB: the largest feeds and article pages seen are well under 1 MiB). */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
  /** Fetch loopback and private addresses too (default false: only the local runtime and tests need it). */
  allowPrivateNetworks?: boolean;
  /** Minimum time between request starts to one host (default 1000 ms). */
  perHostGapMs?: number;
  /** Requests in flight across all hosts (default 16: fetching is I/O-bound; the per-host gap is what keeps us polite). */
  globalConcurrency?: number;
  /** How long a robots.txt is trusted (default 24 h). */
  robotsTtlMs?: number;
  /** How long an unreachable robots.txt keeps its host refused (default 10 min). */
  robotsUnreachableTtlMs?: number;
  /** Longest we sleep for a host that asked us to wait (default 10 min); longer fails with 'rate-limited'. */
  maxHostWaitMs?: number;
  /** robots.txt entries from an earlier fetcher's {@link Fetcher.robotsSnapshot}. */
  robotsEntries?: readonly RobotsEntry[];
  /** Clock for pacing, robots expiry, Retry-After and fetchedAt (default Date.now). */
  now?: () => number;
  /** Sleep on that clock (default a real timer). The timeout always runs on a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** One fetch. */
export interface FetchRequest {
  url: string;
  /** The ETag stored from the last answer; sent as If-None-Match. */
  etag?: string | null;
  /** The Last-Modified stored from the last answer; sent as If-Modified-Since. */
  lastModified?: string | null;
  /** The Accept header (default: feeds, then HTML). */
  accept?: string;
  /** Epoch ms after which the answer is of no use (e.g. the Lambda's end): waits that would pass it fail with 'rate-limited'. */
  deadline?: number;
}

/** Counters since the fetcher was created. */
export interface FetcherStats {
  /** HTTP requests sent: every redirect hop and every robots.txt request included. */
  requests: number;
  /** robots.txt fetches. */
  robotsFetches: number;
  /** Decoded body bytes received (pages and robots.txt). */
  bytes: number;
  /** Fetches answered 304. */
  notModified: number;
  /** Fetches that failed, by {@link SourceFetchError} code. */
  errors: Record<string, number>;
}

/** Fetches untrusted URLs politely, within limits. */
export interface Fetcher {
  /** Fetches one URL; rejects with a {@link SourceFetchError}. */
  fetch(request: FetchRequest): Promise<FetchResult>;
  /** Counters, for logs and the benchmark. */
  stats(): FetcherStats;
  /** The robots.txt cache as plain data, to hand to a later fetcher (`robotsEntries`). */
  robotsSnapshot(): RobotsEntry[];
}

/** Product and version at the head of the default User-Agent; the robots.txt token is the part before the slash. */
export const DEFAULT_USER_AGENT_PRODUCT = 'cchc-pipeline/0.1';

// Nothing a host can say keeps it deferred for more than a day: past that,
// the source's own health tracking is the better judge.
const MAX_DEFER_MS = 24 * 60 * 60_000;
// A Crawl-delay is honoured up to this; larger would stall the article stage.
const MAX_CRAWL_DELAY_MS = 30_000;

/** Creates a fetcher; see {@link FetcherOptions} for the defaults. */
export function createFetcher(options: FetcherOptions): Fetcher {
  const now = options.now ?? Date.now;
  const userAgent = options.userAgent ?? `${DEFAULT_USER_AGENT_PRODUCT} (+${options.contactUrl})`;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const perHostGapMs = options.perHostGapMs ?? 1000;
  const limits = {
    timeoutMs,
    maxBytes: options.maxBytes ?? 3 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    allowPrivateNetworks: options.allowPrivateNetworks ?? false,
  };
  const counters: FetcherStats = { requests: 0, robotsFetches: 0, bytes: 0, notModified: 0, errors: {} };
  const gate = new Politeness({
    minGapMs: perHostGapMs,
    maxWaitMs: options.maxHostWaitMs ?? 10 * 60_000,
    globalConcurrency: options.globalConcurrency ?? 16,
    now,
    sleep: options.sleep ?? realSleep,
  });

  // A host that said "not now" (429, 503 + Retry-After) is left alone that long,
  // by every later fetch, whichever stage makes it.
  const noteBackoff = (error: unknown) => {
    if (!(error instanceof SourceFetchError) || error.retryAfterMs === undefined || error.httpStatus === undefined || !error.url) return;
    gate.defer(new URL(error.url).host, now() + Math.min(error.retryAfterMs, MAX_DEFER_MS));
  };

  const paceHop = (deadline: number | undefined) => async (url: URL) => {
    await gate.pace(url.host, deadline === undefined ? {} : { deadline });
    counters.requests++;
  };

  // Called while the fetch holds its global slot: the robots request is made
  // in that slot, not in another, so all slots waiting on robots cannot deadlock.
  const robotsLoader = async (robotsUrl: URL, deadline: number | undefined) => {
    counters.robotsFetches++;
    try {
      const result = await httpGet(
        { url: robotsUrl, userAgent, accept: 'text/plain, */*;q=0.1', beforeRequest: paceHop(deadline), now },
        { timeoutMs, maxBytes: ROBOTS_MAX_BYTES, maxRedirects: 5, oversize: 'truncate', allowPrivateNetworks: limits.allowPrivateNetworks },
      );
      if (result.kind === 'ok') counters.bytes += result.body.length;
      return result;
    } catch (error) {
      noteBackoff(error);
      throw error;
    }
  };

  const robots = new RobotsCache({
    load: robotsLoader,
    ttlMs: options.robotsTtlMs ?? 24 * 60 * 60_000,
    unreachableTtlMs: options.robotsUnreachableTtlMs ?? 10 * 60_000,
    now,
  });
  if (options.robotsEntries) robots.restore(options.robotsEntries);

  const checkRobots = async (url: URL, deadline: number | undefined) => {
    const decision = await robots.check(url, deadline);
    if (decision.crawlDelayMs) gate.setGap(url.host, Math.min(decision.crawlDelayMs, MAX_CRAWL_DELAY_MS));
    if (decision.allowed) return;
    if (decision.unreachable) {
      throw new SourceFetchError('robots-disallowed', `robots.txt of ${url.origin} unreachable (${decision.reason}); not fetching until it can be read`, {
        retryable: true,
        retryAfterMs: Math.max(0, decision.expiresAt - now()),
        url: url.href,
      });
    }
    throw new SourceFetchError('robots-disallowed', `robots.txt disallows ${url.pathname}${url.search}`, { url: url.href });
  };

  const fetchOnce = async (url: URL, request: FetchRequest): Promise<FetchResult> => {
    const { deadline } = request;
    await checkRobots(url, deadline);
    const pace = paceHop(deadline);
    return httpGet(
      {
        url,
        userAgent,
        ...(request.accept === undefined ? {} : { accept: request.accept }),
        etag: request.etag ?? null,
        lastModified: request.lastModified ?? null,
        // Every hop is paced on its own host and, after the first, checked
        // against that host's robots.txt; the first was checked above.
        beforeRequest: async (hopUrl, hop) => {
          if (hop > 0) await checkRobots(hopUrl, deadline);
          await pace(hopUrl);
        },
        now,
      },
      limits,
    );
  };

  return {
    async fetch(request) {
      try {
        const url = parseHttpUrl(request.url);
        // Refused before robots.txt is asked for, so the reason is the real one.
        if (!limits.allowPrivateNetworks && isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))) {
          throw new SourceFetchError('bad-url', `refusing to fetch the private address ${url.hostname}`, { url: url.href });
        }
        const wait = request.deadline === undefined ? {} : { deadline: request.deadline };
        const result = await gate.run(url.host, () => fetchOnce(url, request), wait);
        if (result.kind === 'ok') counters.bytes += result.body.length;
        else counters.notModified++;
        return result;
      } catch (error) {
        noteBackoff(error);
        const code = error instanceof SourceFetchError ? error.code : 'unexpected';
        counters.errors[code] = (counters.errors[code] ?? 0) + 1;
        throw error;
      }
    },
    stats: () => ({ ...counters, errors: { ...counters.errors } }),
    robotsSnapshot: () => robots.snapshot(),
  };
}
