/**
 * The local user store (issue 8): users in the one table (pk `USER#<id>`,
 * listed via gsi1 `USERS`), seeded from the configuration's `users` on first
 * use — a user changed here is never overwritten by the seed — and the
 * {@link UserDirectory} over it. Sign-in reads the user from here, so a
 * disabled user cannot sign in and an invited one signs in once they have
 * chosen a password through their one-time link.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../store/clients';
import { gsi1, keys } from '../store/table';
import { sha256Hex } from '../auth/sessions';
import { hashPassword } from '../auth/passwords';
import { normalizeUsername, type LocalUser } from '../auth/users';
import { isRole } from '../auth/roles';
import { usersVi } from '../web/strings-admin';
import { UserDirectoryError, type DirectoryUser, type InviteInput, type PasswordDelivery, type UserDirectory } from './directory';
import { queryItems } from '../store/query';

/** How long a set-password link works. */
export const SET_PASSWORD_TTL_MS = 72 * 60 * 60 * 1000;
/** The shortest password a user may choose. */
export const MIN_PASSWORD_LENGTH = 10;

/** A local user as stored. */
export interface StoredLocalUser {
  id: string;
  name: string;
  role: LocalUser['role'];
  agencyId: string | null;
  email: string | null;
  /** `null` until the user has chosen a password (invited, or reset). */
  passwordHash: string | null;
  disabled: boolean;
  /** SHA-256 of the one-time set-password token, and when it stops working. */
  setPasswordHash: string | null;
  setPasswordExpiresAt: string | null;
  createdAt: string;
}

function fromItem(item: Record<string, unknown>): StoredLocalUser {
  return {
    id: String(item.id),
    name: String(item.name),
    role: item.role as LocalUser['role'],
    agencyId: (item.agencyId as string | null | undefined) ?? null,
    email: (item.email as string | null | undefined) ?? null,
    passwordHash: (item.passwordHash as string | null | undefined) ?? null,
    disabled: item.disabled === true,
    setPasswordHash: (item.setPasswordHash as string | null | undefined) ?? null,
    setPasswordExpiresAt: (item.setPasswordExpiresAt as string | null | undefined) ?? null,
    createdAt: String(item.createdAt ?? ''),
  };
}

const toDirectoryUser = (user: StoredLocalUser): DirectoryUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  agencyId: user.agencyId,
  status: user.disabled ? 'disabled' : user.passwordHash ? 'active' : 'invited',
  createdAt: user.createdAt || null,
});

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** Local users in the table. */
export class LocalUserStore implements UserDirectory {
  readonly kind = 'local' as const;
  private seeding: Promise<void> | undefined;

  constructor(
    private readonly clients: AwsClients,
    /** The configuration's users, written on first use when absent. */
    private readonly seedUsers: readonly LocalUser[] = [],
  ) {}

  /**
   * Writes the configuration's users that are not in the table yet (once per
   * instance; retried on the next call if it failed). Idempotent: a user
   * already there, changed or not, is left alone.
   */
  seed(now: Date = new Date()): Promise<void> {
    this.seeding ??= (async () => {
      for (const user of this.seedUsers) {
        await this.clients.dynamo
          .send(
            new PutCommand({
              TableName: this.clients.tableName,
              Item: this.item({
                id: user.id,
                name: user.name,
                role: user.role,
                agencyId: user.agencyId ?? null,
                email: user.email ?? null,
                passwordHash: user.passwordHash,
                disabled: false,
                setPasswordHash: null,
                setPasswordExpiresAt: null,
                createdAt: now.toISOString(),
              }),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionFailure(error)) throw error;
          });
      }
    })().catch((error: unknown) => {
      this.seeding = undefined;
      throw error;
    });
    return this.seeding;
  }

  private item(user: StoredLocalUser) {
    return { ...keys.user(user.id), gsi1pk: gsi1.users, gsi1sk: user.id, type: 'user', ...user };
  }

  /** The stored user, or undefined. */
  async find(id: string): Promise<StoredLocalUser | undefined> {
    await this.seed();
    const wanted = normalizeUsername(id);
    if (!wanted) return undefined;
    const { Item: item } = await this.clients.dynamo.send(new GetCommand({ TableName: this.clients.tableName, Key: keys.user(wanted), ConsistentRead: true }));
    return item ? fromItem(item) : undefined;
  }

