/**
 * Local users: the optional `users` section of the configuration file (the
 * contract lets later features add optional sections). Only the local
 * runtime signs in with these; in AWS users live in Cognito.
 */
import * as z from 'zod';
import { isPasswordHash } from './passwords';
import { ROLES, SLUG_PATTERN, makePrincipal, type Principal } from './roles';

const slug = z.string().regex(SLUG_PATTERN, 'expected a slug of lower-case letters, digits and hyphens');

/** One local user; its id is the username typed at sign-in. */
export const localUserSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    role: z.enum(ROLES),
    /** Required for the `agency` role, absent or `null` for every other. */
    agencyId: slug.nullable().optional(),
    /** Where the product's e-mail to this user goes (the weekly digest, by role); optional. */
    email: z.string().email().optional(),
    /** `scrypt$N$r$p$salt$hash`, as `scripts/hash-password.ts` prints it. */
    passwordHash: z.string().refine(isPasswordHash, 'expected a hash printed by scripts/hash-password.ts'),
  })
  .strict()
  .superRefine((user, ctx) => {
    const agencyId = user.agencyId ?? null;
    if (user.role === 'agency' && agencyId === null) {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'an agency user needs its agencyId' });
    }
    if (user.role !== 'agency' && agencyId !== null) {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: `a ${user.role} user must not have an agencyId` });
    }
  });

/** The `users` section: a list of local users with unique ids. */
export const localUsersSchema = z.array(localUserSchema).superRefine((users, ctx) => {
  const seen = new Set<string>();
  users.forEach((user, index) => {
    if (seen.has(user.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate user id "${user.id}"` });
    seen.add(user.id);
  });
});

/** A validated local user. */
export type LocalUser = z.infer<typeof localUserSchema>;

/**
 * Turns what someone typed as a username into a user id: trimmed and lower
 * case, so "Bao " signs in as `bao` (and counts against the same rate limit).
 */
export function normalizeUsername(typed: string): string {
  return typed.normalize('NFC').trim().toLowerCase().slice(0, 128);
}

/** The user with this id (after {@link normalizeUsername}), or `undefined`. */
export function findLocalUser(users: readonly LocalUser[], id: string): LocalUser | undefined {
  const wanted = normalizeUsername(id);
  return users.find((user) => user.id === wanted);
}

/** The principal a local user becomes once signed in. */
export function principalOfLocalUser(user: LocalUser, via: Principal['via'] = 'session'): Principal {
  const principal = makePrincipal({ userId: user.id, name: user.name, role: user.role, agencyId: user.agencyId ?? null, via });
  // The schema already enforces what makePrincipal checks; reaching this is a bug.
  if (!principal) throw new Error(`local user ${user.id} does not form a valid principal`);
  return principal;
}
