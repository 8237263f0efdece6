/**
 * The reminders job: plan what is due, then send each message exactly once
 * per (recipient, quarter, threshold), however often the job runs, retries
 * or runs twice at the same time.
 *
 * Each message has a marker item (`REMINDER#<quarter>`, `<threshold>#<agencyId|rollup>`):
 *
 * 1. **claim** — a conditional write that succeeds only if there is no
 *    marker, or the marker says `failed`, or it says `sending` with a claim
 *    older than {@link DEFAULT_CLAIM_TIMEOUT_MS}. Of two concurrent runs,
 *    DynamoDB lets exactly one claim; the other skips.
 * 2. **send** through the mailer.
 * 3. **mark sent** (`sent`, with the message id). A `sent` marker is never
 *    claimed again.
 *
 * If sending throws, the claim is released (`failed`, with the error), so
 * the next run — a scheduler retry or tomorrow's tick — sends it.
 *
 * The trade-off: a run that crashes between claiming and marking (the
 * Lambda timed out, the process died) leaves `sending`. We cannot know
 * whether the mail left. Waiting for ever would make delivery at-most-once
 * (a reminder could be lost silently); retrying at once would let a slow
 * but live run be doubled. So a `sending` claim is taken over only after the
 * claim timeout (15 minutes, well above the function's 2-minute timeout, so
 * a live run is never taken over): delivery is exactly-once except in that
 * crash window, where it is at-least-once — a rare duplicate reminder is
 * better than a silently missing one.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { Mailer, OutgoingMail } from '../mail/mailer';
import { markSent, releaseSendClaim } from '../mail/send-markers';
import type { AwsClients } from '../store/clients';
import { keys } from '../store/table';
import { agencyReminderMail, rollupMail } from './messages';
import { DEFAULT_REMINDER_DAYS, dueThresholds, planReminders, type ReminderAgency, type ReminderPlan, type ReminderRow } from './plan';

/** A claim older than this is taken to belong to a crashed run. */
export const DEFAULT_CLAIM_TIMEOUT_MS = 15 * 60_000;

/** What the job is configured with. */
export interface RemindersConfig {
  /** Days before the quarter's last day (default [21, 7]). */
  thresholds?: readonly number[];
  /** Sở Nội vụ's addresses for the roll-up; empty: no roll-up. */
  homeAffairs: readonly string[];
  /** The product's base URL, for links. */
  appUrl: string;
  claimTimeoutMs?: number;
  /** Messages in flight at once (SES allows a few per second). */
  concurrency?: number;
}

export interface RemindersDeps {
  clients: AwsClients;
  mailer: Mailer;
  /** The quarter's compliance rows (the quarter view's). */
  loadRows: (quarter: string, now: Date) => Promise<ReminderRow[]>;
  agencies: readonly ReminderAgency[];
  config: RemindersConfig;
  now: Date;
}

/** What happened to one message. */
export type ReminderOutcome = 'sent' | 'already-sent' | 'in-progress' | 'failed';

export interface ReminderResult {
  /** An agency id or `rollup`. */
  target: string;
  tag: string;
  outcome: ReminderOutcome;
  messageId?: string;
  error?: string;
}

export interface RemindersSummary {
  quarter: string;
  threshold: number | null;
  sent: number;
  /** Already sent by an earlier run, or being sent by a concurrent one. */
  skipped: number;
  failed: number;
  results: ReminderResult[];
}

type Marker = { state: 'sending' | 'sent' | 'failed' };

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/** Sends one message under its marker; never throws for a send failure. */
async function sendOnce(deps: RemindersDeps, quarter: string, threshold: number, target: string, mail: OutgoingMail): Promise<ReminderResult> {
  const { clients } = deps;
  const key = keys.reminder(quarter, threshold, target);
  const token = randomUUID();
  const now = deps.now.toISOString();
  const staleBefore = new Date(deps.now.getTime() - (deps.config.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS)).toISOString();
  try {
    await clients.dynamo.send(
      new UpdateCommand({
        TableName: clients.tableName,
        Key: key,
        UpdateExpression: 'SET #state = :sending, claimedAt = :now, claimToken = :token, tag = :tag, recipients = :to, #type = :type ADD attempts :one',
        ConditionExpression: 'attribute_not_exists(pk) OR #state = :failed OR (#state = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state', '#type': 'type' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':failed': 'failed',
          ':now': now,
          ':stale': staleBefore,
          ':token': token,
          ':tag': mail.tag,
          ':to': mail.to,
          ':type': 'reminder',
          ':one': 1,
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: key, ConsistentRead: true }));
    const state = (current.Item as Marker | undefined)?.state;
    return { target, tag: mail.tag, outcome: state === 'sent' ? 'already-sent' : 'in-progress' };
  }

  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(mail));
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    await releaseSendClaim(clients, key, token, message, now);
    return { target, tag: mail.tag, outcome: 'failed', error: message };
  }

  try {
    await markSent(clients, key, messageId, now);
  } catch (error) {
    // The crash window of the module comment: the claim stays `sending` and
    // is retried after the timeout. Reported, not thrown: the mail did leave.
    return { target, tag: mail.tag, outcome: 'sent', messageId, error: `sent, but not marked: ${(error as Error).message}` };
  }
  return { target, tag: mail.tag, outcome: 'sent', messageId };
}

/** {@link sendOnce}, with a store failure before sending reported as this message's failure. */
async function sendOnceSafely(deps: RemindersDeps, quarter: string, threshold: number, target: string, mail: OutgoingMail): Promise<ReminderResult> {
  try {
    return await sendOnce(deps, quarter, threshold, target, mail);
  } catch (error) {
    return { target, tag: mail.tag, outcome: 'failed', error: (error as Error)?.message ?? String(error) };
  }
}

/**
 * Runs one round: the due threshold's agency reminders and Sở Nội vụ's
 * roll-up, each at most once (see the module's comment for the crash case).
 */
export async function runReminders(deps: RemindersDeps): Promise<RemindersSummary> {
  const thresholds = deps.config.thresholds ?? DEFAULT_REMINDER_DAYS;
  const { quarter, due } = dueThresholds(deps.now, thresholds);
  if (due.length === 0) return { quarter, threshold: null, sent: 0, skipped: 0, failed: 0, results: [] };

  const rows = await deps.loadRows(quarter, deps.now);
  const plan = planReminders({ now: deps.now, rows, agencies: deps.agencies, thresholds, homeAffairs: deps.config.homeAffairs });
  const threshold = plan.threshold!;
  const duePlan = plan as ReminderPlan & { threshold: number };
  const jobs: { target: string; mail: OutgoingMail }[] = plan.agencies.map((reminder) => ({
    target: reminder.agencyId,
    mail: agencyReminderMail(duePlan, reminder, deps.config.appUrl),
  }));
  if (plan.rollup) jobs.push({ target: 'rollup', mail: rollupMail(duePlan, deps.config.appUrl) });

  const limit = pLimit(Math.max(1, deps.config.concurrency ?? 4));
  const results = await Promise.all(jobs.map((job) => limit(() => sendOnceSafely(deps, quarter, threshold, job.target, job.mail))));
  const count = (...outcomes: ReminderOutcome[]) => results.filter((r) => outcomes.includes(r.outcome)).length;
  return { quarter, threshold, sent: count('sent'), skipped: count('already-sent', 'in-progress'), failed: count('failed'), results };
}
