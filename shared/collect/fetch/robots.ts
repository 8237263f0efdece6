/**
 * robots.txt per origin (scheme, host, port), as RFC 9309 reads it, parsed
 * by robots-parser and cached so that a second poll cycle does not fetch it
 * again. The cache can be snapshotted and restored (plain JSON) when the
 * fetcher does not outlive one process.
 */
import robotsParser from 'robots-parser';
import { SourceFetchError, type FetchResult } from './http-client';

/** Our product token, matched against robots.txt user-agent lines (case-insensitive). */
export const ROBOTS_TOKEN = 'cchc-pipeline';

/** RFC 9309 §2.5: parse at least 500 KiB; what lies beyond may be ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** What we know of one origin's robots.txt; plain data, safe to store as JSON. */
export interface RobotsEntry {
  /** e.g. `https://example.gov.vn` */
  origin: string;
  /** rules: `text` applies; allow-all: none was available (4xx); disallow-all: unreachable (5xx, network). */
  verdict: 'rules' | 'allow-all' | 'disallow-all';
  /** The robots.txt text, for verdict 'rules'. */
  text?: string;
  /** Why, in one line: "HTTP 200", "HTTP 404", "timed out after 15000 ms", … */
  reason: string;
  /** When the text (or verdict) was obtained, epoch ms. */
  fetchedAt: number;
  /** When to ask the origin again, epoch ms. */
  expiresAt: number;
}

/** The answer for one URL. */
export interface RobotsDecision {
  allowed: boolean;
  /** True when refused only because robots.txt could not be read: try again after expiresAt. */
  unreachable: boolean;
  /** The Crawl-delay for our token, if any (not in RFC 9309, but a host's stated wish). */
  crawlDelayMs?: number;
  reason: string;
  expiresAt: number;
}

/** Settings of a {@link RobotsCache}. */
export interface RobotsCacheOptions {
  /**
   * Fetches a robots.txt URL (following redirects, capped at {@link ROBOTS_MAX_BYTES}, truncating).
   * deadline is the one given to {@link RobotsCache.check}, for the loader's politeness waits.
   */
  load: (robotsUrl: URL, deadline: number | undefined) => Promise<FetchResult>;
  /** How long a fetched robots.txt counts (default 24 h, the RFC's ceiling). */
  ttlMs?: number;
  /** How long an "unreachable" verdict counts (default 10 min): long enough not to hammer a failing host, short enough not to skip it for a day. */
  unreachableTtlMs?: number;
  /** The clock, epoch ms (default Date.now). */
  now?: () => number;
}

type Robot = ReturnType<typeof robotsParser>;

// RFC 9309 §2.4 lets a crawler keep using a cached copy while robots.txt is
// unreachable; we do so for a month, then fall back to "disallow all".
const STALE_COPY_LIMIT_MS = 30 * 24 * 60 * 60_000;

/** robots.txt per origin, fetched on first use and cached; concurrent look-ups share one fetch. */
export class RobotsCache {
  private readonly load: RobotsCacheOptions['load'];
  private readonly ttlMs: number;
  private readonly unreachableTtlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, { entry: RobotsEntry; robot?: Robot }>();
  private readonly inflight = new Map<string, Promise<{ entry: RobotsEntry; robot?: Robot }>>();

