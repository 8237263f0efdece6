import type { SQSBatchItemFailure, SQSBatchResponse, SQSRecord } from 'aws-lambda';

/**
 * Handles a batch from a FIFO queue with its message groups at once and each
 * group's messages in order.
 *
 * The collect queue's group is a source's host: messages of one host must
 * not overlap (politeness), but a batch of ten sources on ten hosts is ten
 * waits on ten different sites, and a Lambda invocation is billed for its
 * wall time. Powertools' FIFO processors keep order by handling every record
 * one after another, so a batch would cost the sum of its waits instead of
 * the longest.
 *
 * When a message fails, it and the rest of its group in this batch are
 * reported failed (SQS delivers them again, still in order); other groups
 * go on. A record without a group id is a group of its own.
 * @param onError - Told of each failure (the handler logs it); not thrown.
 * @returns the partial batch response for Lambda (`ReportBatchItemFailures`).
 */
export async function handleFifoGroupsConcurrently(
  records: readonly SQSRecord[],
  handle: (record: SQSRecord) => Promise<void>,
  onError: (record: SQSRecord, error: unknown) => void = () => {},
): Promise<SQSBatchResponse> {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of records) {
    const group = record.attributes.MessageGroupId ?? `message:${record.messageId}`;
    const members = groups.get(group);
    if (members) members.push(record);
    else groups.set(group, [record]);
  }
  const failed = new Set<string>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const [index, record] of group.entries()) {
        try {
          await handle(record);
        } catch (error) {
          onError(record, error);
          for (const rest of group.slice(index)) failed.add(rest.messageId);
          return;
        }
      }
    }),
  );
  // Listed in the batch's order, which makes logs and tests easier to read.
  const batchItemFailures: SQSBatchItemFailure[] = records.filter((r) => failed.has(r.messageId)).map((r) => ({ itemIdentifier: r.messageId }));
  return { batchItemFailures };
}
