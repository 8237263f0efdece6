import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/** One message as the local queue holds it. */
interface LocalMessage {
  id: string;
  body: string;
  groupId?: string;
  receiveCount: number;
  visibleAt: number;
}

/** What a local queue does with a handler's answer; mirrors SQS + a redrive policy. */
export interface LocalQueueOptions {
  name: string;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  /** Deliveries before a message goes to the dead-letter list (SQS maxReceiveCount). */
  maxReceives: number;
  /** The pause before a failed message is visible again (SQS visibility timeout). */
  retryDelayMs: (receiveCount: number) => number;
  /** How many handler invocations run at once (Lambda concurrency). */
  concurrency: number;
  /** Messages per invocation, at most (the event source mapping's batch size); 1 when absent. */
  batchSize?: number;
  /** FIFO: at most one message of a group in flight, in order. */
  fifo: boolean;
  /** How long a FIFO deduplication id is remembered (SQS: 5 minutes). */
  deduplicationWindowMs?: number;
  onDeadLetter?: (body: string, error: string) => void;
}

/**
 * An in-process queue with SQS's retry and dead-letter behaviour, delivering
 * SQS-shaped events to the same handlers Lambda runs.
 */
export class LocalQueue {
  private readonly waiting: LocalMessage[] = [];
  private readonly busyGroups = new Set<string>();
  private readonly seenDeduplicationIds = new Map<string, number>();
  private inFlight = 0;
  /** Handler invocations running (each with a batch of messages). */
  private invocations = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private paused = false;
  private idleWaiters: (() => void)[] = [];
  readonly deadLetters: { body: string; error: string }[] = [];

  constructor(private readonly options: LocalQueueOptions) {}

  /** Enqueues messages; FIFO duplicates within the window are dropped, like SQS. */
  send(messages: { body: string; groupId?: string; deduplicationId?: string }[]): void {
    const now = Date.now();
    const window = this.options.deduplicationWindowMs ?? 5 * 60_000;
    for (const message of messages) {
      if (this.options.fifo && message.deduplicationId) {
        const seenAt = this.seenDeduplicationIds.get(message.deduplicationId);
        if (seenAt !== undefined && now - seenAt < window) continue;
        this.seenDeduplicationIds.set(message.deduplicationId, now);
      }
      this.waiting.push({ id: randomUUID(), body: message.body, groupId: message.groupId, receiveCount: 0, visibleAt: now });
    }
    this.pump();
  }

  /** Messages waiting or in flight. */
  get depth(): number {
    return this.waiting.length + this.inFlight;
  }

  /** Resolves when nothing is waiting or in flight (retries included). */
  idle(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Holds deliveries (messages keep arriving) until {@link resume}. */
  pause(): void {
    this.paused = true;
  }

  /** Delivers again after {@link pause}. */
  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Stops delivering; messages still waiting stay undelivered. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private pump(): void {
    if (this.stopped || this.paused) return;
    clearTimeout(this.timer);
    const now = Date.now();
    while (this.invocations < this.options.concurrency) {
      const batch = this.takeBatch(now);
      if (batch.length === 0) break;
      void this.deliver(batch);
    }
    const nextVisible = Math.min(...this.waiting.map((m) => m.visibleAt));
    if (Number.isFinite(nextVisible) && nextVisible > now) {
      this.timer = setTimeout(() => this.pump(), nextVisible - now);
      this.timer.unref?.();
    }
    if (this.depth === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * Up to a batch of visible messages, in order. FIFO, as SQS does: a group
   * with a message in flight gives none, and a batch may hold several
   * messages of one group, in their order.
   */
  private takeBatch(now: number): LocalMessage[] {
    const size = this.options.batchSize ?? 1;
    const batch: LocalMessage[] = [];
    for (let index = 0; index < this.waiting.length && batch.length < size; ) {
      const message = this.waiting[index]!;
      if (message.visibleAt <= now && !(this.options.fifo && message.groupId && this.busyGroups.has(message.groupId))) {
        batch.push(...this.waiting.splice(index, 1));
      } else {
        index++;
      }
    }
    if (this.options.fifo) for (const message of batch) if (message.groupId) this.busyGroups.add(message.groupId);
    return batch;
  }

  private async deliver(batch: LocalMessage[]): Promise<void> {
    this.invocations++;
    this.inFlight += batch.length;
    for (const message of batch) message.receiveCount++;
    let failed: Map<string, string>;
    try {
      const response = await this.options.handler({ Records: batch.map((message) => toSqsRecord(message, this.options.name)) });
      const reported = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      failed = new Map(batch.filter((m) => reported.has(m.id)).map((m) => [m.id, 'the handler reported the message as failed']));
    } catch (error) {
      // A handler that throws fails its whole batch, as with Lambda.
      const reason = (error as Error)?.message ?? String(error);
      failed = new Map(batch.map((m) => [m.id, reason]));
    }
    this.invocations--;
    this.inFlight -= batch.length;
    for (const message of batch) if (message.groupId) this.busyGroups.delete(message.groupId);
    // FIFO keeps order within a group: failed messages go back to the front, in their order.
    const retried: LocalMessage[] = [];
    for (const message of batch) {
      const failure = failed.get(message.id);
      if (!failure) continue;
      if (message.receiveCount >= this.options.maxReceives) {
        this.deadLetters.push({ body: message.body, error: failure });
        this.options.onDeadLetter?.(message.body, failure);
      } else {
        message.visibleAt = Date.now() + this.options.retryDelayMs(message.receiveCount);
        retried.push(message);
      }
    }
    this.waiting.unshift(...retried);
    this.pump();
  }
}

function toSqsRecord(message: LocalMessage, queueName: string): SQSRecord {
  return {
    messageId: message.id,
    receiptHandle: message.id,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
      ...(message.groupId ? { MessageGroupId: message.groupId } : {}),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${queueName}`,
    awsRegion: 'local',
  };
}
