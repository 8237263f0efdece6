/** shared/queues/fifo-groups.ts: a FIFO batch's groups at once, each group in order, failures per group. */
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handleFifoGroupsConcurrently } from '../../shared/queues/fifo-groups';

const record = (id: string, group?: string): SQSRecord => ({
  messageId: id,
  receiptHandle: id,
  body: id,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0', ...(group ? { MessageGroupId: group } : {}) },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:collect.fifo',
  awsRegion: 'ap-southeast-1',
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('handleFifoGroupsConcurrently', () => {
  it('runs the groups side by side and each group one message after another, in order', async () => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const response = await handleFifoGroupsConcurrently(
      [record('a1', 'a.gov.vn'), record('b1', 'b.gov.vn'), record('a2', 'a.gov.vn'), record('c1', 'c.gov.vn'), record('a3', 'a.gov.vn')],
      async (r) => {
        running++;
        peak = Math.max(peak, running);
        log.push(`start ${r.messageId}`);
        await tick();
        log.push(`end ${r.messageId}`);
        running--;
      },
    );
    expect(response).toEqual({ batchItemFailures: [] });
    // Three groups: three at once, never more.
    expect(peak).toBe(3);
    // Within a group, a message starts only after the previous one ended.
    const a = log.filter((entry) => entry.endsWith(' a1') || entry.endsWith(' a2') || entry.endsWith(' a3'));
    expect(a).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
  });

  it('fails a failed message and the rest of its group only, in the batch order, and tells onError once', async () => {
    const handled: string[] = [];
    const errors: string[] = [];
    const response = await handleFifoGroupsConcurrently(
      [record('a1', 'a'), record('b1', 'b'), record('a2', 'a'), record('b2', 'b'), record('a3', 'a')],
      async (r) => {
        handled.push(r.messageId);
        if (r.messageId === 'a2') throw new Error('DynamoDB unavailable');
      },
      (r, error) => errors.push(`${r.messageId}: ${(error as Error).message}`),
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'a2' }, { itemIdentifier: 'a3' }]);
    expect(handled.sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(errors).toEqual(['a2: DynamoDB unavailable']);
  });

  it('treats a record without a group id as a group of its own', async () => {
    let running = 0;
    let peak = 0;
    const response = await handleFifoGroupsConcurrently([record('x'), record('y')], async (r) => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      if (r.messageId === 'x') throw new Error('boom');
    });
    expect(peak).toBe(2);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'x' }]);
  });
});
