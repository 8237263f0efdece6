/** infra/local/queue.ts: SQS-shaped batches, FIFO groups, partial failures, retries and dead letters, as Lambda + SQS. */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalQueue, type LocalQueueOptions } from '../../infra/local/queue';

function queue(overrides: Partial<LocalQueueOptions> & Pick<LocalQueueOptions, 'handler'>): LocalQueue {
  return new LocalQueue({ name: 'test.fifo', maxReceives: 3, retryDelayMs: () => 0, concurrency: 1, fifo: true, ...overrides });
}
const bodies = (event: SQSEvent) => event.Records.map((r) => r.body);

describe('LocalQueue', () => {
  it('delivers batches of at most batchSize, in order, holding a group while it is in flight', async () => {
    const batches: string[][] = [];
    const q = queue({
      batchSize: 3,
      concurrency: 2,
      handler: async (event) => {
        batches.push(bodies(event));
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    q.send([
      { body: 'a1', groupId: 'a' },
      { body: 'a2', groupId: 'a' },
      { body: 'b1', groupId: 'b' },
      { body: 'c1', groupId: 'c' },
      { body: 'a3', groupId: 'a' },
    ]);
    await q.idle();
    // The first batch takes a's first two (one group may fill a batch, in order) and b1; the second, running
    // at the same time, may not take a3 (a is in flight), so it takes c1 alone; a3 waits for the first to end.
    expect(batches).toEqual([['a1', 'a2', 'b1'], ['c1'], ['a3']]);
  });

  it('redelivers only the reported failures, at the front and in order, and dead-letters them after maxReceives', async () => {
    const seen: string[][] = [];
    const dead: string[] = [];
    const q = queue({
      batchSize: 10,
      maxReceives: 2,
      onDeadLetter: (body) => dead.push(body),
      handler: async (event): Promise<SQSBatchResponse> => {
        seen.push(bodies(event));
        return { batchItemFailures: event.Records.filter((r) => r.body.startsWith('bad')).map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    q.send([{ body: 'ok1', groupId: 'a' }, { body: 'bad1', groupId: 'b' }, { body: 'bad2', groupId: 'b' }, { body: 'ok2', groupId: 'c' }]);
    await q.idle();
    expect(seen).toEqual([['ok1', 'bad1', 'bad2', 'ok2'], ['bad1', 'bad2']]);
    expect(dead).toEqual(['bad1', 'bad2']);
    expect(q.deadLetters.map((d) => d.error)).toEqual(['the handler reported the message as failed', 'the handler reported the message as failed']);
  });

  it('fails the whole batch when the handler throws, as Lambda does', async () => {
    let calls = 0;
    const q = queue({
      batchSize: 5,
      maxReceives: 2,
      handler: async () => {
        calls++;
        if (calls === 1) throw new Error('init failed');
      },
    });
    q.send([{ body: 'x', groupId: 'a' }, { body: 'y', groupId: 'b' }]);
    await q.idle();
    expect(calls).toBe(2);
    expect(q.deadLetters).toEqual([]);
  });

  it('delivers one message per invocation without a batchSize', async () => {
    const batches: string[][] = [];
    const q = queue({ fifo: false, concurrency: 3, handler: async (event) => void batches.push(bodies(event)) });
    q.send([{ body: '1' }, { body: '2' }]);
    await q.idle();
    expect(batches.sort()).toEqual([['1'], ['2']]);
  });
});
