import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { configSchema, sourceSchema, type CchcConfig, type Source } from './schema';

/** A configuration that cannot be used; the message names the entry and the field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Describes the first problems of a zod error as "sources[3] (id "x").html.item: …". */
function describeIssues(error: z.ZodError, root: unknown): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const [section, index, ...rest] = issue.path;
      let where = issue.path.join('.');
      if (typeof section === 'string' && typeof index === 'number') {
        const entry = (root as Record<string, unknown[]>)[section]?.[index] as { id?: unknown } | undefined;
        const id = typeof entry?.id === 'string' ? ` (id "${entry.id}")` : '';
        where = `${section}[${index}]${id}${rest.length ? '.' + rest.join('.') : ''}`;
      }
      return `${where || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/** Checks what zod cannot see entry by entry: unique ids and links between entries. */
function checkReferences(config: CchcConfig): void {
  const agencyIds = new Set<string>();
  for (const agency of config.agencies) {
    if (agencyIds.has(agency.id)) throw new ConfigError(`agencies (id "${agency.id}"): duplicate id`);
    agencyIds.add(agency.id);
  }
  for (const agency of config.agencies) {
    if (agency.successorId && !agencyIds.has(agency.successorId)) {
      throw new ConfigError(`agencies (id "${agency.id}").successorId: unknown agency "${agency.successorId}"`);
    }
    if (agency.validTo && agency.validTo < agency.validFrom) {
      throw new ConfigError(`agencies (id "${agency.id}").validTo: is before validFrom`);
    }
  }
  const sourceIds = new Set<string>();
  for (const source of config.sources) {
    if (sourceIds.has(source.id)) throw new ConfigError(`sources (id "${source.id}"): duplicate id`);
    sourceIds.add(source.id);
    if (!agencyIds.has(source.agencyId)) {
      throw new ConfigError(`sources (id "${source.id}").agencyId: unknown agency "${source.agencyId}"`);
    }
  }
}

/**
 * Validates a parsed configuration object.
 * @throws ConfigError naming the entry id and field of the first problem.
 */
export function parseConfig(raw: unknown): CchcConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(`invalid configuration: ${describeIssues(result.error, raw)}`);
  checkReferences(result.data);
  return result.data;
}

/** Validates one source entry on its own (its agency need not exist). */
export function parseSource(raw: unknown): Source {
  const result = sourceSchema.safeParse(raw);
  if (!result.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? ` (id "${(raw as { id: string }).id}")` : '';
    const detail = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`invalid source${id}: ${detail}`);
  }
  return result.data;
}

/** Reads a JSON file as text; a syntax error names the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** Loads and validates a configuration file. */
export async function loadConfig(path: string): Promise<CchcConfig> {
  const raw = await readJsonFile(path);
  try {
    return parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${path}: ${error.message}`);
    throw error;
  }
}
