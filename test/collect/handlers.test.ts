import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { startDemoSites, type DemoSites } from '../../infra/demo/server';
import { loadConfig } from '../../shared/config/load';
import { DEMO_CONFIG } from '../../infra/local/paths';
import { createLocalPipeline, type LocalPipeline } from '../../infra/local/pipeline';
import { defaultClassifier } from '../../shared/stories/default-classifier';

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

  it('dispatches every due source once, grouped by host, and the collector handler polls each', async () => {
    const summary = await pipeline.dispatchCycle();
    expect(summary.sources).toBe(16);
    expect(new Set(summary.results.map((r) => r.sourceId)).size).toBe(16);
    const sources = await pipeline.deps.sources.listAll();
    expect(sources.filter((s) => s.health.lastAttemptAt !== null)).toHaveLength(16);
    expect(sources.filter((s) => s.health.consecutiveFailures === 0)).toHaveLength(14);
    expect(sources.reduce((sum, s) => sum + s.storiesCreated, 0)).toBeGreaterThan(100);
    // Every new story is labelled as it is collected, with the classifier's version.
    const newest = await pipeline.deps.stories.listNewest(200, new Date());
    expect(newest.length).toBeGreaterThan(100);
    expect(newest.every((story) => story.machineLabel?.version === defaultClassifier.version)).toBe(true);
    const relevant = newest.filter((story) => story.relevant);
    expect(relevant.length).toBeGreaterThan(20);
    expect(relevant.every((story) => story.areas!.length > 0 && story.machineLabel!.evidence.length > 0)).toBe(true);
    expect(newest.some((story) => story.relevant === false)).toBe(true);
    // Nothing is due any more: the next scheduled cycle polls nothing.
    expect((await pipeline.dispatchCycle()).sources).toBe(0);
  });
});
