/** The configured roles' enabled members from the user pool: a chunk of its own, imported by the send run only. */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoRoleMembers } from '../../shared/digest/directory-recipients';
import type { DigestConfig, RecipientUser } from '../../shared/digest/config';

export const roleMembers = (region: string | undefined, userPoolId: string, roles: DigestConfig['recipients']['roles']): Promise<RecipientUser[]> =>
  cognitoRoleMembers(new CognitoIdentityProviderClient({ region }), userPoolId, roles);
