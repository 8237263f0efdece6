/** The user pool's directory with its client: a chunk of its own (see cognito-on-first-use.ts). Named imports, so esbuild keeps only what is used. */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserDirectory } from './cognito-directory';

export const createCognitoDirectory = (region: string | undefined, userPoolId: string) => new CognitoUserDirectory(new CognitoIdentityProviderClient({ region }), userPoolId);
