import type { SourcesRepository } from '../store/sources-repo';
import { hostGroup, type CollectQueue } from '../queues/messages';

/**
 * Sends every due source to the collect queue, grouped by host. The
 * deduplication id names the attempt, so a repeated dispatch of the same
 * due time is dropped by the FIFO queue.
 */
export async function dispatchDueSources(deps: { sources: SourcesRepository; queue: CollectQueue; now: () => Date }): Promise<number> {
  const due = await deps.sources.listDue(deps.now());
  await deps.queue.send(
    due.map((record) => ({
      body: { sourceId: record.source.id },
      groupId: hostGroup(record.source.url),
      deduplicationId: `${record.source.id}#${record.health.nextAttemptAt}`.replace(/[^A-Za-z0-9#._-]/g, '_').slice(0, 128),
    })),
  );
  return due.length;
}
