import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { startDemoSites, type DemoSites } from '../../infra/demo/server';
import { loadConfig } from '../../shared/config/load';
import { DEMO_CONFIG } from '../../infra/local/paths';
import { createLocalPipeline, type LocalPipeline } from '../../infra/local/pipeline';
import { LocalQueue } from '../../infra/local/queue';
import { createDispatchHandler } from '../../functions/collect-dispatch/handler';
import { createCollectSourceHandler } from '../../functions/collect-source/handler';

describe('the Lambda handlers wired through local queues', () => {
  let demo: DemoSites;
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    const clients = await freshStores();
    demo = await startDemoSites({ ports: 'auto' });
    pipeline = createLocalPipeline({ clients, fetcher: { perHostGapMs: 100 } });
    await pipeline.seed(demo.rewriteConfig(await loadConfig(DEMO_CONFIG)));
    pipeline.articleQueue.pause();
  });

  afterAll(async () => {
    pipeline?.close();
    await demo?.close();
  });

  it('dispatches every due source once, grouped by host, and the collector polls each', async () => {
    const collectQueue = new LocalQueue({
      name: 'collect.fifo',
      handler: createCollectSourceHandler(pipeline.deps),
      maxReceives: 5,
      retryDelayMs: () => 10,
      concurrency: 5,
      fifo: true,
    });
    const dispatch = createDispatchHandler({
      sources: pipeline.deps.sources,
      queue: { send: async (messages) => collectQueue.send(messages.map((m) => ({ body: JSON.stringify(m.body), groupId: m.groupId, deduplicationId: m.deduplicationId }))) },
    });
    expect(await dispatch()).toEqual({ dispatched: 16 });
    // A second dispatch of the same due times is dropped by FIFO deduplication.
    await dispatch();
    await collectQueue.idle();
    expect(collectQueue.deadLetters.map((d) => d.error)).toEqual([]);
    const sources = await pipeline.deps.sources.listAll();
    expect(sources.filter((s) => s.health.lastAttemptAt !== null)).toHaveLength(16);
    expect(sources.filter((s) => s.health.consecutiveFailures === 0)).toHaveLength(14);
    expect(sources.reduce((sum, s) => sum + s.storiesCreated, 0)).toBeGreaterThan(100);
    // Nothing is due any more: the next dispatch sends nothing.
    expect(await dispatch()).toEqual({ dispatched: 0 });
  });
});
