import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { CommandIo } from './io';
import { CliError } from './io';
import { parseCommandArgs } from './args';
import { openLocalStores } from '../local/stores';
import { join } from 'node:path';
import { DEMO_CONFIG, REPO_ROOT } from '../local/paths';
import { ConfigError, loadConfig, parseConfig, readJsonFile } from '../../shared/config/load';
import { createAwsClients, type AwsClients } from '../../shared/store/clients';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';
import { buildExport, exportText } from '../../shared/sources/canonical';
import { applyImport, diffWithTable, seedFromConfig } from '../../shared/sources/config-sync';
import { diffCounts, formatDiff } from '../../shared/sources/format-diff';
import { sourcesVi } from '../../shared/sources/strings';
import { formatVietnamDateTime } from '../../shared/web/html';
import { environment } from '../../shared/env';

const USAGE = `usage: cchc config export [FILE | --out FILE] [--config FILE] [--table NAME --region REGION]
       cchc config import FILE [--dry-run] [--prune] [--by NAME] [--table NAME --region REGION]
       cchc config seed FILE [--table NAME --region REGION]
  export: the table's agencies and sources as a configuration file (the other sections from --config, default config/demo.json,
          config/agencies.json with --table)
  import: validate FILE, print the differences with the table, then apply them (not with --dry-run);
          entries only in the table are listed and kept; --prune deletes such sources (agencies are never deleted)
  seed:   write the agencies and sources of FILE that the table lacks, never changing existing ones
          (what npm start does on every start, and every deploy for the deployed table)
  --table: the deployed stack's table (output TableName) with your AWS credentials, instead of the local store
           (or that table at CCHC_DYNAMODB_ENDPOINT when it is set)
`;

const OPTIONS = {
  out: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  prune: { type: 'boolean' },
  by: { type: 'string' },
  table: { type: 'string' },
  region: { type: 'string' },
} as const;

/** The store: the deployed table with --table, else the local one. */
async function openStore(values: { table?: string; region?: string }, io: CommandIo): Promise<{ clients: AwsClients; stop(): Promise<void> }> {
  if (values.table) {
    if (!values.region) throw new CliError('--table needs --region (the stack\'s region, e.g. ap-southeast-1)');
    // CCHC_DYNAMODB_ENDPOINT, when set, points --table at another server (DynamoDB Local), as for every command.
    const endpoint = environment().CCHC_DYNAMODB_ENDPOINT;
    const clients = createAwsClients({ region: values.region, tableName: values.table, bucketName: 'unused', ...(endpoint ? { dynamoEndpoint: endpoint } : {}) });
    return { clients, stop: async () => clients.dynamo.destroy() };
  }
  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) }).catch((error: Error) => {
    throw new CliError(`cannot open the local store: ${error.message}`, 1);
  });
  return stores;
}

async function loadOrFail(path: string) {
  return loadConfig(path).catch((error: Error) => {
    throw new CliError(error.message);
  });
}

/**
 * `cchc config export|import`: the configuration file as the import/export
 * format of the agencies and sources that live in the table.
 */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const [action, ...rest] = argv;
  if (!action || action === '--help' || action === '-h') {
    io.stdout(USAGE);
    return action ? 0 : 2;
  }
  if (action !== 'export' && action !== 'import' && action !== 'seed') throw new CliError(`unknown action "${action}" — ${USAGE.split('\n')[0]!.trim()}`);
  const positional = rest[0] && !rest[0].startsWith('-') ? rest.shift() : undefined;
  const values = parseCommandArgs(rest, OPTIONS, USAGE, io);
  if (!values) return 0;
  if (action === 'seed') return seedConfig(values, positional, io);
  return action === 'export' ? exportConfig(values, positional ?? values.out, io) : importConfig(values, positional, io);
}

