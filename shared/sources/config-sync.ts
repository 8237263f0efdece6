/**
 * The configuration file and the table: seeding (first start, fresh start,
 * first deploy) and importing a file on purpose (`cchc config import`).
 *
 * Seeding never overwrites: it writes the agencies and sources that are
 * absent, each with a conditional put, and leaves every existing entry — an
 * admin may have changed it in the product — as it is. Importing is the
 * deliberate way to make the table match a file: it shows the diff first,
 * applies each change conditionally on the version it was computed from, and
 * audits each change; entries only in the table are listed and kept unless
 * `prune` is asked for (sources only: an agency is never deleted, since past
 * quarters are judged against it — record its end and successor instead).
 */
import type { Agency, CchcConfig, Source } from '../config/schema';
import { AlreadyExistsError, StaleVersionError, type SourceAdminRepository, type Stamp, type VersionedAgency, type VersionedSource } from '../store/source-admin-repo';
import { diffConfig, type ConfigDiff } from './config-diff';
import { fetchAffectingChange } from './source-service';

/** Who the seed's entries are stamped with. */
export const SEED_AUTHOR = 'tệp cấu hình (nạp lần đầu)';

/** What a seed did. */
export interface SeedOutcome {
  agenciesAdded: number;
  sourcesAdded: number;
  /** Entries of the file whose copy in the table differs (the table's is kept: an admin may have changed it). */
  differing: number;
}

/** Writes the file's absent agencies and sources; never touches existing ones. */
export async function seedFromConfig(repo: SourceAdminRepository, config: Pick<CchcConfig, 'agencies' | 'sources'>, now: Date): Promise<SeedOutcome> {
  let agenciesAdded = 0;
  let sourcesAdded = 0;
  // Agencies first: a source names its agency.
  for (const agency of config.agencies) if (await repo.putAgencyIfAbsent(agency, now, SEED_AUTHOR)) agenciesAdded++;
  for (const source of config.sources) if (await repo.putSourceIfAbsent(source, now, SEED_AUTHOR)) sourcesAdded++;
  const skipped = config.agencies.length - agenciesAdded + config.sources.length - sourcesAdded;
  // Only when something was kept can the file and the table differ.
  let differing = 0;
  if (skipped > 0) {
    const diff = await diffWithTable(repo, config);
    differing = [...diff.diff.agencies, ...diff.diff.sources].filter((entry) => entry.kind === 'changed').length;
  }
  return { agenciesAdded, sourcesAdded, differing };
}

/** The table's current entries and the diff of a file against them. */
export interface TableDiff {
  diff: ConfigDiff;
  agencies: VersionedAgency[];
  sources: VersionedSource[];
}

/** Reads the table's agencies and sources (two Queries of gsi1) and diffs `file` against them. */
export async function diffWithTable(repo: SourceAdminRepository, file: Pick<CchcConfig, 'agencies' | 'sources'>): Promise<TableDiff> {
  const [agencies, sources] = await Promise.all([repo.listAgencies(), repo.listSources()]);
  const diff = diffConfig(file, { agencies: agencies.map((a) => a.agency), sources: sources.map((s) => s.record.source) });
  return { diff, agencies, sources };
}

/** A change import could not apply because the entry changed after the diff was read. */
export interface ImportConflict {
  entity: 'source' | 'agency';
  id: string;
  stamp: Stamp | null;
}

/** What an import did. */
export interface ImportOutcome {
  applied: number;
  pruned: number;
  conflicts: ImportConflict[];
}

/**
 * Applies a diff computed by {@link diffWithTable}. Idempotent: applying the
 * same file again finds nothing to do. Each write is conditional on what the
 * diff saw, so a change made meanwhile (by an admin, another import) is
 * reported as a conflict, never overwritten.
 */
export async function applyImport(repo: SourceAdminRepository, table: TableDiff, options: { by: string; now: Date; prune: boolean }): Promise<ImportOutcome> {
  const { by, now } = options;
  const outcome: ImportOutcome = { applied: 0, pruned: 0, conflicts: [] };
  const agencyVersion = new Map(table.agencies.map((a) => [a.agency.id, a.version]));
  const sourceVersion = new Map(table.sources.map((s) => [s.record.source.id, s.version]));
  const attempt = async (entity: 'source' | 'agency', id: string, write: () => Promise<unknown>) => {
    try {
      await write();
      return true;
    } catch (error) {
      if (error instanceof StaleVersionError) outcome.conflicts.push({ entity, id, stamp: error.stamp });
      else if (error instanceof AlreadyExistsError) outcome.conflicts.push({ entity, id, stamp: null });
      else throw error;
      return false;
    }
  };
  for (const entry of table.diff.agencies) {
    if (entry.kind === 'added') {
      if (await attempt('agency', entry.id, () => repo.addAgency(entry.after, now, by, 'import'))) outcome.applied++;
    } else if (entry.kind === 'changed') {
      const after: Agency = entry.after;
      if (await attempt('agency', entry.id, () => repo.updateAgency(after, agencyVersion.get(entry.id) ?? 0, { at: now, by, action: 'import', before: entry.before }))) outcome.applied++;
    }
  }
  for (const entry of table.diff.sources) {
    const version = sourceVersion.get(entry.id) ?? 0;
    if (entry.kind === 'added') {
      if (await attempt('source', entry.id, () => repo.addSource(entry.after, now, by, 'import'))) outcome.applied++;
    } else if (entry.kind === 'changed') {
      const after: Source = entry.after;
      const refetch = fetchAffectingChange(entry.before, after);
      const change = { config: after, ...(refetch ? { resetHttp: true, dueAt: now } : {}) };
      if (await attempt('source', entry.id, () => repo.updateSource(entry.id, version, change, { at: now, by, action: 'import', before: entry.before, after }))) outcome.applied++;
    } else if (options.prune) {
      if (await attempt('source', entry.id, () => repo.deleteSource(entry.id, version, { at: now, by, action: 'remove', before: entry.before }))) outcome.pruned++;
    }
  }
  return outcome;
}
