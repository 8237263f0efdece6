/**
 * What the `/users` screens do, over either {@link UserDirectory}: invite
 * (validated, the agency checked against the registry), disable — never
 * oneself, never the last active admin — with every session and API token
 * of the user ended at once, enable, and reset a password.
 */
import type { ZodIssue } from 'zod';
import type { SessionStore } from '../auth/sessions';
import type { ApiTokenStore } from '../auth/tokens';
import { usersVi } from '../web/strings-admin';
import { UserDirectoryError, disableRefusal, inviteSchema, type DirectoryUser, type PasswordDelivery, type UserDirectory } from './directory';

/** The user admin's dependencies. */
export interface UserAdminDeps {
  directory: UserDirectory;
  sessions: Pick<SessionStore, 'destroyForUser'>;
  tokens: Pick<ApiTokenStore, 'list' | 'revoke'>;
  /** Whether an agency id is in the registry. */
  agencyExists(agencyId: string): Promise<boolean>;
}

const firstMessage = (issues: readonly ZodIssue[]) => issues[0]?.message ?? usersVi.errors.role;

/** Invite, disable, enable, reset — the same for the local store and Cognito. */
export class UserAdmin {
  constructor(private readonly deps: UserAdminDeps) {}

  /** Which implementation runs (the page explains how passwords reach users). */
  get kind(): UserDirectory['kind'] {
    return this.deps.directory.kind;
  }

  list(): Promise<DirectoryUser[]> {
    return this.deps.directory.list();
  }

  get(id: string): Promise<DirectoryUser | undefined> {
    return this.deps.directory.get(id);
  }

  /**
   * Invites a user.
   * @throws UserDirectoryError `invalid` (with the field's message) or `exists`
   */
  async invite(raw: unknown, now: Date): Promise<{ user: DirectoryUser; delivery: PasswordDelivery }> {
    const parsed = inviteSchema.safeParse(raw);
    if (!parsed.success) throw new UserDirectoryError('invalid', firstMessage(parsed.error.issues));
    const input = parsed.data;
    if (this.kind === 'local' && !input.id) throw new UserDirectoryError('invalid', usersVi.errors.id);
    if (this.kind === 'cognito' && !input.email) throw new UserDirectoryError('invalid', usersVi.errors.emailRequired);
    if (input.agencyId && !(await this.deps.agencyExists(input.agencyId))) throw new UserDirectoryError('invalid', usersVi.errors.agencyUnknown(input.agencyId));
    return this.deps.directory.invite({ id: input.id ?? input.email!, name: input.name, email: input.email, role: input.role, agencyId: input.agencyId }, now);
  }

  /**
   * Disables a user and ends their sessions and API tokens (a token acts as
   * its user, so it must not outlive the user's access).
   * @throws UserDirectoryError `self`, `last-admin` or `not-found`
   */
  async disable(actorId: string, id: string, now: Date): Promise<void> {
    const users = await this.deps.directory.list();
    const target = users.find((user) => user.id === id) ?? (await this.deps.directory.get(id));
    if (!target) throw new UserDirectoryError('not-found', usersVi.errors.notFound);
    const refused = disableRefusal(actorId, target, users);
    if (refused) throw refused;
    await this.deps.directory.disable(id, now);
    await this.endAccess(id, now);
  }

  /** @throws UserDirectoryError `not-found` */
  async enable(id: string, now: Date): Promise<void> {
    await this.deps.directory.enable(id, now);
  }

  /**
   * Resets a password: the old one stops working and the user's sessions end.
   * @throws UserDirectoryError `not-found`
   */
  async resetPassword(id: string, now: Date): Promise<PasswordDelivery> {
    const delivery = await this.deps.directory.resetPassword(id, now);
    await this.deps.sessions.destroyForUser(id);
    return delivery;
  }

  private async endAccess(userId: string, now: Date): Promise<void> {
    await this.deps.sessions.destroyForUser(userId);
    for (const token of await this.deps.tokens.list()) {
      if (token.userId === userId && !token.revokedAt) await this.deps.tokens.revoke(token.id, now);
    }
  }
}
