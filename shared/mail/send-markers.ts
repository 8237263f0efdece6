/**
 * The two ends of a claimed send, shared by the reminders and the digest:
 * a marker item is claimed with a conditional write before a message goes
 * out (each caller claims by its own rules), then either released for a
 * retry when sending failed or marked sent.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../store/clients';

const isConditionFailure = (error: unknown) => (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/**
 * Releases our claim after a failed send, so the next run sends: only if
 * the claim is still ours (a stale claim may have been taken over).
 */
export async function releaseSendClaim(clients: AwsClients, key: { pk: string; sk: string }, claimToken: string, error: string, at: string): Promise<void> {
  await clients.dynamo
    .send(
      new UpdateCommand({
        TableName: clients.tableName,
        Key: key,
        UpdateExpression: 'SET #state = :failed, lastError = :error, failedAt = :at REMOVE claimToken',
        ConditionExpression: 'claimToken = :token',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':failed': 'failed', ':error': error.slice(0, 1000), ':at': at, ':token': claimToken },
      }),
    )
    .catch((releaseError: unknown) => {
      // Someone took the claim over (it had gone stale): theirs now.
      if (!isConditionFailure(releaseError)) throw releaseError;
    });
}

/** Marks a message sent. Unconditional: the message left, whoever holds the claim now. */
export async function markSent(clients: AwsClients, key: { pk: string; sk: string }, messageId: string, at: string): Promise<void> {
  await clients.dynamo.send(
    new UpdateCommand({
      TableName: clients.tableName,
      Key: key,
      UpdateExpression: 'SET #state = :sent, sentAt = :at, messageId = :id REMOVE claimToken, lastError',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':at': at, ':id': messageId },
    }),
  );
}
