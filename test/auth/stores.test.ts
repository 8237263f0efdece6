import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { keys } from '../../shared/store/table';
import { SessionStore, SESSION_LIFETIME_SECONDS, clearSessionCookie, readSessionCookie, sessionCookie, sha256Hex } from '../../shared/auth/sessions';
import { ApiTokenStore } from '../../shared/auth/tokens';
import { SignInRateLimiter, rateLimitMessage } from '../../shared/auth/rate-limit';
import type { Principal } from '../../shared/auth/roles';

const now = new Date('2026-11-23T03:00:00Z'); // 10:00 in Vietnam
const editor: Principal = { userId: 'bao', name: 'Biên tập viên Báo Bình Định', role: 'editor-newspaper', agencyId: null, via: 'session' };
const agencyUser: Principal = { userId: 'sotuphap', name: 'Cán bộ Sở Tư pháp', role: 'agency', agencyId: 'so-tu-phap', via: 'session' };
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('sessions', () => {
  it('creates a session, stores only the hash of the cookie, and finds it again', async () => {
    const clients = await freshStores();
    const sessions = new SessionStore(clients);
    const created = await sessions.create(agencyUser, now);
    expect(created.cookieValue).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt).toBe(Math.floor(now.getTime() / 1000) + 12 * 3600);

    const { Item } = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.session(sha256Hex(created.cookieValue)) }));
    expect(Item).toBeDefined();
    expect(JSON.stringify(Item)).not.toContain(created.cookieValue);
    expect(Item!.expiresAt).toBe(created.expiresAt);

    const session = await sessions.get(created.cookieValue, later(60));
    expect(session).toEqual({ principal: agencyUser, csrfToken: created.csrfToken, createdAt: now.toISOString(), expiresAt: created.expiresAt });
  });

  it('refuses an expired session before TTL deletes it, and unknown or malformed cookies', async () => {
    const sessions = new SessionStore(await freshStores());
    const { cookieValue } = await sessions.create(editor, now);
    expect(await sessions.get(cookieValue, later(SESSION_LIFETIME_SECONDS - 1))).not.toBeNull();
    expect(await sessions.get(cookieValue, later(SESSION_LIFETIME_SECONDS))).toBeNull();
    expect(await sessions.get('A'.repeat(43), now)).toBeNull();
    expect(await sessions.get('short', now)).toBeNull();
    expect(await sessions.get(`${cookieValue}x`, now)).toBeNull();
    expect(await sessions.get(undefined, now)).toBeNull();
  });

  it('destroys a session on sign-out', async () => {
    const sessions = new SessionStore(await freshStores());
    const { cookieValue } = await sessions.create(editor, now);
    await sessions.destroy(cookieValue);
    expect(await sessions.get(cookieValue, now)).toBeNull();
    await expect(sessions.destroy('garbage')).resolves.toBeUndefined();
  });

  it('builds the cookie HttpOnly, SameSite=Lax, Path=/, Secure by default, for 12 hours', () => {
    expect(sessionCookie('abc')).toBe('cchc_session=abc; Path=/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax');
    expect(sessionCookie('abc', { secure: false })).toBe('cchc_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax');
    expect(clearSessionCookie()).toBe('cchc_session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax');
    expect(() => sessionCookie('a;b')).toThrow();
  });

  it('reads the cookie from a Cookie header or API Gateway cookies array', () => {
    expect(readSessionCookie('theme=dark; cchc_session=abc; other=1')).toBe('abc');
    expect(readSessionCookie(['theme=dark', 'cchc_session=xyz'])).toBe('xyz');
    expect(readSessionCookie('xcchc_session=abc')).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
  });
});

