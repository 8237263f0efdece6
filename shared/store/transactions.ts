import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** One item of a DynamoDB transaction. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit on the items of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/** The items with the table's name filled in (builders leave it empty so they stay table-agnostic). */
export function withTable(tableName: string, items: TransactItem[]): TransactItem[] {
  return items.map((item) => {
    const [kind, body] = Object.entries(item)[0] as [keyof TransactItem, Record<string, unknown>];
    return { [kind]: { ...body, TableName: tableName } } as TransactItem;
  });
}

/** Which items of a cancelled transaction failed their condition, or null when the error is something else. */
export function failedConditions(error: unknown): number[] | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  return (error.CancellationReasons ?? [])
    .map((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? index : -1))
    .filter((index) => index >= 0);
}
