/**
 * The scheduled reminders function: daily at 08:00 Vietnam time
 * (`REMINDERS_SCHEDULE`), one round of `runReminders` through SES. Thin:
 * parse the event and the environment, call shared/, shape the answer.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { environment, type Environment } from '../../shared/env';
import type { Mailer } from '../../shared/mail/mailer';
import { SesMailer } from '../../shared/mail/ses-mailer';
import { createLogger } from '../../shared/observability/logger';
import { METRICS } from '../../shared/observability/metric-names';
import { countMetric, createMetrics, withMetrics, type Metrics } from '../../shared/observability/metrics';
import { redactEmails } from '../../shared/observability/redact';
import { DEFAULT_REMINDER_DAYS, type ReminderAgency } from '../../shared/reminders/plan';
import { quarterViewRows } from '../../shared/reminders/rows';
import { runReminders, type RemindersConfig, type RemindersDeps, type RemindersSummary } from '../../shared/reminders/run';
import { awsTableClients, type AwsClients } from '../../shared/store/table-clients';
import { SourcesRepository } from '../../shared/store/sources-repo';

const logger = createLogger('reminders');

/** The event EventBridge Scheduler (and the local cron) delivers; anything else is accepted too (a manual test invoke). */
const eventSchema = z.object({ schedule: z.string().optional(), scheduledTime: z.string().optional() }).passthrough().nullish();

/** Some messages could not be sent; thrown so that Lambda's retry runs the round again (sent ones are skipped). */
export class RemindersIncompleteError extends Error {
  override name = 'RemindersIncompleteError';
  constructor(readonly summary: RemindersSummary) {
    super(`${summary.failed} reminder(s) of ${summary.quarter}/${summary.threshold} could not be sent`);
  }
}

export interface RemindersHandlerDeps {
  clients: AwsClients;
  mailer: Mailer;
  config: RemindersConfig;
  /** Default: the quarter view's rows from the store. */
  loadRows?: RemindersDeps['loadRows'];
  /** Default: the agencies held in the store. */
  agencies?: () => Promise<readonly ReminderAgency[]>;
  now?: () => Date;
  /** Default: the function's own (CchcPipeline, service `reminders`). */
  metrics?: Metrics;
}

/** Builds the handler over explicit dependencies (the local runtime passes the outbox mailer). */
export function createRemindersHandler(deps: RemindersHandlerDeps) {
  const loadRows = deps.loadRows ?? quarterViewRows(deps.clients);
  const sources = new SourcesRepository(deps.clients);
  const agencies = deps.agencies ?? (() => sources.listAgencies());
  const metrics = deps.metrics ?? createMetrics('reminders', logger);
  return (event?: unknown): Promise<RemindersSummary> =>
    withMetrics(metrics, async () => {
      const parsed = eventSchema.parse(event);
      // The real clock, not the tick's scheduledTime: claims must age in real time for the crash timeout.
      const now = deps.now?.() ?? new Date();
      const summary = await runReminders({ clients: deps.clients, mailer: deps.mailer, loadRows, agencies: await agencies(), config: deps.config, now });
      countMetric(metrics, METRICS.remindersSent, summary.sent);
      const { results, ...counts } = summary;
      logger.info('reminders round', { ...counts, scheduledTime: parsed?.scheduledTime ?? null });
      // The target is an agency id (or `rollup`); SES's error text may name the address, so it is redacted.
      for (const result of results.filter((r) => r.error)) logger.warn('reminder not sent cleanly', { ...result, error: redactEmails(result.error!) });
      if (summary.failed > 0) throw new RemindersIncompleteError(summary);
      return summary;
    });
}

/** The reminders' settings from the environment; fails fast when the sender is missing. */
export function remindersConfigFromEnv(env: Environment): RemindersConfig & { sender: string } {
  if (!env.CCHC_MAIL_SENDER) throw new Error('environment variable CCHC_MAIL_SENDER: required by the reminders function');
  return {
    sender: env.CCHC_MAIL_SENDER,
    homeAffairs: (env.CCHC_HOME_AFFAIRS_EMAILS ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    appUrl: env.CCHC_APP_URL ?? '',
    thresholds: env.CCHC_REMINDER_DAYS ? env.CCHC_REMINDER_DAYS.split(',').map(Number) : [...DEFAULT_REMINDER_DAYS],
  };
}

let defaultHandler: ReturnType<typeof createRemindersHandler> | undefined;

/** The Lambda entry point: EventBridge Scheduler invokes it daily at 08:00 Asia/Ho_Chi_Minh. */
export const handler = async (event: unknown): Promise<RemindersSummary> => {
  if (!defaultHandler) {
    const env = environment();
    const config = remindersConfigFromEnv(env);
    const clients = awsTableClients();
    const ses = new SESv2Client({ region: env.AWS_REGION });
    defaultHandler = createRemindersHandler({ clients, mailer: new SesMailer({ ses, clients, sender: config.sender }), config });
  }
  return defaultHandler(event);
};
