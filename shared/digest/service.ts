/**
 * Building, archiving and sending the weekly digest, exactly once.
 *
 * **Exactly once** (decision): the week is claimed first — a conditional
 * write on `DIGEST#<week>` that also freezes the content (see archive.ts) —
 * then each recipient has a marker `DIGEST#<week>` / `RCPT#<email>`:
 *
 * 1. claim the marker (conditional: none yet, or `failed`);
 * 2. send through the {@link Mailer}; 3. mark it `sent`.
 *
 * A failed send releases the marker (`failed`) so the next run (the
 * scheduler's retry, a second run, a manual `--send`) sends it; a `sent`
 * marker is never claimed again, so a run that crashed mid-list resumes
 * where it stopped. A marker left `sending` by a crashed run is taken over
 * only after {@link DEFAULT_CLAIM_TIMEOUT_MS} (well above the function's
 * timeout, so a live run is never doubled) AND only if the mail log holds
 * no message with its tag since the claim — the mailers log every message
 * they hand over. The one window left is a crash after the transport took
 * the message and before it was logged (milliseconds): then it is sent
 * again rather than lost. When every recipient is sent (or skipped because
 * they unsubscribed) the week becomes `sent`; later runs say "already sent".
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { loadQuarterView } from '../compliance/view';
import type { Desk } from '../desks/config';
import type { DeskService } from '../desks/desk-service';
import { nextSlot, slotLabel } from '../desks/slots';
import { mailInstant } from '../mail/mail-log';
import { markSent, releaseSendClaim } from '../mail/send-markers';
import type { Mailer } from '../mail/mailer';
import type { AwsClients } from '../store/clients';
import type { SourcesRepository } from '../store/sources-repo';
import type { StoriesRepository } from '../store/stories-repo';
import { keys } from '../store/table';
import { isoWeekBounds, toVietnamIso } from '../time/vietnam';
import { ensureFrozenArchive, freezeForSending, getDigest, markDigestSent, saveDraft, type DigestRecord } from './archive';
import { buildDigestContent, digestQuarter, digestSendAt, type DigestContent, type DigestInput } from './content';
import { ensureRecipients } from './recipients';
import { digestSubject, renderDigestHtml, renderDigestText } from './render';

/** A `sending` marker older than this belongs to a crashed run. */
export const DEFAULT_CLAIM_TIMEOUT_MS = 15 * 60_000;

/** The path of the unsubscribe page and one-click target (public: no sign-in). */
export const UNSUBSCRIBE_PATH = '/digests/unsubscribe';

/** What building a digest reads. */
export interface DigestSources {
  clients: AwsClients;
  stories: Pick<StoriesRepository, 'storiesBetween' | 'quarterTallies' | 'agencyCredits'>;
  sources: Pick<SourcesRepository, 'listAgencies' | 'listAll'>;
  desks: Pick<DeskService, 'slot'> & { desks: readonly Desk[] };
}

/** Reads what digest `week` is built from: the week's stories, the desks' next slots and the quarter's rows as of the send time. */
export async function loadDigestInput(deps: DigestSources, week: string, now: Date): Promise<DigestInput> {
  const { start, end } = isoWeekBounds(week);
  const sendAt = digestSendAt(week);
  const [stories, agencies, view, schedule] = await Promise.all([
    deps.stories.storiesBetween(toVietnamIso(start), toVietnamIso(end)),
    deps.sources.listAgencies(),
    loadQuarterView({ stories: deps.stories, sources: deps.sources }, digestQuarter(week), sendAt),
    Promise.all(
      deps.desks.desks.map(async (desk) => {
        const slotId = nextSlot(desk.slot, sendAt);
        const slot = await deps.desks.slot(desk.id, slotId);
        return {
          deskId: desk.id,
          deskName: desk.name,
          slotId,
          slotLabel: slotLabel(desk.slot, slotId),
          stories: slot.members.map((member) => ({ storyId: member.storyId, title: member.title, agencyId: member.agencyId })),
        };
      }),
    ),
  ]);
  return { week, stories, agencies, schedule, complianceRows: view.rows, generatedAt: now };
}

/** A digest ready to show: its content and whether it is frozen (claimed or sent). */
export interface PreparedDigest {
  content: DigestContent;
  frozen: boolean;
  record: DigestRecord | null;
}

