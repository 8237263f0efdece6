import type { Agency } from '../config/schema';
import type { AwsClients } from '../store/clients';
import { SourcesRepository } from '../store/sources-repo';
import { StoriesRepository } from '../store/stories-repo';
import { desksSchema, type Desk } from './config';
import { DeskService } from './desk-service';

/** Agencies' kinds change rarely; a warm function re-reads them every few minutes. */
const AGENCY_KINDS_TTL_MS = 5 * 60_000;

/**
 * Parses the desks as the stack passes them (`CCHC_DESKS`, the JSON of the
 * configuration's `desks` section). Absent means no desks.
 * @throws Error naming the desk and field when the JSON is invalid.
 */
export function parseDesksJson(json: string | undefined): Desk[] {
  if (!json) return [];
  const result = desksSchema.safeParse(JSON.parse(json));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`CCHC_DESKS: desks.${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}

/** The desk service over a table, reading agencies' kinds from it (cached). */
export function createDeskService(clients: AwsClients, desks: readonly Desk[], clock: () => Date = () => new Date()): DeskService {
  const sources = new SourcesRepository(clients);
  let cache: { at: number; kinds: Map<string, Agency['kind']> } | undefined;
  const agencyKinds = async () => {
    const now = clock().getTime();
    if (!cache || now - cache.at > AGENCY_KINDS_TTL_MS) {
      const agencies = await sources.listAgencies();
      cache = { at: now, kinds: new Map(agencies.map((agency) => [agency.id, agency.kind])) };
    }
    return cache.kinds;
  };
  return new DeskService(clients, new StoriesRepository(clients), desks, agencyKinds);
}
