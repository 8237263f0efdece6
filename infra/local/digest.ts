/**
 * The weekly digest on the local runtime: the same handler as in AWS, with
 * the outbox mailer (`.eml` files under `.cchc/outbox/`) instead of SES and
 * the recipients read at each run from the local user store (the members of
 * the configured roles with an e-mail who are not disabled — users invited
 * on /users included — plus the listed addresses).
 */
import type { CchcConfig } from '../../shared/config/schema';
import { recipientsFromDirectory } from '../../shared/digest/directory-recipients';
import { LocalUserStore } from '../../shared/users/local-directory';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import type { AwsClients } from '../../shared/store/clients';
import { createDigestHandler } from '../../functions/digest/handler';
import type { DigestSendSummary } from '../../shared/digest/service';
import type { DigestDeliveryCheck } from '../../shared/digest/watchdog';
import { DIGEST_CHECK_SCHEDULE, DIGEST_SCHEDULE } from '../../shared/schedules';
import { OUTBOX_DIR } from './paths';

export interface LocalDigestOptions {
  clients: AwsClients;
  config: CchcConfig;
  /** Links in the e-mails (the local web UI); the configuration's `mail.appUrl` wins. */
  appUrl: string;
  outboxDir?: string;
  now?: () => Date;
}

/** The two scheduled invocations of the digest function, as the stack's schedules make them. */
export interface LocalDigest {
  /** `DIGEST_SCHEDULE`: send the week that ended. */
  send(scheduledTime?: string): Promise<Omit<DigestSendSummary, 'content'>>;
  /** `DIGEST_CHECK_SCHEDULE`: the watchdog (its metric is off locally; the result says it). */
  check(scheduledTime?: string): Promise<DigestDeliveryCheck>;
}

/** The digest's runs (the week that ended), or null when the configuration has no `digest` or `mail` section. */
export function createLocalDigest(options: LocalDigestOptions): LocalDigest | null {
  const { mail, digest } = options.config;
  if (!mail || !digest) return null;
  const now = options.now ?? (() => new Date());
  const users = new LocalUserStore(options.clients, options.config.users ?? []);
  const handler = createDigestHandler({
    clients: options.clients,
    mailer: new OutboxMailer({ clients: options.clients, dir: options.outboxDir ?? OUTBOX_DIR, sender: mail.sender, now }),
    config: { recipients: [], appUrl: mail.appUrl ?? options.appUrl },
    recipients: async () => recipientsFromDirectory(digest, await users.list()),
    desks: options.config.desks ?? [],
    now,
  });
  const tick = (schedule: string, scheduledTime?: string) => handler({ schedule, scheduledTime: scheduledTime ?? now().toISOString() });
  return {
    send: async (scheduledTime) => (await tick(DIGEST_SCHEDULE.id, scheduledTime)) as Omit<DigestSendSummary, 'content'>,
    check: async (scheduledTime) => (await tick(DIGEST_CHECK_SCHEDULE.id, scheduledTime)) as DigestDeliveryCheck,
  };
}
