/**
 * One written form of a source or agency entry: keys in the schema's order,
 * defaults spelled out for agencies, and "no value" spelled one way for
 * sources (an absent `encoding`, `paused: false`, … are left out). The diff
 * compares these forms and the export writes them, so an export read back
 * by import differs in nothing.
 */
import { agencySchema, htmlSelectorsSchema, sourceSchema, type Agency, type CchcConfig, type Source } from '../config/schema';

const AGENCY_KEYS = Object.keys(agencySchema.shape) as (keyof Agency)[];
const SOURCE_KEYS = Object.keys(sourceSchema.shape) as (keyof Source)[];
const SELECTOR_KEYS = Object.keys(htmlSelectorsSchema.shape) as (keyof NonNullable<Source['html']>)[];

/** An agency in its written form (every field, schema order). */
export function canonicalAgency(agency: Agency): Agency {
  const parsed = agencySchema.parse(agency);
  return Object.fromEntries(AGENCY_KEYS.map((key) => [key, parsed[key]])) as Agency;
}

/** A source in its written form: schema order, no empty optional fields. */
export function canonicalSource(source: Source): Source {
  const out: Record<string, unknown> = {};
  for (const key of SOURCE_KEYS) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    if (key === 'paused' && value === false) continue;
    if (key === 'html') {
      const selectors = value as NonNullable<Source['html']>;
      out.html = Object.fromEntries(SELECTOR_KEYS.filter((k) => selectors[k] !== undefined).map((k) => [k, selectors[k]]));
      continue;
    }
    out[key] = value;
  }
  return out as Source;
}

/**
 * Entries in a stable order: those the reference file lists, in its order,
 * then the others by id (an export keeps the repository file's order, so its
 * diff in git shows only what changed).
 */
export function stableOrder<T extends { id: string }>(entries: readonly T[], referenceIds: readonly string[]): T[] {
  const position = new Map(referenceIds.map((id, index) => [id, index]));
  return [...entries].sort((a, b) => {
    const pa = position.get(a.id);
    const pb = position.get(b.id);
    if (pa !== undefined && pb !== undefined) return pa - pb;
    if (pa !== undefined) return -1;
    if (pb !== undefined) return 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * The configuration file as exported: the table's agencies and sources, and
 * every other section taken from `file` (desks, users, compliance, … do not
 * live in the table), in the file's key order.
 */
export function buildExport(file: CchcConfig, table: { agencies: readonly Agency[]; sources: readonly Source[] }): Record<string, unknown> {
  const agencies = stableOrder(table.agencies.map(canonicalAgency), file.agencies.map((a) => a.id));
  const sources = stableOrder(table.sources.map(canonicalSource), file.sources.map((s) => s.id));
  const out: Record<string, unknown> = {};
  for (const key of ['agencies', 'sources', ...Object.keys(file).filter((k) => k !== 'agencies' && k !== 'sources')]) {
    out[key] = key === 'agencies' ? agencies : key === 'sources' ? sources : (file as Record<string, unknown>)[key];
  }
  return out;
}

/** JSON text of an export: two-space indent, UTF-8 as is (diacritics not escaped), a final newline. */
export function exportText(exported: Record<string, unknown>): string {
  return `${JSON.stringify(exported, null, 2)}\n`;
}
