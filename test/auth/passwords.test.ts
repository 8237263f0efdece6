import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, isPasswordHash, parsePasswordHash, verifyPassword } from '../../shared/auth/passwords';
import { DEMO_HASHES, DEMO_PASSWORDS, DEMO_USERS } from './demo-users';
import { findLocalUser, localUserSchema, localUsersSchema, principalOfLocalUser } from '../../shared/auth/users';

describe('password hashes', () => {
  it('hashes as scrypt$16384$8$1$salt$hash with a 16-byte salt and a 32-byte key, fresh salt each time', async () => {
    const a = await hashPassword('bao-2026');
    const b = await hashPassword('bao-2026');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    const parsed = parsePasswordHash(a)!;
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.key).toHaveLength(32);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('mật-khẩu-2026');
    expect(await verifyPassword('mật-khẩu-2026', stored)).toBe(true);
    expect(await verifyPassword('mật-khẩu-2027', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats composed and decomposed Vietnamese the same (NFC)', async () => {
    const stored = await hashPassword('Bình Định'.normalize('NFD'));
    expect(await verifyPassword('Bình Định'.normalize('NFC'), stored)).toBe(true);
  });

  it('is deterministic with a given salt (demo data only)', async () => {
    const salt = Buffer.alloc(16, 7);
    expect(await hashPassword('x', { salt })).toBe(await hashPassword('x', { salt }));
    await expect(hashPassword('x', { salt: Buffer.alloc(4) })).rejects.toThrow(/salt/);
  });

  const good = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  it.each([
    ['empty', ''],
    ['plain text', 'bao-2026'],
    ['another algorithm', good.replace('scrypt', 'bcrypt')],
    ['missing part', good.split('$').slice(0, 5).join('$')],
    ['extra part', `${good}$x`],
    ['N not a power of two', good.replace('16384', '16383')],
    ['N too large (memory bomb)', good.replace('16384', String(2 ** 24))],
    ['r zero', good.replace('$8$', '$0$')],
    ['p huge', good.replace('$8$1$', '$8$99$')],
    ['leading zero', good.replace('$8$', '$08$')],
    ['salt not base64', good.replace('AAAAAAAAAAAAAAAAAAAAAA==', 'not base64!')],
    ['key too short', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'],
    ['huge input', `scrypt$16384$8$1$${'A'.repeat(1000)}$AAAA`],
  ])('refuses a malformed hash (%s) cleanly, without throwing', async (_name, stored) => {
    expect(isPasswordHash(stored)).toBe(false);
    await expect(verifyPassword('bao-2026', stored)).resolves.toBe(false);
  });

  it('has a well-formed dummy hash for unknown users (same cost as real ones)', async () => {
    expect(isPasswordHash(DUMMY_PASSWORD_HASH)).toBe(true);
    expect(DUMMY_PASSWORD_HASH.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('anything', DUMMY_PASSWORD_HASH)).toBe(false);
  });

  it('prints a verifiable hash from the CLI helper, password on stdin', async () => {
    const out = execFileSync(process.execPath, ['bin/run-ts.mjs', 'scripts/hash-password.ts', '--demo-salt', 'cchc-demo:bao'], {
      input: 'bao-2026\n',
      encoding: 'utf8',
    }).trim();
    expect(out).toBe(DEMO_HASHES.bao);
    expect(await verifyPassword('bao-2026', out)).toBe(true);
  });
});

describe('local users', () => {
  it('accepts the demo users, one per role, and each signs in with its README password', async () => {
    const users = localUsersSchema.parse(DEMO_USERS);
    expect(new Set(users.map((u) => u.role)).size).toBe(5);
    for (const user of users) {
      expect(await verifyPassword(DEMO_PASSWORDS[user.id]!, user.passwordHash)).toBe(true);
      expect(await verifyPassword('sai-mat-khau', user.passwordHash)).toBe(false);
    }
  });

  it('requires an agencyId for agency users and refuses one for the others', () => {
    const hash = DEMO_HASHES.bao;
    expect(localUserSchema.safeParse({ id: 'x', name: 'X', role: 'agency', passwordHash: hash }).success).toBe(false);
    expect(localUserSchema.safeParse({ id: 'x', name: 'X', role: 'agency', agencyId: null, passwordHash: hash }).success).toBe(false);
    expect(localUserSchema.safeParse({ id: 'x', name: 'X', role: 'admin', agencyId: 'so-tu-phap', passwordHash: hash }).success).toBe(false);
    expect(localUserSchema.safeParse({ id: 'x', name: 'X', role: 'admin', agencyId: null, passwordHash: hash }).success).toBe(true);
    expect(localUserSchema.safeParse({ id: 'x', name: 'X', role: 'admin', passwordHash: hash }).success).toBe(true);
  });

  it('refuses bad ids, unknown roles, plain-text passwords, extra fields and duplicates', () => {
    const base = { id: 'x', name: 'X', role: 'admin', passwordHash: DEMO_HASHES.bao };
    expect(localUserSchema.safeParse({ ...base, id: 'Bảo' }).success).toBe(false);
    expect(localUserSchema.safeParse({ ...base, role: 'root' }).success).toBe(false);
    expect(localUserSchema.safeParse({ ...base, passwordHash: 'bao-2026' }).success).toBe(false);
    expect(localUserSchema.safeParse({ ...base, password: 'bao-2026' }).success).toBe(false);
    expect(localUsersSchema.safeParse([base, base]).success).toBe(false);
  });

  it('finds a user by id, ignoring case and surrounding spaces, and makes its principal', () => {
    const users = localUsersSchema.parse(DEMO_USERS);
    expect(findLocalUser(users, ' SoTuPhap ')?.id).toBe('sotuphap');
    expect(findLocalUser(users, 'nobody')).toBeUndefined();
    expect(principalOfLocalUser(findLocalUser(users, 'sotuphap')!)).toEqual({
      userId: 'sotuphap', name: 'Cán bộ Sở Tư pháp', role: 'agency', agencyId: 'so-tu-phap', via: 'session',
    });
  });
});
