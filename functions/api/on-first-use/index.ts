/**
 * The api's two rarely used AWS services, SES (a submission's receipt) and
 * Cognito's admin API (the users page), built on first use. In the bundle
 * each is then a chunk (≈ 60 and 40 KB with its SDK client) that a cold
 * start serving a page or an API call never compiles.
 */
import type { AwsClients } from '../../../shared/store/clients';
import type { Mailer } from '../../../shared/mail/mailer';
import type { UserDirectory } from '../../../shared/users/directory';
import { loadedOnFirstUse } from '../../../shared/on-first-use';

/** SES as the stack's sender identity, loaded on the first message. */
export function sesMailerOnFirstUse(region: string | undefined, clients: AwsClients, sender: string): Mailer {
  return loadedOnFirstUse<Mailer>(async () => (await import('./ses')).createSesMailer(region, clients, sender), ['send']);
}

/** The user pool's directory, loaded on the first call. */
export function cognitoDirectoryOnFirstUse(region: string | undefined, userPoolId: string): UserDirectory {
  const methods = loadedOnFirstUse<Omit<UserDirectory, 'kind'>>(
    async () => (await import('./cognito')).createCognitoDirectory(region, userPoolId),
    ['list', 'get', 'invite', 'disable', 'enable', 'resetPassword'],
  );
  return { kind: 'cognito', ...methods };
}
