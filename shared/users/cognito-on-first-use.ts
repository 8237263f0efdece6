/**
 * Cognito's admin API (the api's users page), built on first use. In the
 * bundle it is then a chunk (≈ 40 KB with its SDK client) that a cold start
 * serving a page or an API call never compiles. SES is done the same way
 * (shared/mail/ses-on-first-use.ts).
 */
import type { UserDirectory } from './directory';
import { loadedOnFirstUse } from '../on-first-use';

/** The user pool's directory, loaded on the first call. */
export function cognitoDirectoryOnFirstUse(region: string | undefined, userPoolId: string): UserDirectory {
  const methods = loadedOnFirstUse<Omit<UserDirectory, 'kind'>>(
    async () => (await import('./cognito-with-client')).createCognitoDirectory(region, userPoolId),
    ['list', 'get', 'invite', 'disable', 'enable', 'resetPassword'],
  );
  return { kind: 'cognito', ...methods };
}
