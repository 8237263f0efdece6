import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { awsTableClients, type AwsClients } from '../../shared/store/table-clients';
import { SourcesRepository, recordCycle } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { loadedOnFirstUse } from '../../shared/on-first-use';
import type { SnapshotStore } from '../../shared/store/snapshots';
import { SqsArticleQueue } from '../../shared/queues/sqs';
import { collectMessageSchema } from '../../shared/queues/messages';
import { handleFifoGroupsConcurrently } from '../../shared/queues/fifo-groups';
import { collectSource, pollFailed, type CollectDeps, type SourcePollResult } from '../../shared/collect/collect-source';
import { createFetcher } from '../../shared/collect/fetch/fetcher';
import type { ArticleJobQueue } from '../../shared/collect/article-jobs';
import { COLLECT_SCHEDULE } from '../../shared/schedules';
import { environment } from '../../shared/env';
import { defaultClassifier } from '../../shared/stories/default-classifier';
import { createLogger } from '../../shared/observability/logger';
import { countMetric, createMetrics, withMetrics, type Metrics } from '../../shared/observability/metrics';
import { METRICS } from '../../shared/observability/metric-names';
import { createDeskService, parseDesksJson } from '../../shared/desks/create';

const logger = createLogger('collect-source');

/** A poll is skipped when its source was already polled since it was dispatched. */
const DUE_SLACK_MS = 60_000;

/** Builds the handler over explicit dependencies (the local runtime passes its own). */
export function createCollectSourceHandler(
  deps: CollectDeps & { clients: AwsClients; onPolled?: (result: SourcePollResult) => void; metrics?: Metrics },
) {
  const metrics = deps.metrics ?? createMetrics('collect-source', logger);
  /** One poll: SourcesFailed 1 or 0 (its average is the failure rate, its sample count the polls), StoriesCollected. */
  const countPoll = (failed: boolean, newStories: number) => {
    countMetric(metrics, METRICS.sourcesFailed, failed ? 1 : 0);
    countMetric(metrics, METRICS.storiesCollected, newStories);
  };
  /** Polls one message's source; its result joins the invocation's `polled`. */
  const pollOne = async (record: SQSRecord, polled: SourcePollResult[]) => {
    const parsed = collectMessageSchema.safeParse(JSON.parse(record.body));
    if (!parsed.success) {
      // A malformed message can never succeed: log it and let it go rather than loop.
      logger.error('malformed collect message dropped', { body: record.body.slice(0, 200) });
      return;
    }
    const source = await deps.sources.get(parsed.data.sourceId);
    if (!source || source.source.paused) return;
    if (new Date(source.health.nextAttemptAt).getTime() > deps.now().getTime() + DUE_SLACK_MS) return;
    let result: SourcePollResult;
    try {
      result = await collectSource(deps, source);
    } catch (error) {
      // The message is retried (and dead-lettered in the end); the poll still failed.
      countPoll(true, 0);
      throw error;
    }
    const failed = pollFailed(result);
    countPoll(failed, result.newStories);
    logger.info('polled source', { ...result });
    deps.onPolled?.(result);
    polled.push(result);
  };
  return (event: SQSEvent): Promise<SQSBatchResponse> =>
    withMetrics(metrics, async () => {
      const polled: SourcePollResult[] = [];
      const response = await handleFifoGroupsConcurrently(
        event.Records,
        (record) => pollOne(record, polled),
        (record, error) => logger.error('poll failed; the message will be retried', { messageId: record.messageId, error: error as Error }),
      );
      // One write for the batch's polls rather than one per poll.
      if (polled.length) {
        await recordCycle(deps.clients, {
          finishedAt: deps.now().toISOString(),
          sources: polled.length,
          newStories: polled.reduce((sum, r) => sum + r.newStories, 0),
          failed: polled.filter(pollFailed).length,
        });
      }
      return response;
    });
}

let defaultHandler: ReturnType<typeof createCollectSourceHandler> | undefined;

/**
 * The raw-snapshot store with the S3 client, loaded when a poll first reads
 * a body it has not stored yet: a cold start whose polls find their pages
 * unchanged compiles neither (issue 7).
 */
const snapshotStoreOnFirstUse = (clients: AwsClients): Pick<SnapshotStore, 'put'> =>
  loadedOnFirstUse(async () => new (await import('../../shared/store/snapshots')).SnapshotStore(clients), ['put']);

function defaultDeps(articles: ArticleJobQueue) {
  // The table's clients only; the bucket's comes with the snapshot store (bucketClient).
  const clients = awsTableClients();
  return {
    clients,
    sources: new SourcesRepository(clients),
    stories: new StoriesRepository(clients),
    snapshots: snapshotStoreOnFirstUse(clients),
    fetcher: createFetcher({ contactUrl: environment().CCHC_CONTACT_URL }),
    articles,
    now: () => new Date(),
    intervalMs: COLLECT_SCHEDULE.intervalMinutes * 60_000,
    classifier: defaultClassifier,
    router: createDeskService(clients, parseDesksJson(environment().CCHC_DESKS)),
  };
}

/** The Lambda entry point: a batch from the FIFO collect queue (hosts at once, each host's sources in order). */
export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => {
  defaultHandler ??= createCollectSourceHandler(defaultDeps(new SqsArticleQueue(environment().ARTICLE_QUEUE_URL ?? '')));
  return defaultHandler(event);
};