  constructor(options: RobotsCacheOptions) {
    this.load = options.load;
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60_000;
    this.unreachableTtlMs = options.unreachableTtlMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Whether we may fetch url, fetching the origin's robots.txt if the cache has no fresh copy.
   * @param deadline handed to the loader (epoch ms), see {@link RobotsCacheOptions.load}.
   */
  async check(url: URL, deadline?: number): Promise<RobotsDecision> {
    // RFC 9309 §3: /robots.txt itself is always allowed.
    if (url.pathname === '/robots.txt') return { allowed: true, unreachable: false, reason: 'robots.txt itself', expiresAt: Infinity };
    const { entry, robot } = await this.lookup(url.origin, deadline);
    const delay = robot?.getCrawlDelay(ROBOTS_TOKEN);
    const base = { reason: entry.reason, expiresAt: entry.expiresAt, ...(delay ? { crawlDelayMs: delay * 1000 } : {}) };
    if (entry.verdict === 'allow-all') return { ...base, allowed: true, unreachable: false };
    if (entry.verdict === 'disallow-all') return { ...base, allowed: false, unreachable: true };
    // robots-parser answers undefined for a URL of another origin; ours never is.
    return { ...base, allowed: robot?.isAllowed(url.href, ROBOTS_TOKEN) !== false, unreachable: false };
  }

  /** The cached entries, fresh or not, as plain data. */
  snapshot(): RobotsEntry[] {
    return [...this.entries.values()].map(({ entry }) => ({ ...entry }));
  }

  /** Adds entries from an earlier {@link snapshot}; the fresher copy of an origin wins. */
  restore(entries: readonly RobotsEntry[]): void {
    for (const entry of entries) {
      const current = this.entries.get(entry.origin);
      if (!current || current.entry.fetchedAt < entry.fetchedAt) this.entries.set(entry.origin, withRobot({ ...entry }));
    }
  }

  /** Number of origins cached. */
  get size(): number {
    return this.entries.size;
  }

  private async lookup(origin: string, deadline: number | undefined): Promise<{ entry: RobotsEntry; robot?: Robot }> {
    const cached = this.entries.get(origin);
    if (cached && cached.entry.expiresAt > this.now()) return cached;
    let pending = this.inflight.get(origin);
    if (!pending) {
      pending = this.refresh(origin, cached?.entry, deadline).finally(() => this.inflight.delete(origin));
      this.inflight.set(origin, pending);
    }
    return pending;
  }

  private async refresh(origin: string, previous: RobotsEntry | undefined, deadline: number | undefined): Promise<{ entry: RobotsEntry; robot?: Robot }> {
    const entry = await this.fetchEntry(origin, previous, deadline);
    const value = withRobot(entry);
    this.entries.set(origin, value);
    return value;
  }

  private async fetchEntry(origin: string, previous: RobotsEntry | undefined, deadline: number | undefined): Promise<RobotsEntry> {
    const now = this.now();
    const fresh = (verdict: RobotsEntry['verdict'], reason: string, text?: string): RobotsEntry => ({
      origin,
      verdict,
      reason,
      fetchedAt: now,
      expiresAt: now + (verdict === 'disallow-all' ? this.unreachableTtlMs : this.ttlMs),
      ...(text === undefined ? {} : { text }),
    });
    try {
      const result = await this.load(new URL('/robots.txt', origin), deadline);
      // We send no validators, so 304 is a confused server: treat it as "no file".
      if (result.kind !== 'ok') return fresh('allow-all', `HTTP ${result.status}`);
      return fresh('rules', `HTTP ${result.status}`, robotsText(result.body));
    } catch (error) {
      if (!(error instanceof SourceFetchError)) throw error;
      // Our own gate refusing to wait says nothing about the file: cache nothing.
      if (error.code === 'rate-limited' && error.httpStatus === undefined) throw error;
      if (isUnavailable(error)) return fresh('allow-all', error.message);
      if (previous?.verdict === 'rules' && now - previous.fetchedAt < STALE_COPY_LIMIT_MS) {
        return { ...previous, reason: `${error.message}; using the copy of ${new Date(previous.fetchedAt).toISOString()}`, expiresAt: now + this.unreachableTtlMs };
      }
      return fresh('disallow-all', error.message);
    }
  }
}

/**
 * RFC 9309 §2.3.1.3: a 4xx means "no robots.txt", crawl freely; so do more
 * than five redirects (§2.3.1.2) and a redirect off the web. 429 is not
 * "unavailable" but "slow down", so it counts as unreachable, like 5xx.
 */
function isUnavailable(error: SourceFetchError): boolean {
  if (error.code === 'too-many-redirects' || error.code === 'bad-url') return true;
  const status = error.httpStatus;
  return error.code === 'http-status' && status !== undefined && status >= 400 && status < 500;
}

/** UTF-8 (RFC 9309 §2.3), without a BOM, cut at the last full line if the size cap truncated it. */
function robotsText(body: Uint8Array): string {
  let text = new TextDecoder('utf-8').decode(body);
  if (body.length >= ROBOTS_MAX_BYTES) text = text.slice(0, text.lastIndexOf('\n') + 1);
  return text.replace(/^\uFEFF/, '');
}

function withRobot(entry: RobotsEntry): { entry: RobotsEntry; robot?: Robot } {
  if (entry.verdict !== 'rules') return { entry };
  return { entry, robot: robotsParser(`${entry.origin}/robots.txt`, entry.text ?? '') };
}
