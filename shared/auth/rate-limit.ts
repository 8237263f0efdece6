/**
 * Sign-in attempts, rate limited in fixed 15-minute windows kept in
 * DynamoDB (so every Lambda instance sees the same counts): at most 5
 * failures per username and 20 per client IP in a window. The username
 * limit stops guessing one account's password; the IP limit stops one
 * client from trying a few passwords against every account.
 *
 * Fixed windows are simple and need one atomic ADD per failure; the price
 * is that a patient attacker gets up to twice the limit around a window
 * boundary, which still keeps guessing hopeless against real passwords.
 */
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../store/clients';
import { keys } from '../store/table';
import { vietnamParts } from '../time/vietnam';
import { normalizeUsername } from './users';

/** The limits; the defaults are the product's. */
export interface RateLimits {
  windowMinutes: number;
  maxFailuresPerUser: number;
  maxFailuresPerIp: number;
}

/** 15-minute windows, 5 failures per username, 20 per IP. */
export const DEFAULT_RATE_LIMITS: RateLimits = { windowMinutes: 15, maxFailuresPerUser: 5, maxFailuresPerIp: 20 };

/** The outcome of {@link SignInRateLimiter.checkAllowed}. */
export type RateDecision = { allowed: true } | { allowed: false; retryAt: Date; message: string };

/** "Too many failed sign-ins. Try again after HH:MM." — HH:MM in Vietnam time. */
export function rateLimitMessage(retryAt: Date): string {
  const p = vietnamParts(retryAt);
  const two = (n: number) => String(n).padStart(2, '0');
  return `Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau ${two(p.hour)}:${two(p.minute)}.`;
}

// Counter keys: bounded in length, so a 10 kB "username" cannot make a
// 10 kB partition key (DynamoDB's limit is 2 kB).
const userKey = (username: string) => `user:${normalizeUsername(username).slice(0, 64)}`;
const ipKey = (ip: string) => `ip:${ip.trim().toLowerCase().slice(0, 64) || 'unknown'}`;

/** Failure counters per window, in the table (`keys.signInAttempts`, TTL on `expiresAt`). */
export class SignInRateLimiter {
  private readonly limits: RateLimits;

  constructor(
    private readonly clients: AwsClients,
    limits: Partial<RateLimits> = {},
  ) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...limits };
  }

  /** The window `now` falls in: its start (the sort key) and end (when to retry). */
  window(now: Date): { start: Date; end: Date } {
    const length = this.limits.windowMinutes * 60_000;
    const start = Math.floor(now.getTime() / length) * length;
    return { start: new Date(start), end: new Date(start + length) };
  }

  /**
   * May this username try to sign in from this IP now? Ask before verifying
   * the password. Check and count are separate requests, so a burst of
   * parallel attempts can overshoot the limit by the burst's size once; each
   * still pays a full scrypt, and the next check refuses them all.
   */
  async checkAllowed(username: string, clientIp: string, now: Date): Promise<RateDecision> {
    const { start, end } = this.window(now);
    const sk = start.toISOString();
    const wanted = [keys.signInAttempts(userKey(username), sk), keys.signInAttempts(ipKey(clientIp), sk)];
    const result = await this.clients.dynamo.send(
      new BatchGetCommand({ RequestItems: { [this.clients.tableName]: { Keys: wanted, ConsistentRead: true } } }),
    );
    // Unprocessed keys are rare (throttling); count them as zero rather than lock everyone out.
    const counts = new Map((result.Responses?.[this.clients.tableName] ?? []).map((item) => [item.pk as string, Number(item.failures ?? 0)]));
    const userFailures = counts.get(wanted[0]!.pk) ?? 0;
    const ipFailures = counts.get(wanted[1]!.pk) ?? 0;
    if (userFailures >= this.limits.maxFailuresPerUser || ipFailures >= this.limits.maxFailuresPerIp) {
      return { allowed: false, retryAt: end, message: rateLimitMessage(end) };
    }
    return { allowed: true };
  }

  /** Counts one failed sign-in against the username and the IP (atomic ADD; the items expire with their window). */
  async recordFailure(username: string, clientIp: string, now: Date): Promise<void> {
    const { start, end } = this.window(now);
    const sk = start.toISOString();
    // Kept an hour past the window's end: TTL deletion is lazy anyway, and a
    // later read of a past window never matters.
    const expiresAt = Math.floor(end.getTime() / 1000) + 3600;
    await Promise.all(
      [userKey(username), ipKey(clientIp)].map((who) =>
        this.clients.dynamo.send(
          new UpdateCommand({
            TableName: this.clients.tableName,
            Key: keys.signInAttempts(who, sk),
            UpdateExpression: 'ADD failures :one SET expiresAt = :expiresAt, #type = :type',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':one': 1, ':expiresAt': expiresAt, ':type': 'signin-attempts' },
          }),
        ),
      ),
    );
  }
}
