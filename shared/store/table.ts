/**
 * The one DynamoDB table: keys, indexes and settings, defined once and read
 * by both the CDK stack and the local runtime.
 *
 * Access patterns (every read goes through a key or an index; no Scan):
 *
 * | pattern | key |
 * | --- | --- |
 * | a story by id | pk `STORY#<id>`, sk `STORY` |
 * | is this URL known? (batched) | pk `STORY#<urlHash>`, sk `STORY`: the story itself for its first URL (its id is that hash), an alias item (`type: url`, → storyId) for a syndicated copy's URL |
 * | is this text already published elsewhere? (batched) | pk `TEXT#<fingerprint>`, sk `TEXT` → storyId |
 * | newest stories | gsi1: `FEED#<yyyy-mm>` (Vietnam month of sortAt), sk `<sortAt>#<id>`, newest first |
 * | stories an agency published in a quarter | pk `CREDIT#<agencyId>`, sk `<quarter>#<sortAt>#<storyId>` (with what the story counts as) |
 * | every agency's credits in a quarter | gsi1: `QCREDIT#<quarter>#<0–3>` (by a hash of the agency id), sk `<agencyId>#<sortAt>#<storyId>` |
 * | a source's part of its agency's quarter tally (one attribute `s:<storyId>` per credited story, written with its credits) | pk `CREDIT#<agencyId>`, sk `TALLY#<quarter>#<sourceId>` |
 * | every tally of a quarter (the quarter view) | gsi1: `QTALLY#<quarter>`, sk `<agencyId>#<sourceId>` |
 * | a source (configuration + health) | pk `SOURCE#<id>`, sk `SOURCE` |
 * | the URL hashes of its last good poll (read and written only when its page changed) | pk `SOURCE#<id>`, sk `SEEN` |
 * | sources due for a poll | gsi1: `SOURCES`, sk `<nextAttemptAt>#<id>` ≤ now |
 * | all agencies | gsi1: `AGENCIES`, sk `<id>` |
 * | a source's or an agency's change history (admin edits, imports) | pk `SOURCE#<id>` / `AGENCY#<id>`, sk `AUDIT#<at>#<seq>` |
 * | the last finished collection cycle | pk `CYCLE`, sk `LAST` |
 * | data migrations already run | pk `MIGRATIONS`, sk `<id>` |
 * | stories whose article text is still wanted | pk `ARTICLES#PENDING`, sk `<storyId>` |
 * | stories a human labelled (for export) | pk `LABELS#HUMAN`, sk `<storyId>` |
 * | a story's entry on a desk | pk `STORY#<id>`, sk `DESK#<desk>` |
 * | a story's history (audit trail) | pk `STORY#<id>`, sk `AUDIT#<at>#<seq>` |
 * | a desk's queue by status, newest first | pk `QUEUE#<desk>#<status>`, sk `<sortAt>#<id>` (a compact copy of the entry) |
 * | … filtered by area | pk `QUEUE#<desk>#<status>#<area>`, sk `<sortAt>#<id>` |
 * | … searched by words | pk `SEARCH#<desk>#<status>#<0–3>` (by the story id), sk `<sortAt>#<id>` (folded text, areas, agencies only) |
 * | a slot (page or segment): its counters, and its members | pk `SLOT#<desk>#<slotId>`, sk `SLOT` / `MEMBER#<storyId>` |
 * | a browser session | pk `SESSION#<sha256 of the cookie>`, sk `SESSION` (TTL) |
 * | an API token | pk `TOKEN#<sha256 of the token>`, sk `TOKEN`; listed via gsi1 `TOKENS` |
 * | a user's sessions (to end them when the user is disabled) | gsi1: `USERSESSIONS#<userId>`, sk `<createdAt>#<sha256>` |
 * | a local user | pk `USER#<id>`, sk `USER`; listed via gsi1 `USERS`, sk `<id>` |
 * | an agency's change history | pk `AGENCY#<id>`, sk `AUDIT#<at>#<seq>` |
 * | sign-in attempts in a window | pk `SIGNIN#<who>`, sk `<window start>` (TTL) |
 * | a direct submission (draft or submitted) | pk `SUBMISSION#<id>`, sk `SUBMISSION` |
 * | its attachments | pk `SUBMISSION#<id>`, sk `ATTACHMENT#<attachmentId>` (one Query reads the submission whole) |
 * | an agency's submissions, newest first | gsi1: `SUBMISSIONS#<agencyId>`, sk `<createdAt>#<id>` |
 * | the receipt-number counter of a year | pk `RECEIPTS#<yyyy>`, sk `COUNTER` (atomic ADD) |
 * | sent e-mail (the outbox list), newest first | pk `MAIL#<yyyy-mm>` (Vietnam month of `at`), sk `<at>#<messageId>` |
 * | a reminder sent once per quarter, threshold and recipient | pk `REMINDER#<quarter>`, sk `<threshold>#<agencyId or rollup>` |
 | a week's digest: its state and, once claimed for sending, its frozen content; listed via gsi1 `DIGESTS`, sk `<week>` | pk `DIGEST#<week>`, sk `DIGEST` |
 | … one recipient's send of it (exactly once) | pk `DIGEST#<week>`, sk `RCPT#<email>` |
 | a digest recipient: their unsubscribe token and choice | pk `DIGESTRCPT#<email>`, sk `DIGESTRCPT` |
 | an unsubscribe token → its recipient | pk `DIGESTTOKEN#<sha256 of the token>`, sk `DIGESTTOKEN` |
 */
