/**
 * Data migrations for local stores kept between runs (`.cchc/`): a table
 * written by an older version is brought up to date once, before anything
 * reads it. A table created now needs none of them. (A deployed stack has
 * only ever been written by versions that include these changes.)
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../../shared/store/clients';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { keys } from '../../shared/store/table';

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
    run: async (clients) => void (await new StoriesRepository(clients).rebuildQuarterTallies()),
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
