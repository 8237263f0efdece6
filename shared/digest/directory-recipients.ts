/**
 * The digest's recipients read from the user directory at send time, so a
 * user invited on /users gets the next digest and a disabled one does not —
 * no redeploy, no configuration edit. Roles come from the configuration's
 * `digest.recipients.roles`; the listed `emails` are always added.
 */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { DirectoryUser } from '../users/directory';
import { resolveRecipients, type DigestConfig, type RecipientUser } from './config';

/** The recipients among directory users: active or invited (not disabled) members of the roles. */
export function recipientsFromDirectory(config: DigestConfig | undefined, users: readonly Pick<DirectoryUser, 'role' | 'email' | 'status'>[]): string[] {
  return resolveRecipients(config, users.filter((user) => user.status !== 'disabled'));
}

/**
 * The enabled members of each role's Cognito group with an e-mail, one
 * paginated `ListUsersInGroup` per role — the only Cognito call the digest
 * function may make.
 */
export async function cognitoRoleMembers(client: CognitoIdentityProviderClient, userPoolId: string, roles: readonly string[]): Promise<RecipientUser[]> {
  const members: RecipientUser[] = [];
  for (const role of roles) {
    let token: string | undefined;
    do {
      const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: role, NextToken: token }));
      for (const user of page.Users ?? []) {
        const email = user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value;
        if (user.Enabled !== false && email) members.push({ role, email });
      }
      token = page.NextToken;
    } while (token);
  }
  return members;
}
