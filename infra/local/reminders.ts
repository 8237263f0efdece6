/**
 * The reminders on the local runtime: the same handler as in AWS, with the
 * outbox mailer (`.eml` files under `.cchc/outbox/`) instead of SES, the
 * agencies and thresholds of the configuration file and the quarter view's
 * rows from the local store.
 */
import { complianceConfigOf } from '../../shared/compliance/config';
import type { CchcConfig } from '../../shared/config/schema';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import type { RemindersSummary } from '../../shared/reminders/run';
import type { AwsClients } from '../../shared/store/clients';
import { createRemindersHandler } from '../../functions/reminders/handler';
import { OUTBOX_DIR } from './paths';

export interface LocalRemindersOptions {
  clients: AwsClients;
  config: CchcConfig;
  /** Links in the e-mails (the local web UI); the configuration's `mail.appUrl` wins. */
  appUrl: string;
  /** Default `.cchc/outbox/`. */
  outboxDir?: string;
  now?: () => Date;
}

/** One reminders round, or null when the configuration has no `mail` section (nothing to send from). */
export function createLocalReminders(options: LocalRemindersOptions): ((scheduledTime?: string) => Promise<RemindersSummary>) | null {
  const mail = options.config.mail;
  if (!mail) return null;
  const now = options.now ?? (() => new Date());
  const mailer = new OutboxMailer({ clients: options.clients, dir: options.outboxDir ?? OUTBOX_DIR, sender: mail.sender, now });
  const handler = createRemindersHandler({
    clients: options.clients,
    mailer,
    agencies: async () => options.config.agencies,
    config: {
      homeAffairs: mail.homeAffairs,
      appUrl: mail.appUrl ?? options.appUrl,
      thresholds: complianceConfigOf(options.config).reminderDays,
    },
    now,
  });
  return (scheduledTime) => handler({ schedule: 'reminders', scheduledTime: scheduledTime ?? now().toISOString() });
}