/** The week's digest: the frozen one once claimed, else built now (not written). */
export async function viewDigest(deps: DigestSources, week: string, now: Date): Promise<PreparedDigest> {
  const existing = await getDigest(deps.clients, week);
  if (existing?.frozen) return { content: existing.frozen, frozen: true, record: existing.record };
  return { content: buildDigestContent(await loadDigestInput(deps, week, now)), frozen: false, record: existing?.record ?? null };
}

/** Renders and archives the week's digest — or, once frozen, leaves the archive as it is and returns the frozen one. */
export async function prepareDigest(deps: DigestSources, week: string, now: Date): Promise<PreparedDigest> {
  const existing = await getDigest(deps.clients, week);
  if (existing?.frozen) {
    await ensureFrozenArchive(deps.clients, existing.frozen);
    return { content: existing.frozen, frozen: true, record: existing.record };
  }
  const saved = await saveDraft(deps.clients, buildDigestContent(await loadDigestInput(deps, week, now)));
  return { content: saved.content, frozen: saved.frozen, record: (await getDigest(deps.clients, week))?.record ?? null };
}

/** How the digest is delivered. */
export interface DeliveryConfig {
  /** Resolved recipients (see config.ts). */
  recipients: readonly string[];
  /** The product's base URL, for the unsubscribe and archive links. */
  appUrl: string;
  claimTimeoutMs?: number;
}

export type RecipientOutcome = 'sent' | 'already-sent' | 'in-progress' | 'unsubscribed' | 'failed';

export interface DigestSendSummary {
  week: string;
  /** `already-sent`: the week was sent before this run, which did nothing. */
  outcome: 'sent' | 'already-sent' | 'incomplete';
  sentAt: string | null;
  content: DigestContent;
  sent: number;
  skipped: number;
  failed: number;
  results: { email: string; outcome: RecipientOutcome; error?: string }[];
}

