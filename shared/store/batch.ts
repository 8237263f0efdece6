import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Key = { pk: string; sk: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads many items by key in batches of 100, retrying unprocessed keys with
 * backoff. Missing items are simply absent from the result.
 */
export async function batchGetItems<T = Record<string, unknown>>(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  keys: Key[],
  projection?: { expression: string; names: Record<string, string> },
): Promise<T[]> {
  const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const found: T[] = [];
  for (let start = 0; start < unique.length; start += 100) {
    let pending: Key[] = unique.slice(start, start + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(50 * 2 ** attempt, 2000));
      if (attempt > 8) throw new Error(`BatchGet left ${pending.length} keys unprocessed after retries`);
      const result = await dynamo.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ...(projection ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names } : {}),
            },
          },
        }),
      );
      found.push(...((result.Responses?.[tableName] ?? []) as T[]));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
    }
  }
  return found;
}
