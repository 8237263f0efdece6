/**
 * SES with its SDK client (≈ 60 KB of a bundle) built on the first message:
 * the api sends mail on few requests (a submission's receipt) and the
 * digest function not at all in its Monday 08:00 watchdog run, so their
 * cold starts need not compile it.
 */
import type { AwsClients } from '../store/clients';
import type { Mailer } from './mailer';
import { loadedOnFirstUse } from '../on-first-use';

/** SES as the stack's sender identity, loaded on the first message. */
export function sesMailerOnFirstUse(region: string | undefined, clients: AwsClients, sender: string): Mailer {
  return loadedOnFirstUse<Mailer>(async () => (await import('./ses-with-client')).createSesMailer(region, clients, sender), ['send']);
}