async function seedConfig(values: { table?: string; region?: string }, path: string | undefined, io: CommandIo): Promise<number> {
  if (!path) throw new CliError(`seed needs a FILE — ${USAGE.split('\n')[2]!.trim()}`);
  const file = await loadOrFail(path);
  const store = await openStore(values, io);
  try {
    const seeded = await seedFromConfig(new SourceAdminRepository(store.clients), file, new Date());
    io.stdout(`${sourcesVi.cli.seeded(seeded.agenciesAdded, seeded.sourcesAdded)}\n`);
    if (seeded.differing) io.stdout(`${sourcesVi.cli.seedDiffers(seeded.differing)}\n`);
    return 0;
  } finally {
    await store.stop();
  }
}

async function exportConfig(values: { config?: string; table?: string; region?: string }, out: string | undefined, io: CommandIo): Promise<number> {
  // The other sections come from the file the store was seeded from: the demo's locally, the province's for a deployed table.
  const file = await loadOrFail(values.config ?? (values.table ? join(REPO_ROOT, 'config', 'agencies.json') : DEMO_CONFIG));
  const store = await openStore(values, io);
  try {
    const repo = new SourceAdminRepository(store.clients);
    const [agencies, sources] = await Promise.all([repo.listAgencies(), repo.listSources()]);
    const exported = buildExport(file, { agencies: agencies.map((a) => a.agency), sources: sources.map((s) => s.record.source) });
    // What is written must load again: a table that drifted into an invalid state is refused, not exported.
    try {
      parseConfig(exported);
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(`the table does not make a valid configuration: ${error.message}`, 1);
      throw error;
    }
    const text = exportText(exported);
    if (out) {
      writeFileSync(out, text, 'utf8');
      io.stderr(`${sourcesVi.cli.exported(out, agencies.length, sources.length)}\n`);
    } else io.stdout(text);
    return 0;
  } finally {
    await store.stop();
  }
}

async function importConfig(values: { 'dry-run'?: boolean; prune?: boolean; by?: string; table?: string; region?: string }, path: string | undefined, io: CommandIo): Promise<number> {
  if (!path) throw new CliError(`import needs a FILE — ${USAGE.split('\n')[1]!.trim()}`);
  let file;
  try {
    file = parseConfig(await readJsonFile(path));
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`${path}: ${error.message}`);
    throw new CliError(`${path}: ${(error as Error).message}`);
  }
  const store = await openStore(values, io);
  try {
    const repo = new SourceAdminRepository(store.clients);
    const table = await diffWithTable(repo, file);
    for (const line of formatDiff(table.diff, path)) io.stdout(`${line}\n`);
    const counts = diffCounts(table.diff);
    if (values['dry-run']) {
      io.stdout(`${sourcesVi.cli.dryRun}\n`);
      return 0;
    }
    const by = values.by ?? `cchc config import (${userInfo().username})`;
    const outcome = await applyImport(repo, table, { by, now: new Date(), prune: Boolean(values.prune) });
    if (outcome.applied) io.stdout(`${sourcesVi.cli.applied(outcome.applied)}\n`);
    if (outcome.pruned) io.stdout(`${sourcesVi.cli.pruned(outcome.pruned)}\n`);
    const absentSources = table.diff.sources.filter((e) => e.kind === 'absent-from-file').length;
    const kept = counts.absent - (values.prune ? absentSources : 0);
    if (kept > 0) io.stdout(`${sourcesVi.cli.absentKept(kept)}\n`);
    for (const conflict of outcome.conflicts) {
      const what = conflict.entity === 'source' ? 'Nguồn' : 'Cơ quan';
      io.stderr(`${sourcesVi.cli.conflict(what, conflict.id, conflict.stamp?.updatedBy ?? 'người khác', formatVietnamDateTime(conflict.stamp?.updatedAt) || 'vừa rồi')}\n`);
    }
    return outcome.conflicts.length ? 1 : 0;
  } finally {
    await store.stop();
  }
}
