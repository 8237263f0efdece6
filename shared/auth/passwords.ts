/**
 * Password hashes for the local demo users: scrypt from node:crypto, so no
 * native or extra package enters the bundle. Stored as
 * `scrypt$N$r$p$<salt base64>$<hash base64>` so the cost can rise later
 * while old hashes still verify.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Cost parameters of new hashes (OWASP's scrypt minimum: N=2^14, r=8, p=1 is 16 MiB of memory). */
export const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

// Limits on what a stored hash may ask for: a tampered configuration must
// not make one sign-in cost gigabytes of memory or minutes of CPU.
const MAX_N = 2 ** 17;
const MAX_R = 16;
const MAX_P = 4;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

// Enough memory for the largest hash we accept (128·N·r bytes plus headroom);
// node's default 32 MiB would refuse N=2^17.
const maxmem = (N: number, r: number) => 128 * N * r * 2;

/**
 * Hashes a password with a fresh random salt (or the given one, for
 * reproducible demo data only).
 */
export async function hashPassword(plain: string, options: { salt?: Buffer } = {}): Promise<string> {
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  if (salt.length < 8) throw new Error('salt must be at least 8 bytes');
  const { N, r, p } = SCRYPT_PARAMS;
  const key = await scrypt(plain.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A stored hash taken apart, or `null` when it is not one we produce. */
export interface ParsedPasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

const positiveInt = (text: string | undefined) => (text && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN);

/** Parses a stored hash; `null` when malformed or outside the accepted cost limits. */
export function parsePasswordHash(stored: unknown): ParsedPasswordHash | null {
  if (typeof stored !== 'string' || stored.length > 512) return null;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [positiveInt(parts[1]), positiveInt(parts[2]), positiveInt(parts[3])];
  if (!(N >= 2 && N <= MAX_N && (N & (N - 1)) === 0)) return null;
  if (!(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return null;
  const [saltText, keyText] = [parts[4] ?? '', parts[5] ?? ''];
  if (!BASE64.test(saltText) || !BASE64.test(keyText)) return null;
  const salt = Buffer.from(saltText, 'base64');
  const key = Buffer.from(keyText, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { N, r, p, salt, key };
}

/** True when `stored` is a well-formed hash {@link verifyPassword} would accept (the configuration checks this at load). */
export function isPasswordHash(stored: unknown): boolean {
  return parsePasswordHash(stored) !== null;
}

/**
 * Checks a password against a stored hash in constant time. A malformed
 * hash is refused (`false`), never thrown: a bad entry in the configuration
 * must not turn a sign-in into a 500.
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed || typeof plain !== 'string') return false;
  const { N, r, p, salt, key } = parsed;
  const candidate = await scrypt(plain.normalize('NFC'), salt, key.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(candidate, key);
}

/**
 * A valid hash of a random password, verified against when the username is
 * unknown, so "no such user" takes as long as "wrong password" and timing
 * does not tell which usernames exist.
 */
export const DUMMY_PASSWORD_HASH = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$${randomBytes(SALT_BYTES).toString('base64')}$${randomBytes(KEY_BYTES).toString('base64')}`;
