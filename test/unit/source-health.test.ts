import { describe, expect, it } from 'vitest';
import { backoffMs, initialHealth, nextHealth, MAX_BACKOFF_MS } from '../../shared/collect/health';
import { healthReport } from '../../shared/collect/health-report';

const HALF_HOUR = 30 * 60_000;
const now = new Date('2026-11-23T01:00:00Z');

describe('source health', () => {
  it('doubles the pause after each consecutive failure and caps it at a day', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, HALF_HOUR) / 60_000)).toEqual([30, 60, 120, 240]);
    expect(backoffMs(40, HALF_HOUR)).toBe(MAX_BACKOFF_MS);
  });

  it('keeps retrying a failing source for ever instead of dropping it', () => {
    let health = initialHealth(now);
    for (let i = 0; i < 60; i++) health = nextHealth(health, { kind: 'failed', reason: 'HTTP 503' }, now, HALF_HOUR);
    expect(health.consecutiveFailures).toBe(60);
    expect(new Date(health.nextAttemptAt).getTime() - now.getTime()).toBe(MAX_BACKOFF_MS);
  });

  it('honours a Retry-After longer than the backoff', () => {
    const health = nextHealth(initialHealth(now), { kind: 'failed', reason: 'HTTP 429', retryAfterMs: 3 * 3_600_000 }, now, HALF_HOUR);
    expect(new Date(health.nextAttemptAt).getTime() - now.getTime()).toBe(3 * 3_600_000);
  });

  it('calls a page whose selectors used to match and now match nothing "needs repair", not "no news"', () => {
    const matched = nextHealth(initialHealth(now), { kind: 'ok', items: 12 }, now, HALF_HOUR);
    const broken = nextHealth(matched, { kind: 'no-match', reason: 'no items' }, now, HALF_HOUR);
    expect(broken.needsRepair).toBe(true);
    const neverMatched = nextHealth(initialHealth(now), { kind: 'no-match', reason: 'no items' }, now, HALF_HOUR);
    expect(neverMatched.needsRepair).toBe(false);
    expect(nextHealth(broken, { kind: 'ok', items: 3 }, now, HALF_HOUR).needsRepair).toBe(false);
  });

  it('reports degraded when a source fails or no cycle finished within twice the interval', () => {
    const ok = { storiesCreated: 0, source: { id: 'a', agencyId: 'x', kind: 'rss' as const, url: 'https://a.example/' }, health: nextHealth(initialHealth(now), { kind: 'ok', items: 1 }, now, HALF_HOUR), http: {} as never, seenUrlHashes: [] };
    const failing = { ...ok, health: nextHealth(ok.health, { kind: 'failed', reason: 'x' }, now, HALF_HOUR) };
    const fresh = { stories: 3, lastCycleAt: now.toISOString(), intervalMinutes: 30, now };
    expect(healthReport({ ...fresh, sources: [ok] }).status).toBe('ok');
    expect(healthReport({ ...fresh, sources: [ok, failing] })).toMatchObject({ status: 'degraded', sources: { total: 2, failing: 1, needsRepair: 0 } });
    expect(healthReport({ ...fresh, sources: [ok], now: new Date(now.getTime() + 61 * 60_000) }).status).toBe('degraded');
    expect(healthReport({ ...fresh, sources: [ok], lastCycleAt: null }).status).toBe('degraded');
  });
});

describe('cycle order', () => {
  it('takes every host\'s first source before any host\'s second', async () => {
    const { interleaveByHost } = await import('../../shared/collect/cycle');
    const record = (id: string, url: string) => ({ storiesCreated: 0, source: { id, agencyId: 'x', kind: 'rss' as const, url }, health: initialHealth(now), http: {} as never, seenUrlHashes: [] });
    const ordered = interleaveByHost([
      record('a1', 'http://a.example/1'),
      record('a2', 'http://a.example/2'),
      record('a3', 'http://a.example/3'),
      record('b1', 'http://b.example/1'),
      record('c1', 'http://c.example:8080/1'),
      record('c2', 'http://c.example:8080/2'),
    ]);
    expect(ordered.map((r) => r.source.id)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });
});