describe('API tokens', () => {
  const input = { userId: 'cong-thong-tin', name: 'Cổng thông tin tỉnh', role: 'editor-tv' as const, agencyId: null, label: 'Cổng thông tin' };

  it('issues a token once, stores only its hash, and verifies it as a token principal', async () => {
    const clients = await freshStores();
    const tokens = new ApiTokenStore(clients);
    const { token, info } = await tokens.issue(input, now);
    expect(token).toMatch(/^cchc_[A-Za-z0-9_-]{43}$/);
    expect(info.id).toBe(sha256Hex(token));
    const { Item } = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: keys.apiToken(info.id) }));
    expect(JSON.stringify(Item)).not.toContain(token);
    expect(Item).toMatchObject({ gsi1pk: 'TOKENS', gsi1sk: `${now.toISOString()}#${info.id}` });
    expect(Item!.expiresAt).toBeUndefined();
    expect(await tokens.verify(token, later(86_400 * 365))).toEqual({
      userId: 'cong-thong-tin', name: 'Cổng thông tin tỉnh', role: 'editor-tv', agencyId: null, via: 'token',
    });
  });

  it('refuses unknown, malformed, revoked and expired tokens', async () => {
    const tokens = new ApiTokenStore(await freshStores());
    const { token, info } = await tokens.issue(input, now);
    expect(await tokens.verify(`cchc_${'A'.repeat(43)}`, now)).toBeNull();
    expect(await tokens.verify(token.slice(0, -1), now)).toBeNull();
    expect(await tokens.verify('Bearer', now)).toBeNull();
    expect(await tokens.revoke(info.id, later(5))).toBe(true);
    expect(await tokens.verify(token, now)).toBeNull();
    expect(await tokens.revoke('0'.repeat(64))).toBe(false);
    expect(await tokens.revoke('not-an-id')).toBe(false);

    const expiring = await tokens.issue({ ...input, expiresAt: later(3600) }, now);
    expect(await tokens.verify(expiring.token, later(3599))).not.toBeNull();
    expect(await tokens.verify(expiring.token, later(3600))).toBeNull();
  });

  it('lists tokens newest first without the tokens, revoked ones marked', async () => {
    const tokens = new ApiTokenStore(await freshStores());
    const first = await tokens.issue({ ...input, label: 'một' }, now);
    const second = await tokens.issue({ ...agencyUser, label: 'hai' }, later(10));
    await tokens.revoke(first.info.id, later(20));
    const list = await tokens.list();
    expect(list.map((t) => t.label)).toEqual(['hai', 'một']);
    expect(list[0]).toEqual({ ...second.info });
    expect(list[1]!.revokedAt).toBe(later(20).toISOString());
    expect(JSON.stringify(list)).not.toContain(first.token);
  });

  it('refuses to issue an agency token without an agency, or any token without a label', async () => {
    const tokens = new ApiTokenStore(await freshStores());
    await expect(tokens.issue({ ...input, role: 'agency' }, now)).rejects.toThrow(/agencyId/);
    await expect(tokens.issue({ ...input, agencyId: 'so-tu-phap' }, now)).rejects.toThrow(/agencyId/);
    await expect(tokens.issue({ ...input, label: '  ' }, now)).rejects.toThrow(/label/);
  });
});

describe('sign-in rate limit', () => {
  it('allows 5 failures per username in a 15-minute window, then says when to retry (Vietnam time)', async () => {
    const limiter = new SignInRateLimiter(await freshStores());
    for (let n = 0; n < 5; n++) {
      expect(await limiter.checkAllowed('bao', '10.0.0.1', now)).toEqual({ allowed: true });
      await limiter.recordFailure('bao', '10.0.0.1', now);
    }
    const blocked = await limiter.checkAllowed('BAO', '10.0.0.2', later(60));
    expect(blocked).toEqual({
      allowed: false,
      retryAt: new Date('2026-11-23T03:15:00Z'),
      message: 'Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 10:15.',
    });
    // Another user from the same IP is not affected, and the next window starts fresh.
    expect(await limiter.checkAllowed('noivu', '10.0.0.1', now)).toEqual({ allowed: true });
    expect(await limiter.checkAllowed('bao', '10.0.0.1', new Date('2026-11-23T03:15:00Z'))).toEqual({ allowed: true });
  });

  it('allows 20 failures per IP across usernames, counted atomically under concurrency', async () => {
    const limiter = new SignInRateLimiter(await freshStores());
    await Promise.all(Array.from({ length: 20 }, (_, n) => limiter.recordFailure(`user-${n}`, '203.0.113.9', now)));
    const blocked = await limiter.checkAllowed('quantri', '203.0.113.9', now);
    expect(blocked.allowed).toBe(false);
    expect(await limiter.checkAllowed('quantri', '203.0.113.10', now)).toEqual({ allowed: true });
  });

  it('sets the TTL attribute on the counters and keeps keys short for absurd input', async () => {
    const clients = await freshStores();
    const limiter = new SignInRateLimiter(clients);
    await limiter.recordFailure('x'.repeat(5000), ' 10.0.0.1 ', now);
    const { Item } = await clients.dynamo.send(
      new GetCommand({ TableName: clients.tableName, Key: keys.signInAttempts('ip:10.0.0.1', '2026-11-23T03:00:00.000Z') }),
    );
    expect(Item).toMatchObject({ failures: 1, expiresAt: Math.floor(Date.parse('2026-11-23T03:15:00Z') / 1000) + 3600 });
    expect((await limiter.checkAllowed('x'.repeat(5000), '10.0.0.1', now)).allowed).toBe(true);
  });

  it('formats the retry time in Vietnam time across midnight UTC', () => {
    expect(rateLimitMessage(new Date('2026-11-23T17:00:00Z'))).toBe('Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 00:00.');
  });
});
