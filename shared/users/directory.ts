/**
 * The user directory behind the `/users` screens (issue 8): one interface,
 * two implementations — the local user store in the table (the local
 * runtime) and the Cognito user pool (AWS). The screens and
 * {@link UserAdmin} (shared/users/service.ts) never know which one runs.
 */
import * as z from 'zod';
import { ROLES, SLUG_PATTERN, type Role } from '../auth/roles';
import { usersVi } from '../web/strings-admin';

/** A user as the admin sees it. */
export interface DirectoryUser {
  /** The sign-in name locally; the Cognito username (the user's `sub` in an e-mail pool) in AWS. */
  id: string;
  name: string;
  email: string | null;
  role: Role;
  agencyId: string | null;
  /** `invited`: created, no password chosen yet; `disabled`: may not sign in. */
  status: 'active' | 'invited' | 'disabled';
  createdAt: string | null;
}

/**
 * How the new password reaches the user: locally a one-time set-password
 * link the admin is shown once (`token` goes into the link); in Cognito an
 * e-mail Cognito sends itself.
 */
export type PasswordDelivery = { kind: 'link'; userId: string; token: string; expiresAt: string } | { kind: 'email'; email: string };

/** An invitation, validated ({@link inviteSchema}). */
export interface InviteInput {
  /** Required by the local store; Cognito ignores it (the e-mail is the user name). */
  id: string;
  name: string;
  email: string | null;
  role: Role;
  agencyId: string | null;
}

/** The operations both implementations provide. */
export interface UserDirectory {
  readonly kind: 'local' | 'cognito';
  /** Every user, ordered by id. */
  list(): Promise<DirectoryUser[]>;
  get(id: string): Promise<DirectoryUser | undefined>;
  /** @throws UserDirectoryError `exists` when the id (or e-mail) is taken */
  invite(input: InviteInput, now: Date): Promise<{ user: DirectoryUser; delivery: PasswordDelivery }>;
  /** @throws UserDirectoryError `not-found` */
  disable(id: string, now: Date): Promise<void>;
  /** @throws UserDirectoryError `not-found` */
  enable(id: string, now: Date): Promise<void>;
  /** The old password stops working; a new one is chosen through the delivery. @throws UserDirectoryError `not-found` */
  resetPassword(id: string, now: Date): Promise<PasswordDelivery>;
}

/** A refusal of the directory, with a Vietnamese message. */
export class UserDirectoryError extends Error {
  override name = 'UserDirectoryError';
  constructor(
    readonly code: 'exists' | 'not-found' | 'self' | 'last-admin' | 'invalid' | 'service',
    message: string,
  ) {
    super(message);
  }
}

const slug = z.string().regex(SLUG_PATTERN, usersVi.errors.id);
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/**
 * An invitation as a form or caller sends it: the role, and the agency for
 * (and only for) an agency user. The agency's existence is checked by
 * {@link UserAdmin}, which knows the registry.
 */
export const inviteSchema = z
  .object({
    /** The sign-in name (local store); Cognito names users by their e-mail and ignores it. */
    id: z.preprocess((value) => (typeof value === 'string' ? value.normalize('NFC').trim().toLowerCase() || undefined : value), slug.optional()),
    name: z.string().trim().min(1, usersVi.errors.name).max(200),
    email: z.preprocess(blankToNull, z.string().trim().email(usersVi.errors.email).nullable()).default(null),
    role: z.enum(ROLES, { message: usersVi.errors.role }),
    agencyId: z.preprocess(blankToNull, slug.nullable()).default(null),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.role === 'agency' && input.agencyId === null) ctx.addIssue({ code: 'custom', path: ['agencyId'], message: usersVi.errors.agencyRequired });
    if (input.role !== 'agency' && input.agencyId !== null) ctx.addIssue({ code: 'custom', path: ['agencyId'], message: usersVi.errors.agencyNotAllowed });
  });

/**
 * Whether `actor` may disable `target` among `users`: never themselves,
 * never the last active admin. Returns the refusal, or null.
 */
export function disableRefusal(actorId: string, target: DirectoryUser, users: readonly DirectoryUser[]): UserDirectoryError | null {
  if (target.id === actorId) return new UserDirectoryError('self', usersVi.errors.self);
  if (target.role === 'admin' && target.status !== 'disabled') {
    const otherAdmins = users.filter((user) => user.role === 'admin' && user.status === 'active' && user.id !== target.id);
    if (otherAdmins.length === 0) return new UserDirectoryError('last-admin', usersVi.errors.lastAdmin);
  }
  return null;
}