export const TABLE_DEFINITION = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const;

/** The search copy's partition of a story (0–3): its id is already a hash, so its first character spreads evenly. */
function searchShard(storyId: string): number {
  return storyId.charCodeAt(0) % 4;
}

/** Key builders: the one place where key strings are spelled. */
export const keys = {
  story: (storyId: string) => ({ pk: `STORY#${storyId}`, sk: 'STORY' }),
  /** A URL is looked up where a story with its hash as id would be; see the table above. */
  url: (urlHash: string) => ({ pk: `STORY#${urlHash}`, sk: 'STORY' }),
  text: (fingerprint: string) => ({ pk: `TEXT#${fingerprint}`, sk: 'TEXT' }),
  credit: (agencyId: string, quarter: string, sortAt: string, storyId: string) => ({
    pk: `CREDIT#${agencyId}`,
    sk: `${quarter}#${sortAt}#${storyId}`,
  }),
  /**
   * Beside the agency's credits (its sk cannot match a quarter's `<quarter>#`
   * credit prefix), one per source: a source is polled by one collector at a
   * time, so its stories' transactions never contend for the item, and the
   * item stays small however many sources an agency has.
   */
  quarterTally: (agencyId: string, quarter: string, sourceId: string) => ({ pk: `CREDIT#${agencyId}`, sk: `TALLY#${quarter}#${sourceId}` }),
  source: (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'SOURCE' }),
  /** The URL hashes of a source's last good poll, apart from the source: a 304 poll never rewrites them. */
  sourceSeen: (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'SEEN' }),
  agency: (agencyId: string) => ({ pk: `AGENCY#${agencyId}`, sk: 'AGENCY' }),
  /** An agency's change history (issue 8): who, when, before, after. */
  agencyAudit: (agencyId: string, at: string, seq: string) => ({ pk: `AGENCY#${agencyId}`, sk: `AUDIT#${at}#${seq}` }),
  /** A local user (issue 8; seeded from the configuration's `users`). */
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'USER' }),
  sourceAudit: (sourceId: string, at: string, seq: string) => ({ pk: `SOURCE#${sourceId}`, sk: `AUDIT#${at}#${seq}` }),
  lastCycle: () => ({ pk: 'CYCLE', sk: 'LAST' }),
  /** A data migration that has run on this table (local stores written by older versions). */
  migration: (id: string) => ({ pk: 'MIGRATIONS', sk: id }),
  pendingArticle: (storyId: string) => ({ pk: 'ARTICLES#PENDING', sk: storyId }),
  humanLabelled: (storyId: string) => ({ pk: 'LABELS#HUMAN', sk: storyId }),
  deskEntry: (storyId: string, desk: string) => ({ pk: `STORY#${storyId}`, sk: `DESK#${desk}` }),
  audit: (storyId: string, at: string, seq: string) => ({ pk: `STORY#${storyId}`, sk: `AUDIT#${at}#${seq}` }),
  queueRow: (desk: string, status: string, area: string | null, sortAt: string, storyId: string) => ({
    pk: area ? `QUEUE#${desk}#${status}#${area}` : `QUEUE#${desk}#${status}`,
    sk: `${sortAt}#${storyId}`,
  }),
  searchRow: (desk: string, status: string, sortAt: string, storyId: string) => ({ pk: `SEARCH#${desk}#${status}${storyId ? `#${searchShard(storyId)}` : ''}`, sk: `${sortAt}#${storyId}` }),
  slot: (desk: string, slotId: string) => ({ pk: `SLOT#${desk}#${slotId}`, sk: 'SLOT' }),
  slotMember: (desk: string, slotId: string, storyId: string) => ({ pk: `SLOT#${desk}#${slotId}`, sk: `MEMBER#${storyId}` }),
  session: (tokenHash: string) => ({ pk: `SESSION#${tokenHash}`, sk: 'SESSION' }),
  apiToken: (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  signInAttempts: (who: string, windowStart: string) => ({ pk: `SIGNIN#${who}`, sk: windowStart }),
  submission: (submissionId: string) => ({ pk: `SUBMISSION#${submissionId}`, sk: 'SUBMISSION' }),
  submissionAttachment: (submissionId: string, attachmentId: string) => ({ pk: `SUBMISSION#${submissionId}`, sk: `ATTACHMENT#${attachmentId}` }),
  receiptCounter: (year: string) => ({ pk: `RECEIPTS#${year}`, sk: 'COUNTER' }),
  mailLog: (vietnamMonth: string, at: string, messageId: string) => ({ pk: `MAIL#${vietnamMonth}`, sk: `${at}#${messageId}` }),
  reminder: (quarter: string, threshold: number, target: string) => ({ pk: `REMINDER#${quarter}`, sk: `${threshold}#${target}` }),
  digest: (week: string) => ({ pk: `DIGEST#${week}`, sk: 'DIGEST' }),
  digestSend: (week: string, email: string) => ({ pk: `DIGEST#${week}`, sk: `RCPT#${email}` }),
  digestRecipient: (email: string) => ({ pk: `DIGESTRCPT#${email}`, sk: 'DIGESTRCPT' }),
  digestToken: (tokenHash: string) => ({ pk: `DIGESTTOKEN#${tokenHash}`, sk: 'DIGESTTOKEN' }),
} as const;

/** Partition values of gsi1. */
export const gsi1 = {
  feed: (vietnamMonth: string) => `FEED#${vietnamMonth}`,
  sources: 'SOURCES',
  agencies: 'AGENCIES',
  tokens: 'TOKENS',
  users: 'USERS',
  /** A user's live sessions, so disabling the user ends them. */
  userSessions: (userId: string) => `USERSESSIONS#${userId}`,
  submissions: (agencyId: string) => `SUBMISSIONS#${agencyId}`,
  quarterCredits: (quarter: string, shard: number) => `QCREDIT#${quarter}#${shard}`,
  /** One item per agency with credits in the quarter: a few hundred at most, one partition is enough. */
  quarterTallies: (quarter: string) => `QTALLY#${quarter}`,
  digests: 'DIGESTS',
} as const;

/** The CreateTable input the local runtime uses (on demand, like the stack). */
export function createTableInput(tableName: string) {
  const { partitionKey, sortKey, globalSecondaryIndexes } = TABLE_DEFINITION;
  const attributes = new Map<string, string>();
  for (const key of [partitionKey, sortKey, ...globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    attributes.set(key.name, key.type);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S',
    })),
    KeySchema: [
      { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: sortKey.name, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
