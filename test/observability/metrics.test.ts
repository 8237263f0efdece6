/**
 * The handlers' CloudWatch metrics, read from the EMF lines Powertools
 * prints (test/support/emf.ts): names from metric-names.ts, namespace
 * CchcPipeline, the `service` dimension only, one flush per invocation, and
 * the values a run really had — against the real DynamoDB Local and the demo
 * agency sites on loopback (one healthy site, one answering 503).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { createCollectSourceHandler } from '../../functions/collect-source/handler';
import { createRemindersHandler } from '../../functions/reminders/handler';
import { startDemoSites, type DemoSites } from '../../infra/demo/server';
import { createLocalPipeline, type LocalPipeline } from '../../infra/local/pipeline';
import { DEMO_CONFIG } from '../../infra/local/paths';
import { loadConfig } from '../../shared/config/load';
import { METRICS, METRIC_NAMESPACE } from '../../shared/observability/metric-names';
import { redactEmails } from '../../shared/observability/redact';
import { capturedMetrics, total, valuesOf } from '../support/emf';
import { freshStores } from '../support/stores';

const sqsEvent = (sourceId: string, host: string): SQSEvent => ({
  Records: [
    {
      messageId: `m-${sourceId}`,
      receiptHandle: `m-${sourceId}`,
      body: JSON.stringify({ sourceId }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'test', ApproximateFirstReceiveTimestamp: String(Date.now()), MessageGroupId: host },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:collect.fifo',
      awsRegion: 'ap-southeast-1',
    },
  ],
});

describe('collect-source metrics', () => {
  let demo: DemoSites;
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    demo = await startDemoSites({ ports: 'auto' });
    pipeline = createLocalPipeline({ clients: await freshStores(), fetcher: { perHostGapMs: 50 } });
    await pipeline.seed(demo.rewriteConfig(await loadConfig(DEMO_CONFIG)));
    pipeline.articleQueue.pause();
  });
  afterAll(async () => {
    pipeline?.close();
    await demo?.close();
  });

  it('counts each poll, its failure and its new stories, one EMF line per invocation with only the service dimension', async () => {
    const capture = capturedMetrics('collect-source');
    try {
      const handler = createCollectSourceHandler({ ...pipeline.deps, metrics: capture.metrics });
      const sources = await pipeline.deps.sources.listAll();
      const healthy = sources.find((s) => s.source.id === 'so-tu-phap-rss') ?? sources.find((s) => s.source.kind === 'rss' && s.source.id !== 'so-cong-thuong-tin-tuc')!;
      const failing = sources.find((s) => s.source.id === 'so-cong-thuong-tin-tuc')!;
      await handler(sqsEvent(healthy.source.id, new URL(healthy.source.url).host));
      await handler(sqsEvent(failing.source.id, new URL(failing.source.url).host));

      const lines = capture.lines();
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(line.service).toBe('collect-source');
        expect(line._aws.CloudWatchMetrics).toEqual([
          expect.objectContaining({ Namespace: METRIC_NAMESPACE, Dimensions: [['service']] }),
        ]);
        expect(line._aws.CloudWatchMetrics[0]!.Metrics.map((m) => m.Name).sort()).toEqual([METRICS.sourcesFailed, METRICS.storiesCollected].sort());
        expect(line._aws.CloudWatchMetrics[0]!.Metrics.every((m) => m.Unit === 'Count')).toBe(true);
      }
      const [first, second] = lines as [(typeof lines)[0], (typeof lines)[0]];
      const stored = (await pipeline.deps.sources.get(healthy.source.id))!.storiesCreated;
      expect(stored).toBeGreaterThan(0);
      expect(valuesOf(first, METRICS.sourcesFailed)).toEqual([0]);
      expect(valuesOf(first, METRICS.storiesCollected)).toEqual([stored]);
      expect(valuesOf(second, METRICS.sourcesFailed)).toEqual([1]);
      expect(valuesOf(second, METRICS.storiesCollected)).toEqual([0]);

      // A message for a source that is not due emits nothing: no poll, no line.
      await handler(sqsEvent(healthy.source.id, new URL(healthy.source.url).host));
      expect(capture.lines()).toHaveLength(2);
    } finally {
      capture.restore();
    }
  });

  it('counts every poll of a batch in the invocation’s one line: SourcesFailed’s values average to the failed share', async () => {
    const capture = capturedMetrics('collect-source');
    try {
      // A day later every source is due again.
      const later = new Date(Date.now() + 86_400_000);
      const handler = createCollectSourceHandler({ ...pipeline.deps, now: () => later, metrics: capture.metrics });
      const sources = await pipeline.deps.sources.listAll();
      const healthy = sources.find((s) => s.source.id === 'so-tu-phap-rss') ?? sources.find((s) => s.source.kind === 'rss' && s.source.id !== 'so-cong-thuong-tin-tuc')!;
      const failing = sources.find((s) => s.source.id === 'so-cong-thuong-tin-tuc')!;
      const batch = [sqsEvent(healthy.source.id, new URL(healthy.source.url).host), sqsEvent(failing.source.id, new URL(failing.source.url).host)];
      const response = await handler({ Records: batch.flatMap((event) => event.Records) });
      expect(response.batchItemFailures).toEqual([]);
      const lines = capture.lines();
      expect(lines).toHaveLength(1);
      expect([...valuesOf(lines[0]!, METRICS.sourcesFailed)].sort()).toEqual([0, 1]);
      expect(valuesOf(lines[0]!, METRICS.storiesCollected)).toHaveLength(2);
    } finally {
      capture.restore();
    }
  });
});

describe('reminders metrics', () => {
  it('counts the reminders sent, and a repeated round sends and counts none', async () => {
    const clients = await freshStores();
    const capture = capturedMetrics('reminders');
    try {
      const sent: string[] = [];
      const handler = createRemindersHandler({
        clients,
        mailer: { send: async (mail) => (sent.push(mail.tag), { messageId: `<${mail.tag}@test>` }) },
        config: { homeAffairs: ['so-noi-vu@example.gov.vn'], appUrl: 'https://cchc.example.gov.vn' },
        loadRows: async () => [],
        agencies: async () => [],
        // 21 days before the end of 2026-Q4: Sở Nội vụ's roll-up is due.
        now: () => new Date('2026-12-10T01:00:00Z'),
        metrics: capture.metrics,
      });
      await handler({ schedule: 'reminders', scheduledTime: '2026-12-10T01:00:00Z' });
      await handler({ schedule: 'reminders', scheduledTime: '2026-12-10T01:00:00Z' });
      const lines = capture.lines();
      expect(lines.map((line) => line.service)).toEqual(['reminders', 'reminders']);
      expect(lines.map((line) => valuesOf(line, METRICS.remindersSent))).toEqual([[sent.length], [0]]);
      expect(sent.length).toBeGreaterThan(0);
      expect(total(lines, METRICS.remindersSent)).toBe(sent.length);
    } finally {
      capture.restore();
    }
  });
});

describe('redactEmails', () => {
  it('takes addresses out of free text that goes to the logs', () => {
    expect(redactEmails('MessageRejected: Email address is not verified: lanh.dao+cchc@binhdinh.gov.vn, x@sở.vn')).toBe(
      'MessageRejected: Email address is not verified: <email>, <email>',
    );
    expect(redactEmails('no address here')).toBe('no address here');
  });
});
