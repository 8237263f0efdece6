/**
 * Prints the scrypt hash of a password read from standard input, for the
 * `users` section of the configuration file:
 *
 *   printf '%s' 'bao-2026' | node bin/run-ts.mjs scripts/hash-password.ts
 *   printf '%s' 'bao-2026' | node bin/run-ts.mjs scripts/hash-password.ts --demo-salt bao
 *
 * The password comes on stdin, not as an argument, so it stays out of the
 * shell history and the process list. `--demo-salt TEXT` derives the salt
 * from TEXT (the first 16 bytes of its SHA-256) so the demo users' hashes
 * are reproducible — for demo data only; real users get a random salt.
 */
import { createHash } from 'node:crypto';
import { hashPassword } from '../shared/auth/passwords';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  // One trailing newline is what `echo` or typing adds; it is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const args = process.argv.slice(2);
const saltIndex = args.indexOf('--demo-salt');
const saltText = saltIndex >= 0 ? args[saltIndex + 1] : undefined;
if ((saltIndex >= 0 && !saltText) || args.some((a, i) => a !== '--demo-salt' && i !== saltIndex + 1)) {
  process.stderr.write('usage: hash-password.ts [--demo-salt TEXT] < password\n');
  process.exit(2);
}
const password = await readStdin();
if (!password) {
  process.stderr.write('no password on standard input\n');
  process.exit(2);
}
const salt = saltText ? createHash('sha256').update(saltText).digest().subarray(0, 16) : undefined;
process.stdout.write(`${await hashPassword(password, salt ? { salt } : {})}\n`);