const isCondition = (error: unknown) => (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/** The tag of one recipient's message (mail log, outbox file name). */
export const digestTag = (week: string, email: string) => `digest:${week}:${email}`;

/** Whether the mail log holds a message with `tag` logged at or after `since` (Vietnam ISO). */
async function loggedSince(clients: AwsClients, tag: string, since: Date, now: Date): Promise<boolean> {
  const from = mailInstant(since);
  for (let month = from.slice(0, 7); month <= mailInstant(now).slice(0, 7); ) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await clients.dynamo.send(
        new QueryCommand({
          TableName: clients.tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          FilterExpression: 'tag = :tag',
          ExpressionAttributeValues: { ':pk': keys.mailLog(month, '', '').pk, ':from': from, ':tag': tag },
          ExclusiveStartKey: startKey,
        }),
      );
      if (page.Items?.length) return true;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return false;
}

interface SendContext {
  clients: AwsClients;
  mailer: Mailer;
  content: DigestContent;
  config: DeliveryConfig;
  now: Date;
}

async function sendToOne(ctx: SendContext, email: string, token: string): Promise<{ email: string; outcome: RecipientOutcome; error?: string }> {
  const { clients, content, now } = ctx;
  const key = keys.digestSend(content.week, email);
  const tag = digestTag(content.week, email);
  const claim = randomUUID();
  const staleBefore = toVietnamIso(new Date(now.getTime() - (ctx.config.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS)));
  const claimOnce = (condition: string, values: Record<string, unknown>) =>
    clients.dynamo.send(
      new UpdateCommand({
        TableName: clients.tableName,
        Key: key,
        UpdateExpression: 'SET #state = :sending, claimedAt = :now, claimToken = :claim, #type = :type, email = :email ADD attempts :one',
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#state': 'state', '#type': 'type' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': toVietnamIso(now), ':claim': claim, ':type': 'digest-send', ':email': email, ':one': 1, ...values },
      }),
    );
  try {
    await claimOnce('attribute_not_exists(pk) OR #state = :failed', { ':failed': 'failed' });
  } catch (error) {
    if (!isCondition(error)) throw error;
    const current = (await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: key, ConsistentRead: true }))).Item;
    if (current?.state === 'sent') return { email, outcome: 'already-sent' };
    const claimedAt = current?.claimedAt as string | undefined;
    if (!claimedAt || claimedAt >= staleBefore) return { email, outcome: 'in-progress' };
    // A crashed run's claim: did its message leave (the mailer logged it)?
    if (await loggedSince(clients, tag, new Date(claimedAt), now)) {
      await clients.dynamo.send(
        new UpdateCommand({
          TableName: clients.tableName,
          Key: key,
          UpdateExpression: 'SET #state = :sent, sentAt = :now REMOVE claimToken',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':now': toVietnamIso(now) },
        }),
      );
      return { email, outcome: 'already-sent' };
    }
    try {
      await claimOnce('#state = :stuck AND claimedAt = :claimedAt', { ':stuck': 'sending', ':claimedAt': claimedAt });
    } catch (takeover) {
      if (isCondition(takeover)) return { email, outcome: 'in-progress' };
      throw takeover;
    }
  }

  const unsubscribeUrl = `${ctx.config.appUrl.replace(/\/+$/, '')}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
  const archiveUrl = `${ctx.config.appUrl.replace(/\/+$/, '')}/digests/${content.week}`;
  let messageId: string;
  try {
    ({ messageId } = await ctx.mailer.send({
      to: [email],
      subject: digestSubject(content),
      text: renderDigestText(content, { unsubscribeUrl, archiveUrl }),
      html: renderDigestHtml(content, { unsubscribeUrl, archiveUrl }),
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      tag,
    }));
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    await releaseSendClaim(clients, key, claim, message, toVietnamIso(now));
    return { email, outcome: 'failed', error: message };
  }
  await markSent(clients, key, messageId, toVietnamIso(now));
  return { email, outcome: 'sent' };
}

/** The recipients whose marker says `sent`. */
async function sentMarkers(clients: AwsClients, week: string): Promise<Set<string>> {
  const sent = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.dynamo.send(
      new QueryCommand({
        TableName: clients.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rcpt)',
        ExpressionAttributeValues: { ':pk': keys.digest(week).pk, ':rcpt': 'RCPT#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) if (item.state === 'sent') sent.add(item.email as string);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return sent;
}

/**
 * Sends digest `week` to every subscribed recipient, at most once each
 * (see the module comment), and marks the week sent when all are done.
 * A week already sent does nothing and says so.
 */
export async function sendDigest(deps: DigestSources & { mailer: Mailer; config: DeliveryConfig }, week: string, now: Date): Promise<DigestSendSummary> {
  const existing = await getDigest(deps.clients, week);
  if (existing?.record.state === 'sent' && existing.frozen) {
    return { week, outcome: 'already-sent', sentAt: existing.record.sentAt ?? null, content: existing.frozen, sent: 0, skipped: 0, failed: 0, results: [] };
  }
  const candidate = existing?.frozen ?? buildDigestContent(await loadDigestInput(deps, week, now));
  const { content } = await freezeForSending(deps.clients, candidate, toVietnamIso(now));

  const recipients = await ensureRecipients(deps.clients, deps.config.recipients);
  const ctx: SendContext = { clients: deps.clients, mailer: deps.mailer, content, config: deps.config, now };
  const results: DigestSendSummary['results'] = [];
  // One at a time: SES's default rate is a few messages a second, and a digest goes to tens of people.
  for (const email of deps.config.recipients) {
    const recipient = recipients.get(email)!;
    if (recipient.unsubscribedAt) {
      results.push({ email, outcome: 'unsubscribed' });
      continue;
    }
    try {
      results.push(await sendToOne(ctx, email, recipient.token));
    } catch (error) {
      results.push({ email, outcome: 'failed', error: (error as Error)?.message ?? String(error) });
    }
  }
  const count = (...outcomes: RecipientOutcome[]) => results.filter((r) => outcomes.includes(r.outcome)).length;
  const done = await sentMarkers(deps.clients, week);
  const complete = results.every((r) => r.outcome === 'unsubscribed' || done.has(r.email));
  let sentAt: string | null = null;
  if (complete) sentAt = (await markDigestSent(deps.clients, week, toVietnamIso(now), { sent: done.size, skipped: count('unsubscribed') })).sentAt ?? null;
  return {
    week,
    outcome: complete ? 'sent' : 'incomplete',
    sentAt,
    content,
    sent: count('sent'),
    skipped: count('already-sent', 'unsubscribed', 'in-progress'),
    failed: count('failed'),
    results,
  };
}
