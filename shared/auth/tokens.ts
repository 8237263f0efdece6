/**
 * API tokens an admin issues locally for integrations (in AWS,
 * integrations use Cognito access tokens instead). A token is `cchc_` and
 * 32 random bytes in base64url; the table keeps only its SHA-256, so the
 * plain token is shown once, at issue, and never again.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../store/clients';
import { gsi1, keys } from '../store/table';
import { makePrincipal, type Principal, type Role } from './roles';
import { sha256Hex } from './sessions';
import { queryItems } from '../store/query';

/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'cchc_';
const TOKEN_PATTERN = /^cchc_[A-Za-z0-9_-]{43}$/;

/** What an admin lists: everything about a token except the token. */
export interface ApiTokenInfo {
  /**
   * The token's id: the SHA-256 of the token, which is also its key. Not a
   * secret: authenticating needs the token itself, and the hash cannot be
   * turned back into it.
   */
  id: string;
  label: string;
  userId: string;
  name: string;
  role: Role;
  agencyId: string | null;
  createdAt: string;
  /** Epoch seconds after which the token is refused (and TTL removes it); `null`: no expiry. */
  expiresAt: number | null;
  revokedAt: string | null;
}

/** What {@link ApiTokenStore.issue} needs: whom the token acts as, and a label to recognise it by. */
export interface IssueTokenInput {
  userId: string;
  name: string;
  role: Role;
  agencyId: string | null;
  label: string;
  /** Optional expiry; tokens without one live until revoked. */
  expiresAt?: Date;
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** API tokens in the table. */
export class ApiTokenStore {
  constructor(private readonly clients: AwsClients) {}

  /** Issues a token; the plain token is in the result and nowhere else. */
  async issue(input: IssueTokenInput, now: Date): Promise<{ token: string; info: ApiTokenInfo }> {
    // The principal check refuses an agency token without an agency (or an editor token with one).
    if (!makePrincipal({ ...input, via: 'token' })) throw new Error(`a ${input.role} token needs ${input.role === 'agency' ? 'an' : 'no'} agencyId`);
    const label = input.label.trim().slice(0, 200);
    if (!label) throw new Error('a token needs a label');
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = sha256Hex(token);
    const info: ApiTokenInfo = {
      id,
      label,
      userId: input.userId,
      name: input.name,
      role: input.role,
      agencyId: input.agencyId,
      createdAt: now.toISOString(),
      expiresAt: input.expiresAt ? epochSeconds(input.expiresAt) : null,
      revokedAt: null,
    };
    // revokedAt is left out rather than stored as null, so revoke's if_not_exists sees it missing.
    const { expiresAt, revokedAt: _revokedAt, ...rest } = info;
    await this.clients.dynamo.send(
      new PutCommand({
        TableName: this.clients.tableName,
        Item: {
          ...keys.apiToken(id),
          type: 'api-token',
          ...rest,
          // Only set when there is an expiry: the TTL attribute must be absent, not null, to keep the item.
          ...(expiresAt !== null ? { expiresAt } : {}),
          gsi1pk: gsi1.tokens,
          gsi1sk: `${info.createdAt}#${id}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { token, info };
  }

  /** The principal a presented token acts as (`via: 'token'`), or `null`: unknown, malformed, revoked or expired. */
  async verify(token: string | undefined | null, now: Date): Promise<Principal | null> {
    if (!token || !TOKEN_PATTERN.test(token)) return null;
    const { Item: item } = await this.clients.dynamo.send(
      new GetCommand({ TableName: this.clients.tableName, Key: keys.apiToken(sha256Hex(token)), ConsistentRead: true }),
    );
    if (!item || item.revokedAt) return null;
    if (typeof item.expiresAt === 'number' && item.expiresAt <= epochSeconds(now)) return null;
    return makePrincipal({ userId: item.userId, name: item.name, role: item.role, agencyId: item.agencyId, via: 'token' });
  }

  /** Every token, newest first (revoked ones too, so the admin sees what was cut off). */
  async list(): Promise<ApiTokenInfo[]> {
    const items = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1.tokens },
      ScanIndexForward: false,
    });
    return items.map(
      (item) =>
        ({
          id: item.id,
          label: item.label,
          userId: item.userId,
          name: item.name,
          role: item.role,
          agencyId: item.agencyId ?? null,
          createdAt: item.createdAt,
          expiresAt: typeof item.expiresAt === 'number' ? item.expiresAt : null,
          revokedAt: item.revokedAt ?? null,
        }) as ApiTokenInfo,
    );
  }

  /**
   * Revokes a token by id; `false` when there is no such token. The item is
   * kept, marked, so the list shows when it was revoked.
   */
  async revoke(id: string, now: Date = new Date()): Promise<boolean> {
    if (!/^[0-9a-f]{64}$/.test(id)) return false;
    try {
      await this.clients.dynamo.send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.apiToken(id),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      // By name, like the repositories: instanceof fails across duplicate SDK copies.
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
