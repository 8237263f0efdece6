/**
 * Browser sessions, kept server-side in the one DynamoDB table. The cookie
 * carries 32 random bytes; the table stores only their SHA-256, so a copy
 * of the table (a backup, an export) signs nobody in. DynamoDB's TTL on
 * `expiresAt` removes old sessions eventually; {@link SessionStore.get}
 * refuses them at once, since TTL deletion can lag by days.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../store/clients';
import { gsi1, keys } from '../store/table';
import { readCookie, serializeCookie } from './cookies';
import { makePrincipal, type Principal } from './roles';
import { queryItems } from '../store/query';

/** The session cookie's name. */
export const SESSION_COOKIE = 'cchc_session';

/** How long a session lasts: one working day, not sliding, so a stolen cookie dies by evening. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

/** A live session as {@link SessionStore.get} returns it. */
export interface Session {
  principal: Principal;
  /** The synchronizer token state-changing forms must echo (see csrf.ts). */
  csrfToken: string;
  createdAt: string;
  /** Epoch seconds (the table's TTL attribute). */
  expiresAt: number;
}

/** SHA-256 hex of a secret: the key under which a session or token is stored. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const randomToken = () => randomBytes(32).toString('base64url');
const epochSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

// 32 bytes in base64url without padding: anything else is not our cookie
// and costs no database read.
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** Sessions in the table: create on sign-in, look up per request, destroy on sign-out. */
export class SessionStore {
  constructor(private readonly clients: AwsClients) {}

  /** Starts a session for `principal`; the cookie value is returned once and stored only as its hash. */
  async create(principal: Principal, now: Date): Promise<{ cookieValue: string; csrfToken: string; expiresAt: number }> {
    const cookieValue = randomToken();
    const csrfToken = randomToken();
    const expiresAt = epochSeconds(now) + SESSION_LIFETIME_SECONDS;
    await this.clients.dynamo.send(
      new PutCommand({
        TableName: this.clients.tableName,
        Item: {
          ...keys.session(sha256Hex(cookieValue)),
          type: 'session',
          // Indexed by user, so disabling a user ends every session at once.
          gsi1pk: gsi1.userSessions(principal.userId),
          gsi1sk: `${now.toISOString()}#${sha256Hex(cookieValue)}`,
          userId: principal.userId,
          name: principal.name,
          role: principal.role,
          agencyId: principal.agencyId,
          csrfToken,
          createdAt: now.toISOString(),
          expiresAt,
        },
        // 256 random bits never collide; the condition makes "never overwrite" explicit anyway.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { cookieValue, csrfToken, expiresAt };
  }

  /** The live session for a cookie value, or `null` (unknown, malformed or expired). */
  async get(cookieValue: string | undefined | null, now: Date): Promise<Session | null> {
    if (!cookieValue || !COOKIE_VALUE.test(cookieValue)) return null;
    const { Item: item } = await this.clients.dynamo.send(
      new GetCommand({ TableName: this.clients.tableName, Key: keys.session(sha256Hex(cookieValue)), ConsistentRead: true }),
    );
    if (!item || typeof item.expiresAt !== 'number' || item.expiresAt <= epochSeconds(now)) return null;
    const principal = makePrincipal({ userId: item.userId, name: item.name, role: item.role, agencyId: item.agencyId, via: 'session' });
    if (!principal || typeof item.csrfToken !== 'string') return null;
    return { principal, csrfToken: item.csrfToken, createdAt: String(item.createdAt), expiresAt: item.expiresAt };
  }

  /**
   * Ends every session of a user (a disabled user, a password reset): one
   * indexed query of that user's sessions, then a delete each. Returns how
   * many were ended.
   */
  async destroyForUser(userId: string): Promise<number> {
    const sessions = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1.userSessions(userId) },
      ProjectionExpression: 'pk, sk',
    });
    for (const item of sessions) await this.clients.dynamo.send(new DeleteCommand({ TableName: this.clients.tableName, Key: { pk: item.pk, sk: item.sk } }));
    return sessions.length;
  }

  /** Ends a session (sign-out). Unknown or malformed values are ignored. */
  async destroy(cookieValue: string | undefined | null): Promise<void> {
    if (!cookieValue || !COOKIE_VALUE.test(cookieValue)) return;
    await this.clients.dynamo.send(new DeleteCommand({ TableName: this.clients.tableName, Key: keys.session(sha256Hex(cookieValue)) }));
  }
}

/**
 * The `Set-Cookie` value that hands the browser its session.
 *
 * SameSite=Lax, not Strict: in AWS the user comes back from Cognito's
 * sign-in page by a top-level redirect from another site to
 * `/auth/callback`, and on the page after it. Strict would withhold the cookie on
 * those cross-site navigations (and on every link from an e-mail or chat),
 * so the user would look signed out right after signing in. Lax still
 * withholds it from cross-site POSTs, frames and fetches, which is what
 * CSRF needs; the synchronizer token and the Origin check do the rest.
 *
 * `secure` defaults to true (always in AWS). Locally the app is served on
 * http://127.0.0.1 / http://localhost, which browsers treat as potentially
 * trustworthy, so Secure cookies are still kept there.
 */
export function sessionCookie(value: string, options: { secure?: boolean } = {}): string {
  return serializeCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    secure: options.secure ?? true,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_LIFETIME_SECONDS,
  });
}

/** The `Set-Cookie` value that removes the session cookie (sign-out). */
export function clearSessionCookie(options: { secure?: boolean } = {}): string {
  return serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure: options.secure ?? true, sameSite: 'Lax', path: '/', maxAge: 0 });
}

/** The session cookie's value from a `Cookie` header or API Gateway's `cookies` array. */
export function readSessionCookie(source: string | readonly string[] | undefined | null): string | undefined {
  return readCookie(SESSION_COOKIE, source);
}
