import type { CchcConfig } from '../../shared/config/schema';
import type { AwsClients } from '../../shared/store/clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { SnapshotStore } from '../../shared/store/snapshots';
import { createFetcher, type FetcherOptions } from '../../shared/collect/fetch/fetcher';
import { runCollectionCycle, summarizeCycle, type CycleSummary } from '../../shared/collect/cycle';
import type { SourcePollResult, CollectDeps } from '../../shared/collect/collect-source';
import { MAX_ARTICLE_ATTEMPTS } from '../../shared/articles/fetch-article';
import { COLLECT_SCHEDULE } from '../../shared/schedules';
import { createArticleHandler } from '../../functions/article/handler';
import { createCollectSourceHandler } from '../../functions/collect-source/handler';
import { createDispatchHandler } from '../../functions/collect-dispatch/handler';
import { QUEUES } from '../definitions/functions';
import { defaultClassifier } from '../../shared/stories/default-classifier';
import { createDeskService } from '../../shared/desks/create';
import type { Desk } from '../../shared/desks/config';
import { LocalQueue } from './queue';
import { environment } from '../../shared/env';
import { hostGroup } from '../../shared/queues/messages';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';
import { seedFromConfig, type SeedOutcome } from '../../shared/sources/config-sync';

/** The collection pipeline on one machine: the same shared code and handlers, local queues. */
export interface LocalPipeline {
  deps: CollectDeps & { clients: AwsClients };
  articleQueue: LocalQueue;
  /**
   * Writes the configuration's agencies and sources that the table lacks
   * (conditional puts); what the table has — perhaps changed by an admin —
   * is kept. `npm start -- --fresh` starts from an empty table, so from the file.
   */
  seed(config: CchcConfig): Promise<SeedOutcome>;
  /**
   * One scheduled cycle the way AWS runs it: the dispatcher handler sends the
   * due sources to a local FIFO queue grouped by host, and the collector
   * handler polls them with the queue's concurrency and retries.
   */
  dispatchCycle(onResult?: (result: SourcePollResult) => void): Promise<CycleSummary>;
  /** One cycle over the due sources, or every unpaused source with `all`, polled directly (`cchc collect --once`). */
  runCycle(options?: { all?: boolean; onResult?: (result: SourcePollResult, done: number, total: number) => void }): Promise<CycleSummary>;
  /** Re-enqueues stories still waiting for their article text (after a restart). */
  resumeArticles(): Promise<number>;
  close(): void;
}

/** An article job as a local queue message, grouped by the article's host. */
function articleMessage(job: { storyId: string; url: string }) {
  return { body: JSON.stringify(job), groupId: hostGroup(job.url) };
}

/** Wires repositories, the polite fetcher and the article stage's local queue. */
export function createLocalPipeline(options: {
  clients: AwsClients;
  contactUrl?: string;
  fetcher?: Partial<FetcherOptions>;
  now?: () => Date;
  onArticleDeadLetter?: (body: string, error: string) => void;
  /** The pause before a failed article is tried again (SQS: the visibility timeout). */
  articleRetryDelayMs?: (receives: number) => number;
  /** The editorial desks new stories are routed to (the configuration's `desks`). */
  desks?: readonly Desk[];
}): LocalPipeline {
  const now = options.now ?? (() => new Date());
  const router = createDeskService(options.clients, options.desks ?? [], now);
  const sources = new SourcesRepository(options.clients);
  const stories = new StoriesRepository(options.clients);
  const fetcher = createFetcher({
    contactUrl: options.contactUrl ?? environment().CCHC_CONTACT_URL,
    // The demo and test sites live on loopback; in AWS the default refuses it.
    allowPrivateNetworks: true,
    ...options.fetcher,
  });
  const articleQueue = new LocalQueue({
    name: 'article',
    handler: createArticleHandler({ stories, fetcher, now, classifier: defaultClassifier, router }),
    maxReceives: MAX_ARTICLE_ATTEMPTS,
    retryDelayMs: options.articleRetryDelayMs ?? ((receives) => Math.min(1000 * 2 ** receives, 60_000)),
    // One article in flight per host, many hosts at once: the fetcher's
    // per-host gap then costs no slot that another host's article could use.
    concurrency: 16,
    fifo: true,
    onDeadLetter: options.onArticleDeadLetter,
  });
  const deps = {
    clients: options.clients,
    sources,
    stories,
    snapshots: new SnapshotStore(options.clients),
    fetcher,
    articles: { enqueue: async (jobs: { storyId: string; url: string }[]) => articleQueue.send(jobs.map(articleMessage)) },
    now,
    intervalMs: COLLECT_SCHEDULE.intervalMinutes * 60_000,
    classifier: defaultClassifier,
    router,
  };
  let onPolled: ((result: SourcePollResult) => void) | undefined;
  const collect = QUEUES.collect;
  const collectQueue = new LocalQueue({
    name: 'collect.fifo',
    handler: createCollectSourceHandler({ ...deps, onPolled: (result) => onPolled?.(result) }),
    maxReceives: collect.maxReceiveCount,
    // SQS would wait out the visibility timeout; a laptop need not wait minutes.
    retryDelayMs: () => Math.min(collect.visibilityTimeoutSeconds * 1000, 30_000),
    concurrency: collect.maxConcurrency,
    batchSize: collect.batchSize,
    fifo: true,
  });
  const dispatch = createDispatchHandler({
    sources,
    now,
    queue: {
      send: async (messages) =>
        collectQueue.send(messages.map((m) => ({ body: JSON.stringify(m.body), groupId: m.groupId, deduplicationId: m.deduplicationId }))),
    },
  });
  return {
    deps,
    articleQueue,
    async dispatchCycle(onResult) {
      const started = now();
      const results: SourcePollResult[] = [];
      onPolled = (result) => {
        results.push(result);
        onResult?.(result);
      };
      await dispatch();
      await collectQueue.idle();
      return summarizeCycle(results, now().getTime() - started.getTime());
    },
    seed: (config) => seedFromConfig(new SourceAdminRepository(options.clients), config, now()),
    async runCycle(cycleOptions = {}) {
      const records = cycleOptions.all
        ? (await sources.listAll()).filter((record) => !record.source.paused)
        : await sources.listDue(now());
      return runCollectionCycle(deps, records, cycleOptions.onResult);
    },
    async resumeArticles() {
      const pending = await stories.listPendingArticles();
      articleQueue.send(pending.map((p) => articleMessage({ storyId: p.storyId, url: p.url })));
      return pending.length;
    },
    close() {
      collectQueue.stop();
      articleQueue.stop();
    },
  };
}
