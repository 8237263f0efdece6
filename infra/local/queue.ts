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
    while (this.inFlight < this.options.concurrency) {
      const index = this.waiting.findIndex(
        (m) => m.visibleAt <= now && !(this.options.fifo && m.groupId && this.busyGroups.has(m.groupId)),
      );
      if (index < 0) break;
      const [message] = this.waiting.splice(index, 1);
      void this.deliver(message!);
    }
    const nextVisible = Math.min(...this.waiting.map((m) => m.visibleAt));
    if (Number.isFinite(nextVisible) && nextVisible > now) {
      this.timer = setTimeout(() => this.pump(), nextVisible - now);
      this.timer.unref?.();
    }
    if (this.depth === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async deliver(message: LocalMessage): Promise<void> {
    this.inFlight++;
    if (this.options.fifo && message.groupId) this.busyGroups.add(message.groupId);
    message.receiveCount++;
    let failure: string | null = null;
    try {
      const response = await this.options.handler({ Records: [toSqsRecord(message, this.options.name)] });
      if (response?.batchItemFailures?.some((f) => f.itemIdentifier === message.id)) failure = 'the handler reported the message as failed';
    } catch (error) {
      failure = (error as Error)?.message ?? String(error);
    }
    this.inFlight--;
    if (message.groupId) this.busyGroups.delete(message.groupId);
    if (failure) {
      if (message.receiveCount >= this.options.maxReceives) {
        this.deadLetters.push({ body: message.body, error: failure });
        this.options.onDeadLetter?.(message.body, failure);
      } else {
        message.visibleAt = Date.now() + this.options.retryDelayMs(message.receiveCount);
        // FIFO keeps order within a group: a failed message goes back to the front.
        this.waiting.unshift(message);
      }
    }
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
