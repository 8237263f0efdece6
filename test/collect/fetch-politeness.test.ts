import { describe, expect, it } from 'vitest';
import { Politeness } from '../../shared/collect/fetch/politeness';
import { RobotsCache, type RobotsEntry } from '../../shared/collect/fetch/robots';
import { parseRetryAfter, SourceFetchError, type FetchResult } from '../../shared/collect/fetch/http-client';

// The gate and the robots cache on a fake clock: no servers, no real waiting.

function fakeClock(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => void (t += ms),
    sleeps,
  };
}

describe('Politeness', () => {
  it('spaces the starts of requests to one host by the gap, measured on the injected clock', async () => {
    const clock = fakeClock();
    const gate = new Politeness({ minGapMs: 1000, ...clock });
    const starts: number[] = [];
    const request = () => gate.run('a.gov.vn', async () => {
      await gate.pace('a.gov.vn');
      starts.push(clock.now());
      clock.advance(200); // the request itself takes 200 ms
    });
    await Promise.all([request(), request(), request()]);
    expect(starts).toEqual([1_000_000, 1_001_000, 1_002_000]);
    expect(clock.sleeps).toEqual([800, 800]);
  });

  it('runs one task per host at a time, in the order asked', async () => {
    const gate = new Politeness({ minGapMs: 0 });
    const log: string[] = [];
    const task = (name: string) => gate.run('a.gov.vn', async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${name}`);
    });
    await Promise.all([task('1'), task('2')]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('does not make one host wait for another', async () => {
    const clock = fakeClock();
    const gate = new Politeness({ minGapMs: 1000, ...clock });
    await gate.pace('a.gov.vn');
    await gate.pace('b.gov.vn');
    expect(clock.sleeps).toEqual([]);
  });

  it('waits out a host’s "not before" when it is within the cap', async () => {
    const clock = fakeClock();
    const gate = new Politeness({ minGapMs: 1000, maxWaitMs: 60_000, ...clock });
    gate.defer('a.gov.vn', clock.now() + 30_000);
    await gate.pace('a.gov.vn');
    expect(clock.sleeps).toEqual([30_000]);
    expect(gate.notBefore('a.gov.vn')).toBeUndefined();
  });

  it('fails with rate-limited and retryAfterMs, without sleeping, beyond the cap or the deadline', async () => {
    const clock = fakeClock();
    const gate = new Politeness({ maxWaitMs: 60_000, ...clock });
    gate.defer('a.gov.vn', clock.now() + 120_000);
    const beyondCap = await gate.pace('a.gov.vn').catch((e: unknown) => e);
    expect(beyondCap).toBeInstanceOf(SourceFetchError);
    expect(beyondCap).toMatchObject({ code: 'rate-limited', retryAfterMs: 120_000, retryable: true });
    gate.defer('b.gov.vn', clock.now() + 20_000);
    const beyondDeadline = await gate.pace('b.gov.vn', { deadline: clock.now() + 5_000 }).catch((e: unknown) => e);
    expect(beyondDeadline).toMatchObject({ code: 'rate-limited', retryAfterMs: 20_000 });
    expect(clock.sleeps).toEqual([]);
  });

  it('keeps the later of two "not before"s', () => {
    const clock = fakeClock();
    const gate = new Politeness(clock);
    gate.defer('a.gov.vn', clock.now() + 50_000);
    gate.defer('a.gov.vn', clock.now() + 10_000);
    expect(gate.notBefore('a.gov.vn')).toBe(clock.now() + 50_000);
  });

  it('uses a larger gap for a host that asked for one, never a smaller', async () => {
    const clock = fakeClock();
    const gate = new Politeness({ minGapMs: 1000, ...clock });
    gate.setGap('slow.gov.vn', 5000);
    gate.setGap('eager.gov.vn', 10);
    for (const host of ['slow.gov.vn', 'eager.gov.vn']) {
      await gate.pace(host);
      await gate.pace(host);
    }
    expect(clock.sleeps).toEqual([5000, 1000]);
  });
});

describe('RobotsCache', () => {
  const ok = (text: string): FetchResult => ({
    kind: 'ok',
    url: 'https://a.gov.vn/robots.txt',
    status: 200,
    body: new TextEncoder().encode(text),
    contentType: 'text/plain',
    etag: null,
    lastModified: null,
    fetchedAt: new Date(),
  });
  const status = (httpStatus: number) => new SourceFetchError('http-status', `HTTP ${httpStatus}`, { httpStatus });
  const page = (path: string) => new URL(path, 'https://a.gov.vn');

  function cacheWith(answers: Array<FetchResult | Error>, clock = fakeClock(), ttls = {}) {
    const loads: string[] = [];
    const cache = new RobotsCache({
      load: async (url) => {
        loads.push(url.href);
        // Each load takes the next answer; the last one repeats.
        const answer = answers.length > 1 ? answers.shift() : answers[0];
        if (answer instanceof Error) throw answer;
        return answer!;
      },
      now: clock.now,
      ...ttls,
    });
    return { cache, loads, clock };
  }

  it('matches our product token, ahead of the * group', async () => {
    const { cache } = cacheWith([ok('User-agent: *\nDisallow: /\n\nUser-agent: CCHC-Pipeline\nDisallow: /search\n')]);
    expect((await cache.check(page('/tin-tuc/1'))).allowed).toBe(true);
    expect((await cache.check(page('/search?q=x'))).allowed).toBe(false);
  });

  it('fetches once per origin while fresh, and again after the TTL', async () => {
    const { cache, loads, clock } = cacheWith([ok('User-agent: *\nDisallow: /a\n')], fakeClock(), { ttlMs: 60_000 });
    await cache.check(page('/x'));
    await cache.check(page('/y'));
    await cache.check(new URL('https://b.gov.vn/z'));
    expect(loads).toEqual(['https://a.gov.vn/robots.txt', 'https://b.gov.vn/robots.txt']);
    clock.advance(60_001);
    await cache.check(page('/x'));
    expect(loads).toHaveLength(3);
  });

  it('shares one fetch between concurrent checks of an origin', async () => {
    const { cache, loads } = cacheWith([ok('')]);
    await Promise.all([cache.check(page('/1')), cache.check(page('/2')), cache.check(page('/3'))]);
    expect(loads).toHaveLength(1);
  });

  it('allows all on a 4xx, and caches that for the full TTL', async () => {
    const { cache, loads, clock } = cacheWith([status(404)]);
    expect(await cache.check(page('/x'))).toMatchObject({ allowed: true, unreachable: false });
    clock.advance(23 * 60 * 60_000);
    await cache.check(page('/x'));
    expect(loads).toHaveLength(1);
  });

  it('disallows all on a 5xx, a 429 or a network failure, but only briefly', async () => {
    for (const failure of [status(503), new SourceFetchError('rate-limited', 'HTTP 429', { httpStatus: 429 }), new SourceFetchError('network', 'network error: ECONNRESET')]) {
      const { cache, loads, clock } = cacheWith([failure, ok('')], fakeClock(), { unreachableTtlMs: 600_000 });
      expect(await cache.check(page('/x'))).toMatchObject({ allowed: false, unreachable: true });
      clock.advance(600_001);
      expect(await cache.check(page('/x'))).toMatchObject({ allowed: true });
      expect(loads).toHaveLength(2);
    }
  });

  it('keeps using the last good copy while robots.txt is unreachable', async () => {
    const { cache, clock } = cacheWith([ok('User-agent: *\nDisallow: /private\n'), status(500)], fakeClock(), { ttlMs: 1000 });
    await cache.check(page('/x'));
    clock.advance(2000);
    expect((await cache.check(page('/x'))).allowed).toBe(true);
    expect((await cache.check(page('/private'))).allowed).toBe(false);
  });

  it('treats too many redirects as "no robots.txt" (RFC 9309 §2.3.1.2)', async () => {
    const { cache } = cacheWith([new SourceFetchError('too-many-redirects', 'more than 5 redirects')]);
    expect((await cache.check(page('/x'))).allowed).toBe(true);
  });

  it('caches nothing when our own gate refused to wait, and passes the refusal on', async () => {
    const refusal = new SourceFetchError('rate-limited', 'host a.gov.vn is not to be contacted for another 60 s', { retryAfterMs: 60_000 });
    const { cache, loads } = cacheWith([refusal, ok('')]);
    await expect(cache.check(page('/x'))).rejects.toBe(refusal);
    expect(cache.size).toBe(0);
    expect((await cache.check(page('/x'))).allowed).toBe(true);
    expect(loads).toHaveLength(2);
  });

  it('never needs robots.txt to fetch robots.txt', async () => {
    const { cache, loads } = cacheWith([ok('User-agent: *\nDisallow: /\n')]);
    expect((await cache.check(page('/robots.txt'))).allowed).toBe(true);
    expect(loads).toHaveLength(0);
  });

  it('reports the Crawl-delay for our token in milliseconds', async () => {
    const { cache } = cacheWith([ok('User-agent: cchc-pipeline\nCrawl-delay: 5\nDisallow:\n')]);
    expect((await cache.check(page('/x'))).crawlDelayMs).toBe(5000);
  });

  it('restores a snapshot as plain JSON, the fresher copy of an origin winning', async () => {
    const { cache, clock } = cacheWith([ok('User-agent: *\nDisallow: /old\n')]);
    const entry: RobotsEntry = {
      origin: 'https://a.gov.vn',
      verdict: 'rules',
      text: 'User-agent: *\nDisallow: /new\n',
      reason: 'HTTP 200',
      fetchedAt: clock.now(),
      expiresAt: clock.now() + 60_000,
    };
    const restored = cacheWith([new Error('must not load')], clock);
    restored.cache.restore(JSON.parse(JSON.stringify([entry])));
    expect((await restored.cache.check(page('/new'))).allowed).toBe(false);
    expect(restored.loads).toHaveLength(0);
    await cache.check(page('/x'));
    expect(cache.snapshot()[0]).toMatchObject({ origin: 'https://a.gov.vn', verdict: 'rules', text: 'User-agent: *\nDisallow: /old\n' });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.UTC(2025, 3, 1, 0, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Apr 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 31 Mar 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
