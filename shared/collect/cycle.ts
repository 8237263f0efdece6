import pLimit from 'p-limit';
import type { SourceRecord } from '../store/sources-repo';
import { recordCycle } from '../store/sources-repo';
import type { AwsClients } from '../store/clients';
import { collectSource, pollFailed, type CollectDeps, type SourcePollResult } from './collect-source';
import { hostGroup } from '../queues/messages';

/** Totals of one collection cycle. */
export interface CycleSummary {
  sources: number;
  newStories: number;
  seen: number;
  syndicated: number;
  failed: number;
  notModified: number;
  durationMs: number;
  results: SourcePollResult[];
}

/**
 * Orders sources round-robin across hosts: every host's first source, then
 * every host's second, and so on. A host's later sources must wait their
 * turn (one request a second per host); taking them first would hold the
 * cycle's slots idle while other hosts could be fetched.
 */
export function interleaveByHost(records: SourceRecord[]): SourceRecord[] {
  const byHost = new Map<string, SourceRecord[]>();
  for (const record of records) {
    const host = hostGroup(record.source.url);
    byHost.set(host, [...(byHost.get(host) ?? []), record]);
  }
  const queues = [...byHost.values()];
  const ordered: SourceRecord[] = [];
  for (let round = 0; ordered.length < records.length; round++) {
    for (const queue of queues) if (queue[round]) ordered.push(queue[round]!);
  }
  return ordered;
}

/**
 * Polls every given source once. Sources run side by side; the fetcher's
 * per-host gate and global limit keep it polite. A failing source is
 * recorded and the others carry on.
 */
export async function runCollectionCycle(
  deps: CollectDeps & { clients: AwsClients },
  records: SourceRecord[],
  onResult?: (result: SourcePollResult, done: number, total: number) => void,
): Promise<CycleSummary> {
  const started = deps.now();
  // The fetcher limits requests; this only bounds how many polls hold memory at once.
  const limit = pLimit(32);
  let done = 0;
  const results = await Promise.all(
    interleaveByHost(records).map((record) =>
      limit(async () => {
        const result = await collectSource(deps, record);
        done++;
        onResult?.(result, done, records.length);
        return result;
      }),
    ),
  );
  const summary = summarizeCycle(results, deps.now().getTime() - started.getTime());
  await recordCycle(deps.clients, {
    finishedAt: deps.now().toISOString(),
    sources: summary.sources,
    newStories: summary.newStories,
    failed: summary.failed,
  });
  return summary;
}

/** Totals of a cycle's poll results. */
export function summarizeCycle(results: SourcePollResult[], durationMs: number): CycleSummary {
  return {
    sources: results.length,
    newStories: results.reduce((sum, r) => sum + r.newStories, 0),
    seen: results.reduce((sum, r) => sum + r.seen, 0),
    syndicated: results.reduce((sum, r) => sum + r.syndicated, 0),
    failed: results.filter(pollFailed).length,
    notModified: results.filter((r) => r.outcome === 'not-modified').length,
    durationMs,
    results,
  };
}
