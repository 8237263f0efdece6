/**
 * Politeness: per host, one request in flight and a minimum gap between the
 * starts of consecutive requests, plus any "not before" a host asked for
 * (Retry-After, 429, 503); across hosts, a global concurrency limit.
 *
 * The host key is URL.host (hostname and port), so two servers on one
 * machine are two hosts. Time comes from an injected clock and sleep, so
 * tests can run the gaps without waiting for them.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { SourceFetchError } from './http-client';

/** Settings of a {@link Politeness} gate; every field has a default. */
export interface PolitenessOptions {
  /** Minimum time between the starts of two requests to one host (default 1000 ms). */
  minGapMs?: number;
  /** Longest we sleep for a host's "not before" (default 10 min); beyond it we fail with 'rate-limited'. */
  maxWaitMs?: number;
  /** Requests in flight across all hosts (default 8). */
  globalConcurrency?: number;
  /** The clock, in epoch milliseconds (default Date.now). */
  now?: () => number;
  /** Sleeps on that clock (default a real timer). */
  sleep?: (ms: number) => Promise<void>;
}

/** Options of one wait. */
export interface WaitOptions {
  /** Epoch ms (on the gate's clock) after which the caller cannot use an answer; we fail rather than sleep past it. */
  deadline?: number;
}

interface HostState {
  lastStart: number;
  notBefore: number;
  gapMs: number;
}

/** Sleeps with a real timer. */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The per-host and global request gate shared by every fetch of one fetcher. */
export class Politeness {
  private readonly minGapMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly limit: LimitFunction;
  private readonly hosts = new Map<string, HostState>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(options: PolitenessOptions = {}) {
    this.minGapMs = options.minGapMs ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.limit = pLimit(options.globalConcurrency ?? 8);
  }

  /**
   * Runs task with the host to itself (later calls for the host queue in
   * order) and inside one global slot. The task must call {@link pace}
   * before each request it starts.
   */
  run<T>(host: string, task: () => Promise<T>, options: WaitOptions = {}): Promise<T> {
    return this.exclusive(host, async () => {
      // Sleep out the gap before taking a global slot, so a host's queue
      // never idles a slot that another host could use.
      await this.waitTurn(host, options);
      return this.limit(task);
    });
  }

  /**
   * Waits until a request to host may start, then records that it starts
   * now. Rejects with 'rate-limited' (and retryAfterMs) when that would mean
   * waiting longer than maxWaitMs or past the deadline.
   */
  async pace(host: string, options: WaitOptions = {}): Promise<void> {
    await this.waitTurn(host, options);
    this.state(host).lastStart = this.now();
  }

  /** Leaves host alone until the epoch ms untilMs (a later "not before" wins). */
  defer(host: string, untilMs: number): void {
    const state = this.state(host);
    state.notBefore = Math.max(state.notBefore, untilMs);
  }

  /** Sets host's gap (a robots.txt Crawl-delay); never below the configured minimum. */
  setGap(host: string, gapMs: number): void {
    this.state(host).gapMs = Math.max(this.minGapMs, gapMs);
  }

  /** The epoch ms before which host is left alone, if that is in the future. */
  notBefore(host: string): number | undefined {
    const at = this.hosts.get(host)?.notBefore ?? 0;
    return at > this.now() ? at : undefined;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { lastStart: Number.NEGATIVE_INFINITY, notBefore: 0, gapMs: this.minGapMs };
      this.hosts.set(host, state);
    }
    return state;
  }

  private async waitTurn(host: string, options: WaitOptions): Promise<void> {
    // Re-check after sleeping: a redirect from another host's fetch may have
    // started a request here meanwhile. Bounded, so a sleep that does not
    // advance the clock cannot spin forever.
    for (let round = 0; round < 3; round++) {
      const state = this.state(host);
      const now = this.now();
      const wait = Math.max(state.lastStart + state.gapMs, state.notBefore) - now;
      if (wait <= 0) return;
      const budget = Math.min(this.maxWaitMs, options.deadline === undefined ? Infinity : options.deadline - now);
      if (wait > budget) {
        throw new SourceFetchError('rate-limited', `host ${host} is not to be contacted for another ${Math.ceil(wait / 1000)} s`, {
          retryAfterMs: wait,
        });
      }
      await this.sleep(wait);
    }
  }

  private async exclusive<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(host, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Forget idle hosts' queues so the map does not grow with every host ever seen.
      if (this.tails.get(host) === tail) this.tails.delete(host);
    }
  }
}
