/**
 * The weekly digest on the local runtime: the same handler as in AWS, with
 * the outbox mailer (`.eml` files under `.cchc/outbox/`) instead of SES and
 * the recipients resolved from the configuration (roles → the local users
 * of those roles with an e-mail, plus the listed addresses).
 */
import type { CchcConfig } from '../../shared/config/schema';
import { resolveRecipients } from '../../shared/digest/config';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import type { AwsClients } from '../../shared/store/clients';
import { createDigestHandler } from '../../functions/digest/handler';
import { OUTBOX_DIR } from './paths';

export interface LocalDigestOptions {
  clients: AwsClients;
  config: CchcConfig;
  /** Links in the e-mails (the local web UI); the configuration's `mail.appUrl` wins. */
  appUrl: string;
  outboxDir?: string;
  now?: () => Date;
}

/** One digest run (the week that ended), or null when the configuration has no `digest` or `mail` section. */
export function createLocalDigest(options: LocalDigestOptions) {
  const { mail, digest } = options.config;
  if (!mail || !digest) return null;
  const now = options.now ?? (() => new Date());
  const handler = createDigestHandler({
    clients: options.clients,
    mailer: new OutboxMailer({ clients: options.clients, dir: options.outboxDir ?? OUTBOX_DIR, sender: mail.sender, now }),
    config: { recipients: resolveRecipients(digest, options.config.users ?? []), appUrl: mail.appUrl ?? options.appUrl },
    desks: options.config.desks ?? [],
    now,
  });
  return (scheduledTime?: string) => handler({ schedule: 'digest', scheduledTime: scheduledTime ?? now().toISOString() });
}
