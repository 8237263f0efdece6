/**
 * Data migrations for local stores kept between runs (`.cchc/`): a table
 * written by an older version is brought up to date once, before anything
 * reads it. A table created now needs none of them. (A deployed stack has
 * only ever been written by versions that include these changes.)
 */
import { DeleteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { contributionOf, type TallyContribution } from '../../shared/compliance/tally';
import type { AwsClients } from '../../shared/store/clients';
import { toQuarterCredit } from '../../shared/store/stories-repo';
import { tallyItem } from '../../shared/store/tallies';
import { keys } from '../../shared/store/table';

/**
 * Rebuilds every quarter tally from the credits, replacing whatever tally
 * items exist: for tables written before tallies (or before their current
 * shape). A Scan, which is why it lives here, in the local runtime, and
 * runs once before anything else reads or writes the table.
 * @returns how many tallies were written.
 */
export async function rebuildQuarterTallies(clients: AwsClients): Promise<number> {
  const tallies = new Map<string, { agencyId: string; quarter: string; sourceId: string; contributions: Map<string, TallyContribution> }>();
  const stale: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.dynamo.send(
      new ScanCommand({
        TableName: clients.tableName,
        FilterExpression: '#type IN (:credit, :tally)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':credit': 'credit', ':tally': 'tally' },
        ProjectionExpression: 'pk, sk, #type, agencyId, storyId, quarter, sortAt, sourceId, relevant, areas, mark',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.type === 'tally') {
        stale.push({ pk: item.pk, sk: item.sk });
        continue;
      }
      const credit = toQuarterCredit(item);
      const id = `${credit.agencyId}\u0000${credit.quarter}\u0000${credit.sourceId}`;
      let tally = tallies.get(id);
      if (!tally) tallies.set(id, (tally = { agencyId: credit.agencyId, quarter: credit.quarter, sourceId: credit.sourceId, contributions: new Map() }));
      const contribution = contributionOf(credit);
      // Only stories that count are held (see stories-repo.ts).
      if (contribution.counts) tally.contributions.set(credit.storyId, contribution);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  for (const key of stale) await clients.dynamo.send(new DeleteCommand({ TableName: clients.tableName, Key: key }));
  for (const { agencyId, quarter, sourceId, contributions } of tallies.values()) {
    await clients.dynamo.send(new PutCommand({ TableName: clients.tableName, Item: tallyItem(agencyId, quarter, sourceId, contributions) }));
  }
  return tallies.size;
}

interface Migration {
  id: string;
  /** What the terminal says while it runs. */
  description: string;
  run(clients: AwsClients): Promise<void>;
}

const MIGRATIONS: readonly Migration[] = [
  {
    // Tallies per agency and source (the first shape, per agency, made every source of an agency contend for one item).
    id: '2026-12-quarter-tallies-by-source',
    description: 'Đang dựng bảng đếm tin theo quý của các cơ quan từ dữ liệu cũ…',
    run: async (clients) => void (await rebuildQuarterTallies(clients)),
  },
];

/**
 * Runs the migrations this table lacks; `created` (the table is new) only
 * records them as done.
 */
export async function migrateTable(clients: AwsClients, created: boolean, log: (line: string) => void): Promise<void> {
  for (const migration of MIGRATIONS) {
    const key = keys.migration(migration.id);
    const done = await clients.dynamo.send(new GetCommand({ TableName: clients.tableName, Key: key, ConsistentRead: true }));
    if (done.Item) continue;
    if (!created) {
      log(migration.description);
      await migration.run(clients);
    }
    await clients.dynamo.send(new PutCommand({ TableName: clients.tableName, Item: { ...key, type: 'migration', at: new Date().toISOString() } }));
  }
}