  /**
   * The user who may sign in with a password under this name: enabled and
   * with a password chosen; otherwise undefined (sign-in then fails the same
   * way as for an unknown name).
   */
  async findForSignIn(id: string): Promise<LocalUser | undefined> {
    const user = await this.find(id);
    if (!user || user.disabled || !user.passwordHash || !isRole(user.role)) return undefined;
    return { id: user.id, name: user.name, role: user.role, agencyId: user.agencyId, passwordHash: user.passwordHash, ...(user.email ? { email: user.email } : {}) };
  }

  async list(): Promise<DirectoryUser[]> {
    await this.seed();
    const items = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1.users },
    });
    return items.map((item) => toDirectoryUser(fromItem(item)));
  }

  async get(id: string): Promise<DirectoryUser | undefined> {
    const user = await this.find(id);
    return user ? toDirectoryUser(user) : undefined;
  }

  async invite(input: InviteInput, now: Date): Promise<{ user: DirectoryUser; delivery: PasswordDelivery }> {
    await this.seed();
    const { token, hash, expiresAt } = newSetPasswordToken(now);
    const stored: StoredLocalUser = { ...input, passwordHash: null, disabled: false, setPasswordHash: hash, setPasswordExpiresAt: expiresAt, createdAt: now.toISOString() };
    try {
      await this.clients.dynamo.send(new PutCommand({ TableName: this.clients.tableName, Item: this.item(stored), ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (isConditionFailure(error)) throw new UserDirectoryError('exists', usersVi.errors.exists(input.id));
      throw error;
    }
    return { user: toDirectoryUser(stored), delivery: { kind: 'link', userId: input.id, token, expiresAt } };
  }

  async disable(id: string): Promise<void> {
    await this.setDisabled(id, true);
  }

  async enable(id: string): Promise<void> {
    await this.setDisabled(id, false);
  }

  private async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.seed();
    try {
      await this.clients.dynamo.send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.user(id),
          UpdateExpression: 'SET disabled = :disabled',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':disabled': disabled },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new UserDirectoryError('not-found', usersVi.errors.notFound);
      throw error;
    }
  }

  /** Clears the password (the old one stops working at once) and issues a new one-time link. */
  async resetPassword(id: string, now: Date): Promise<PasswordDelivery> {
    await this.seed();
    const { token, hash, expiresAt } = newSetPasswordToken(now);
    try {
      await this.clients.dynamo.send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.user(id),
          UpdateExpression: 'SET passwordHash = :null, setPasswordHash = :hash, setPasswordExpiresAt = :expires',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':null': null, ':hash': hash, ':expires': expiresAt },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new UserDirectoryError('not-found', usersVi.errors.notFound);
      throw error;
    }
    return { kind: 'link', userId: id, token, expiresAt };
  }

  /** The user a set-password link is for, while it is valid (not used, not replaced, not expired, user enabled). */
  async checkSetPasswordToken(userId: string, token: string, now: Date): Promise<StoredLocalUser | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const user = await this.find(userId);
    if (!user || user.disabled || !user.setPasswordHash || !user.setPasswordExpiresAt) return null;
    if (Date.parse(user.setPasswordExpiresAt) <= now.getTime()) return null;
    const presented = Buffer.from(sha256Hex(token), 'hex');
    const expected = Buffer.from(user.setPasswordHash, 'hex');
    return presented.length === expected.length && timingSafeEqual(presented, expected) ? user : null;
  }

  /**
   * Sets the password chosen through a link and spends the link, in one
   * write conditional on the link still being the user's current one (a
   * second use, or a use after a newer reset, finds it gone).
   * @returns false when the link is no longer valid
   */
  async setPasswordWithToken(userId: string, token: string, password: string, now: Date): Promise<boolean> {
    const user = await this.checkSetPasswordToken(userId, token, now);
    if (!user) return false;
    const passwordHash = await hashPassword(password);
    try {
      await this.clients.dynamo.send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.user(user.id),
          UpdateExpression: 'SET passwordHash = :password REMOVE setPasswordHash, setPasswordExpiresAt',
          ConditionExpression: 'setPasswordHash = :hash AND disabled = :false',
          ExpressionAttributeValues: { ':password': passwordHash, ':hash': user.setPasswordHash, ':false': false },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

function newSetPasswordToken(now: Date): { token: string; hash: string; expiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token), expiresAt: new Date(now.getTime() + SET_PASSWORD_TTL_MS).toISOString() };
}
