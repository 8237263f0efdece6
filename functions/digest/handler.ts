/**
 * The scheduled digest function: Mondays at 07:00 Vietnam time
 * (`DIGEST_SCHEDULE`), the digest of the ISO week that ended (the previous
 * week in Vietnam time at run time), archived in S3 and e-mailed once per
 * recipient; at 08:00 (`DIGEST_CHECK_SCHEDULE`, event `schedule:
 * 'digest-check'`) its watchdog, which sends nothing and emits DigestOverdue
 * 1 or 0 for that week. Thin: parse the event and the environment, call shared/.
 */
import { resolveRecipients, type DigestConfig } from '../../shared/digest/config';
import * as z from 'zod';
import { createDeskService, parseDesksJson } from '../../shared/desks/create';
import type { Desk } from '../../shared/desks/config';
import { previousIsoWeek } from '../../shared/digest/content';
import { sendDigest, type DeliveryConfig, type DigestSendSummary } from '../../shared/digest/service';
import { environment } from '../../shared/env';
import type { Mailer } from '../../shared/mail/mailer';
import { sesMailerOnFirstUse } from '../../shared/mail/ses-on-first-use';
import { createLogger } from '../../shared/observability/logger';
import { METRICS } from '../../shared/observability/metric-names';
import { countMetric, createMetrics, withMetrics, type Metrics } from '../../shared/observability/metrics';
import { DIGEST_CHECK_SCHEDULE } from '../../shared/schedules';
import { checkDigestDelivery, type DigestDeliveryCheck } from '../../shared/digest/watchdog';
import { awsTableClients, type AwsClients } from '../../shared/store/table-clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';

const logger = createLogger('digest');

/** What EventBridge Scheduler (and the local cron) delivers; `week` lets an operator's test invoke pick a week. */
const eventSchema = z
  .object({ schedule: z.string().optional(), scheduledTime: z.string().optional(), week: z.string().regex(/^\d{4}-W\d{2}$/).optional() })
  .passthrough()
  .nullish();

/** Some recipients could not be sent to; thrown so that the scheduler's retry runs again (sent ones are skipped). */
export class DigestIncompleteError extends Error {
  override name = 'DigestIncompleteError';
  constructor(readonly summary: Omit<DigestSendSummary, 'content'>) {
    super(`digest ${summary.week}: ${summary.failed} recipient(s) failed, not every recipient is done`);
  }
}

export interface DigestHandlerDeps {
  clients: AwsClients;
  mailer: Mailer;
  config: DeliveryConfig;
  desks: readonly Desk[];
  now?: () => Date;
  /** Default: the function's own (CchcPipeline, service `digest`). */
  metrics?: Metrics;
  /**
   * The recipients at the time of each run (the user directory's members of
   * the configured roles, plus the listed addresses); default
   * `config.recipients`, fixed.
   */
  recipients?: () => Promise<readonly string[]>;
}

/** What one invocation did: a send round, or the watchdog's check. */
export type DigestRunResult = Omit<DigestSendSummary, 'content'> | DigestDeliveryCheck;

/** Builds the handler over explicit dependencies (the local runtime passes the outbox mailer). */
export function createDigestHandler(deps: DigestHandlerDeps) {
  const now = deps.now ?? (() => new Date());
  const stories = new StoriesRepository(deps.clients);
  const sources = new SourcesRepository(deps.clients);
  const desks = createDeskService(deps.clients, deps.desks, now);
  const metrics = deps.metrics ?? createMetrics('digest', logger);

  const recipients = async () => (deps.recipients ? [...(await deps.recipients())] : deps.config.recipients);

  const check = async (at: Date, scheduledTime: string | null): Promise<DigestDeliveryCheck> => {
    const result = await checkDigestDelivery(deps.clients, await recipients(), at);
    countMetric(metrics, METRICS.digestOverdue, result.overdue ? 1 : 0);
    const fields = { ...result, scheduledTime };
    if (result.overdue) logger.warn('digest overdue', fields);
    else logger.info('digest delivered', fields);
    return result;
  };

  const send = async (week: string, at: Date, scheduledTime: string | null): Promise<Omit<DigestSendSummary, 'content'>> => {
    const config = { ...deps.config, recipients: await recipients() };
    const { content: _content, ...summary } = await sendDigest({ clients: deps.clients, stories, sources, desks, mailer: deps.mailer, config }, week, at);
    countMetric(metrics, METRICS.digestsSent, summary.sent);
    // Counts only: the per-recipient results carry addresses, which stay out of the logs.
    logger.info('digest round', { week, outcome: summary.outcome, sent: summary.sent, skipped: summary.skipped, failed: summary.failed, scheduledTime });
    if (summary.outcome === 'incomplete' && summary.failed > 0) throw new DigestIncompleteError(summary);
    return summary;
  };

  return (event?: unknown): Promise<DigestRunResult> =>
    withMetrics(metrics, async () => {
      const parsed = eventSchema.parse(event);
      // The real clock: the week that ended before this run (a retry on Monday sends, or checks, the same week).
      const at = now();
      const scheduledTime = parsed?.scheduledTime ?? null;
      if (parsed?.schedule === DIGEST_CHECK_SCHEDULE.id) return check(at, scheduledTime);
      return send(parsed?.week ?? previousIsoWeek(at), at, scheduledTime);
    });
}

let defaultHandler: ReturnType<typeof createDigestHandler> | undefined;

/**
 * The Lambda entry point. The recipients are, at each run, the enabled
 * members of the configured roles' Cognito groups (`CCHC_DIGEST_ROLES`,
 * `CCHC_COGNITO_USER_POOL_ID`) and the listed addresses (`CCHC_DIGEST_EMAILS`).
 */
export const handler = async (event: unknown) => {
  if (!defaultHandler) {
    const env = environment();
    if (!env.CCHC_MAIL_SENDER) throw new Error('environment variable CCHC_MAIL_SENDER: required by the digest function');
    // Table-only clients, SES on the first message, Cognito on the first recipients' read: the
    // 08:00 watchdog run needs none of them (the archive's S3 client loads with it: bucketClient).
    const clients = awsTableClients();
    defaultHandler = createDigestHandler({
      clients,
      mailer: sesMailerOnFirstUse(env.AWS_REGION, clients, env.CCHC_MAIL_SENDER),
      config: {
        recipients: (env.CCHC_DIGEST_EMAILS ?? '').split(',').map((a) => a.trim().toLowerCase()).filter(Boolean),
        appUrl: env.CCHC_APP_URL ?? '',
      },
      desks: parseDesksJson(env.CCHC_DESKS),
      recipients: async () => {
        const emails = (env.CCHC_DIGEST_EMAILS ?? '').split(',').map((a) => a.trim()).filter(Boolean);
        const roles = (env.CCHC_DIGEST_ROLES ?? '').split(',').map((r) => r.trim()).filter(Boolean) as DigestConfig['recipients']['roles'];
        const members = roles.length && env.CCHC_COGNITO_USER_POOL_ID ? await (await import('./role-members')).roleMembers(env.AWS_REGION, env.CCHC_COGNITO_USER_POOL_ID, roles) : [];
        return resolveRecipients({ recipients: { roles, emails } }, members);
      },
    });
  }
  return defaultHandler(event);
};
