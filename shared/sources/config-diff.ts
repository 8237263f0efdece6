/**
 * What importing a configuration file would change in the table: pure,
 * entry by entry and field by field, by id (order does not matter).
 */
import type { Agency, Source } from '../config/schema';
import { canonicalAgency, canonicalSource } from './canonical';

/** One field that differs: a dotted path (`html.item`) and its two values. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The sections of the file that live in the table. */
export type DiffSection = 'agencies' | 'sources';

/** One entry that differs between the file and the table. */
export type EntryDiff<T> =
  | { kind: 'added'; id: string; after: T }
  | { kind: 'changed'; id: string; before: T; after: T; fields: FieldChange[] }
  /** In the table but not in the file: never removed unless asked to. */
  | { kind: 'absent-from-file'; id: string; before: T };

/** The whole difference: per section, entries in the file's order, then those only in the table by id. */
export interface ConfigDiff {
  agencies: EntryDiff<Agency>[];
  sources: EntryDiff<Source>[];
  unchanged: { agencies: number; sources: number };
}

/** Whether a diff holds anything at all. */
export function isEmptyDiff(diff: ConfigDiff): boolean {
  return diff.agencies.length === 0 && diff.sources.length === 0;
}

/** Leaves of a JSON value as dotted paths; arrays are one leaf (a list of themes is compared whole). */
function leaves(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between two entries, in the order of `after`'s fields, then those only in `before`. */
export function fieldChanges(before: object, after: object): FieldChange[] {
  const b = leaves(before, '', new Map());
  const a = leaves(after, '', new Map());
  const changes: FieldChange[] = [];
  for (const [field, value] of a) if (!same(b.get(field), value)) changes.push({ field, before: b.has(field) ? b.get(field) : null, after: value });
  for (const [field, value] of b) if (!a.has(field)) changes.push({ field, before: value, after: null });
  return changes;
}

function diffSection<T extends { id: string }>(file: readonly T[], table: readonly T[], canonical: (entry: T) => T): { entries: EntryDiff<T>[]; unchanged: number } {
  const inTable = new Map(table.map((entry) => [entry.id, canonical(entry)]));
  const entries: EntryDiff<T>[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const raw of file) {
    const after = canonical(raw);
    seen.add(after.id);
    const before = inTable.get(after.id);
    if (!before) entries.push({ kind: 'added', id: after.id, after });
    else {
      const fields = fieldChanges(before, after);
      if (fields.length) entries.push({ kind: 'changed', id: after.id, before, after, fields });
      else unchanged++;
    }
  }
  const onlyInTable = [...inTable.values()].filter((entry) => !seen.has(entry.id)).sort((x, y) => (x.id < y.id ? -1 : 1));
  for (const before of onlyInTable) entries.push({ kind: 'absent-from-file', id: before.id, before });
  return { entries, unchanged };
}

/**
 * The difference between a validated file (`parseConfig`) and the table's
 * agencies and sources.
 */
export function diffConfig(file: { agencies: readonly Agency[]; sources: readonly Source[] }, table: { agencies: readonly Agency[]; sources: readonly Source[] }): ConfigDiff {
  const agencies = diffSection(file.agencies, table.agencies, canonicalAgency);
  const sources = diffSection(file.sources, table.sources, canonicalSource);
  return { agencies: agencies.entries, sources: sources.entries, unchanged: { agencies: agencies.unchanged, sources: sources.unchanged } };
}
