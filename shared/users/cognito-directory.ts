/**
 * The {@link UserDirectory} over a Cognito user pool (AWS). The pool signs
 * users in by e-mail, so an invitation's user name is its e-mail address and
 * Cognito answers with the user's own id (its `sub`), which is what tokens
 * and sessions carry. Roles are groups — one per role and, for an agency
 * user, `agency:<id>` — read back with the same rule as sign-in
 * ({@link principalFromCognitoClaims}). Cognito sends the invitation and the
 * reset code by e-mail itself, and forces a new password at first sign-in.
 *
 * Only the api function imports this module (the SDK client stays out of
 * the other functions' bundles).
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminResetUserPasswordCommand,
  ListUsersInGroupCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { AGENCY_GROUP_PREFIX, principalFromCognitoClaims } from '../auth/cognito';
import { ROLES } from '../auth/roles';
import { usersVi } from '../web/strings-admin';
import { UserDirectoryError, type DirectoryUser, type InviteInput, type PasswordDelivery, type UserDirectory } from './directory';

const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value ?? null;

function statusOf(enabled: boolean | undefined, userStatus: string | undefined): DirectoryUser['status'] {
  if (enabled === false) return 'disabled';
  return userStatus === 'FORCE_CHANGE_PASSWORD' || userStatus === 'RESET_REQUIRED' ? 'invited' : 'active';
}

/** Maps Cognito's refusals: a missing user to `not-found`, a taken name to `exists`, the rest to `service`. */
function refusal(error: unknown, id: string): never {
  const name = (error as Error).name;
  if (name === 'UserNotFoundException') throw new UserDirectoryError('not-found', usersVi.errors.notFound);
  if (name === 'UsernameExistsException' || name === 'AliasExistsException') throw new UserDirectoryError('exists', usersVi.errors.exists(id));
  if (name === 'InvalidParameterException') throw new UserDirectoryError('invalid', usersVi.errors.service((error as Error).message));
  throw error;
}

/** Users of a Cognito pool, through the admin API. */
export class CognitoUserDirectory implements UserDirectory {
  readonly kind = 'cognito' as const;

  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /** Every user in a role group (one paginated query per role), with their agency for agency users. */
  async list(): Promise<DirectoryUser[]> {
    const seen = new Map<string, UserType>();
    for (const role of ROLES) {
      let token: string | undefined;
      do {
        const page = await this.client.send(new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: role, NextToken: token }));
        for (const user of page.Users ?? []) if (user.Username && !seen.has(user.Username)) seen.set(user.Username, user);
        token = page.NextToken;
      } while (token);
    }
    const users = await Promise.all([...seen.values()].map(async (user) => this.toDirectoryUser(user.Username!, user.Attributes, user.Enabled, user.UserStatus, user.UserCreateDate)));
    return users.filter((user): user is DirectoryUser => user !== null).sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<DirectoryUser | undefined> {
    try {
      const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: id }));
      return (await this.toDirectoryUser(user.Username ?? id, user.UserAttributes, user.Enabled, user.UserStatus, user.UserCreateDate)) ?? undefined;
    } catch (error) {
      if ((error as Error).name === 'UserNotFoundException') return undefined;
      throw error;
    }
  }

  /** Creates the user (Cognito e-mails the temporary password) and puts them in the role's group and their agency's. */
  async invite(input: InviteInput, _now: Date): Promise<{ user: DirectoryUser; delivery: PasswordDelivery }> {
    if (!input.email) throw new UserDirectoryError('invalid', usersVi.errors.emailRequired);
    let created: UserType | undefined;
    try {
      created = (
        await this.client.send(
          new AdminCreateUserCommand({
            UserPoolId: this.userPoolId,
            Username: input.email,
            UserAttributes: [
              { Name: 'email', Value: input.email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: input.name },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        )
      ).User;
    } catch (error) {
      refusal(error, input.email);
    }
    const username = created?.Username ?? input.email;
    const groups = [input.role, ...(input.role === 'agency' && input.agencyId ? [`${AGENCY_GROUP_PREFIX}${input.agencyId}`] : [])];
    for (const group of groups) await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: group }));
    return {
      user: { id: username, name: input.name, email: input.email, role: input.role, agencyId: input.agencyId, status: 'invited', createdAt: created?.UserCreateDate?.toISOString() ?? null },
      delivery: { kind: 'email', email: input.email },
    };
  }

  async disable(id: string): Promise<void> {
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: id })).catch((error: unknown) => refusal(error, id));
  }

  async enable(id: string): Promise<void> {
    await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: id })).catch((error: unknown) => refusal(error, id));
  }

  /** Cognito invalidates the password and e-mails a code; the user sets a new one at sign-in. */
  async resetPassword(id: string): Promise<PasswordDelivery> {
    const user = await this.get(id);
    if (!user) throw new UserDirectoryError('not-found', usersVi.errors.notFound);
    await this.client.send(new AdminResetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: id })).catch((error: unknown) => refusal(error, id));
    return { kind: 'email', email: user.email ?? '' };
  }

  /** The user with role and agency from their groups, or null for a user in no (valid) role group. */
  private async toDirectoryUser(
    username: string,
    attributes: AttributeType[] | undefined,
    enabled: boolean | undefined,
    userStatus: string | undefined,
    createdAt: Date | undefined,
  ): Promise<DirectoryUser | null> {
    const groups: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username, NextToken: token }));
      for (const group of page.Groups ?? []) if (group.GroupName) groups.push(group.GroupName);
      token = page.NextToken;
    } while (token);
    const name = attribute(attributes, 'name');
    const principal = principalFromCognitoClaims({ 'cognito:groups': groups, username, ...(name ? { name } : {}) }, { via: 'session' });
    if (!principal) return null;
    return {
      id: username,
      name: principal.name,
      email: attribute(attributes, 'email'),
      role: principal.role,
      agencyId: principal.agencyId,
      status: statusOf(enabled, userStatus),
      createdAt: createdAt?.toISOString() ?? null,
    };
  }
}
