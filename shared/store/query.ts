import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * Every item of a Query, page after page (DynamoDB pages at 1 MB), or the
 * first `limit` of them.
 */
export async function queryItems(dynamo: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>, limit = Infinity): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ ...input, ...(Number.isFinite(limit) ? { Limit: limit - items.length } : {}), ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return items;
}
