/**
 * A source's health: pure state transitions after each poll. A failing
 * source is retried for ever with exponential backoff capped at a day —
 * never silently dropped.
 */

/** What the collector remembers about a source between polls. */
export interface SourceHealth {
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** When the dispatcher should poll it next (ISO, UTC). */
  nextAttemptAt: string;
  /** The page parses but the selectors that used to match now match nothing. */
  needsRepair: boolean;
  /** Whether the item selector has ever matched (so "no match" can mean "site changed"). */
  everMatched: boolean;
  lastItemCount: number;
}

/** The outcome of one poll. */
export type PollOutcome =
  | { kind: 'ok'; items: number }
  | { kind: 'not-modified' }
  | { kind: 'no-match'; reason: string }
  | { kind: 'failed'; reason: string; retryAfterMs?: number };

/** The longest pause between two attempts at a failing source. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/** Health of a source never polled: due at once. */
export function initialHealth(now: Date): SourceHealth {
  return {
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    consecutiveFailures: 0,
    nextAttemptAt: now.toISOString(),
    needsRepair: false,
    everMatched: false,
    lastItemCount: 0,
  };
}

/**
 * The delay before the next attempt after `failures` consecutive failures:
 * the interval, doubled per failure, capped at a day.
 * @example backoffMs(3, 30 * 60_000) // 2 h
 */
export function backoffMs(failures: number, intervalMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(intervalMs * 2 ** (failures - 1), MAX_BACKOFF_MS);
}

/** The next health after a poll that ended in `outcome` at `now`. */
export function nextHealth(previous: SourceHealth, outcome: PollOutcome, now: Date, intervalMs: number): SourceHealth {
  const at = now.toISOString();
  const next = (delay: number) => new Date(now.getTime() + delay).toISOString();
  switch (outcome.kind) {
    case 'ok':
      return {
        ...previous,
        lastAttemptAt: at,
        lastSuccessAt: at,
        consecutiveFailures: 0,
        nextAttemptAt: next(intervalMs),
        needsRepair: false,
        everMatched: previous.everMatched || outcome.items > 0,
        lastItemCount: outcome.items,
      };
    case 'not-modified':
      return { ...previous, lastAttemptAt: at, lastSuccessAt: at, consecutiveFailures: 0, nextAttemptAt: next(intervalMs) };
    case 'no-match':
      // A page that used to match and now does not has changed its markup:
      // that is a repair job, not "no news". It is still retried on schedule.
      return { ...failure(previous, outcome.reason, now, intervalMs, 0), needsRepair: previous.everMatched || previous.needsRepair, lastItemCount: 0 };
    case 'failed':
      return failure(previous, outcome.reason, now, intervalMs, outcome.retryAfterMs ?? 0);
  }
}

/** A failed attempt: counted, and the next one backed off (or later, if the host asked). */
function failure(previous: SourceHealth, reason: string, now: Date, intervalMs: number, retryAfterMs: number): SourceHealth {
  const failures = previous.consecutiveFailures + 1;
  const delay = Math.max(backoffMs(failures, intervalMs), Math.min(retryAfterMs, MAX_BACKOFF_MS));
  return {
    ...previous,
    lastAttemptAt: now.toISOString(),
    lastErrorAt: now.toISOString(),
    lastError: reason,
    consecutiveFailures: failures,
    nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
  };
}

/** Whether a source counts as failing for health reports. */
export function isFailing(health: SourceHealth): boolean {
  return health.consecutiveFailures > 0 && !health.needsRepair;
}
