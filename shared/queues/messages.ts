import * as z from 'zod';

/** The body of a collect-queue message: which source to poll. */
export const collectMessageSchema = z.object({ sourceId: z.string().min(1) }).strict();
export type CollectMessage = z.infer<typeof collectMessageSchema>;

/** The body of an article-queue message. */
export const articleMessageSchema = z.object({ storyId: z.string().min(1), url: z.string().url() }).strict();

/** A message for the collect queue; one group per host so a host is polled by one worker at a time. */
export interface CollectQueueMessage {
  body: CollectMessage;
  groupId: string;
  deduplicationId: string;
}

/** Where the dispatcher sends due sources: SQS FIFO in AWS, an in-process queue locally. */
export interface CollectQueue {
  send(messages: CollectQueueMessage[]): Promise<void>;
}

/** The politeness group of a URL: its host (with port). */
export function hostGroup(url: string): string {
  return new URL(url).host.toLowerCase();
}
