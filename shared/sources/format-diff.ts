import type { ConfigDiff, EntryDiff } from './config-diff';
import { sourcesVi } from './strings';

/** A value as the diff prints it: JSON, `—` for nothing. */
function shown(value: unknown): string {
  return value === null || value === undefined ? '—' : JSON.stringify(value);
}

/** Counts of a diff: added, changed, and only in the table. */
export function diffCounts(diff: ConfigDiff): { added: number; changed: number; absent: number } {
  const all: EntryDiff<unknown>[] = [...diff.agencies, ...diff.sources];
  return {
    added: all.filter((entry) => entry.kind === 'added').length,
    changed: all.filter((entry) => entry.kind === 'changed').length,
    absent: all.filter((entry) => entry.kind === 'absent-from-file').length,
  };
}

/**
 * The diff as Vietnamese lines with the ids: per section the entries added,
 * changed (field by field, before → after) and those only in the table.
 */
export function formatDiff(diff: ConfigDiff, file: string): string[] {
  const t = sourcesVi.cli;
  const lines = [t.header(file)];
  for (const section of ['agencies', 'sources'] as const) {
    const entries: EntryDiff<unknown>[] = diff[section];
    if (!entries.length) continue;
    lines.push(`${t.section[section]}:`);
    for (const entry of entries) {
      if (entry.kind === 'added') lines.push(t.added(entry.id));
      else if (entry.kind === 'absent-from-file') lines.push(t.absent(entry.id));
      else {
        lines.push(t.changed(entry.id));
        for (const change of entry.fields) lines.push(t.field(change.field, shown(change.before), shown(change.after)));
      }
    }
  }
  const counts = diffCounts(diff);
  lines.push(counts.added + counts.changed + counts.absent === 0 ? t.none : t.summary(counts.added, counts.changed, counts.absent));
  lines.push(t.unchanged(diff.unchanged.agencies, diff.unchanged.sources));
  return lines;
}
