import { SQSClient, SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import type { ArticleJob, ArticleJobQueue } from '../collect/article-jobs';
import type { CollectQueue, CollectQueueMessage } from './messages';

let client: SQSClient | undefined;
const sqs = () => (client ??= new SQSClient({}));

async function sendAll(queueUrl: string, entries: SendMessageBatchRequestEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 10) {
    const batch = entries.slice(start, start + 10);
    const result = await sqs().send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
    if (result.Failed?.length) {
      throw new Error(`SQS refused ${result.Failed.length} messages: ${result.Failed[0]?.Message ?? result.Failed[0]?.Code}`);
    }
  }
}

/** The collect queue in AWS: SQS FIFO, message group = host. */
export class SqsCollectQueue implements CollectQueue {
  constructor(private readonly queueUrl: string) {}
  async send(messages: CollectQueueMessage[]): Promise<void> {
    await sendAll(
      this.queueUrl,
      messages.map((message, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify(message.body),
        MessageGroupId: message.groupId,
        MessageDeduplicationId: message.deduplicationId,
      })),
    );
  }
}

/** The article queue in AWS: a standard SQS queue with a dead-letter queue. */
export class SqsArticleQueue implements ArticleJobQueue {
  constructor(private readonly queueUrl: string) {}
  async enqueue(jobs: ArticleJob[]): Promise<void> {
    await sendAll(
      this.queueUrl,
      jobs.map((job, index) => ({ Id: String(index), MessageBody: JSON.stringify(job) })),
    );
  }
}
