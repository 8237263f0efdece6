/**
 * The digest's watchdog: on Mondays at 08:00 Vietnam time
 * (`DIGEST_CHECK_SCHEDULE`, an hour after the send and its retries), has the
 * week that ended reached every recipient? The digest function emits the
 * answer as the `DigestOverdue` metric (1 or 0) and the stack alarms on it,
 * so a digest that silently did not go out — the schedule disabled, SES
 * refusing, the function failing every retry — pages someone the same
 * morning instead of being noticed a week later.
 *
 * The facts come from what the send itself writes (service.ts): the week's
 * record `DIGEST#<week>` / `DIGEST` and one marker per recipient
 * `DIGEST#<week>` / `RCPT#<email>` — one Query of one partition — plus the
 * recipients' records for who unsubscribed. The judgement is pure.
 */
import type { AwsClients } from '../store/clients';
import { batchGetItems } from '../store/batch';
import { keys } from '../store/table';
import type { DigestState } from './archive';
import { previousIsoWeek } from './content';
import { queryItems } from '../store/query';

/** What the table says about one week's delivery. */
export interface DigestDeliveryFacts {
  week: string;
  /** The week's record state; null when the digest never even started. */
  state: DigestState | null;
  /** Recipients whose marker says `sent`. */
  sentTo: ReadonlySet<string>;
  /** Recipients who unsubscribed (they are not owed the digest). */
  unsubscribed: ReadonlySet<string>;
}

/** The watchdog's verdict on one week. */
export interface DigestDeliveryCheck {
  week: string;
  /** True when the week's digest has not reached every subscribed recipient. */
  overdue: boolean;
  state: DigestState | 'missing';
  /** Subscribed recipients, sent to, and still waiting (counts only: no addresses in logs). */
  recipients: number;
  sent: number;
  missing: number;
}

/** The week a check at `now` is about: the ISO week that ended before it, in Vietnam time. */
export function weekToCheck(now: Date): string {
  return previousIsoWeek(now);
}

/**
 * Whether the week's digest reached everyone it is owed to.
 *
 * Delivered when the week's record is `sent` (the send marks it only once
 * every recipient is done) or — a run that crashed after its last message
 * but before marking the week — when every subscribed recipient has a `sent`
 * marker. A week with no record at all is overdue even with no recipients:
 * the send never ran, which is exactly what the watchdog is for.
 */
export function assessDigestDelivery(facts: DigestDeliveryFacts, recipients: readonly string[]): DigestDeliveryCheck {
  const owed = recipients.filter((email) => !facts.unsubscribed.has(email));
  const sent = owed.filter((email) => facts.sentTo.has(email)).length;
  const everyone = facts.state !== null && sent === owed.length;
  const delivered = facts.state === 'sent' || everyone;
  return {
    week: facts.week,
    overdue: !delivered,
    state: facts.state ?? 'missing',
    recipients: owed.length,
    sent,
    missing: delivered ? 0 : owed.length - sent,
  };
}

/** Reads one week's delivery facts: one Query of the week's partition, one batch read of the recipients. */
export async function readDigestDelivery(clients: AwsClients, week: string, recipients: readonly string[]): Promise<DigestDeliveryFacts> {
  let state: DigestState | null = null;
  const sentTo = new Set<string>();
  const items = await queryItems(clients.dynamo, {
    TableName: clients.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.digest(week).pk },
    // The week's record carries its frozen content; the check needs only these.
    ProjectionExpression: 'sk, #state, email',
    ExpressionAttributeNames: { '#state': 'state' },
    ConsistentRead: true,
  });
  for (const item of items) {
    if (item.sk === keys.digest(week).sk) state = item.state as DigestState;
    else if (typeof item.sk === 'string' && item.sk.startsWith('RCPT#') && item.state === 'sent') sentTo.add(item.email as string);
  }
  const records = await batchGetItems(clients.dynamo, clients.tableName, recipients.map((email) => keys.digestRecipient(email)));
  const unsubscribed = new Set(records.filter((item) => typeof item.unsubscribedAt === 'string').map((item) => item.email as string));
  return { week, state, sentTo, unsubscribed };
}

/** The check the digest function runs at `now`: the week that ended, read and judged. */
export async function checkDigestDelivery(clients: AwsClients, recipients: readonly string[], now: Date): Promise<DigestDeliveryCheck> {
  return assessDigestDelivery(await readDigestDelivery(clients, weekToCheck(now), recipients), recipients);
}
