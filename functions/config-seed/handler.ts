/**
 * The config-seed function: the stack's CDK Trigger (infra/constructs/seed.ts)
 * invokes it during a deploy, after the table exists, whenever the bundled
 * configuration file (or this function) changed. It writes the agencies and
 * sources of the file that the table lacks — exactly `cchc config seed`, the
 * same `seedFromConfig` — and never changes an entry the table has: an
 * admin's edit in the product stays. Safe to run again: a second run finds
 * nothing absent and writes nothing. Thin: the file, the clients, the counts.
 *
 * The file is bundled into the function (a JSON import, which esbuild
 * inlines): 13 KB and growing, far past Lambda's 4 KB of environment.
 */
import BUNDLED_CONFIG from '../../config/agencies.json';
import type { CchcConfig } from '../../shared/config/schema';
import { parseConfig } from '../../shared/config/load';
import { createLogger } from '../../shared/observability/logger';
import { seedFromConfig, type SeedOutcome } from '../../shared/sources/config-sync';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';
import { awsTableClients, type AwsClients } from '../../shared/store/table-clients';

const logger = createLogger('config-seed');

/** What one run did, with the file's size for context: counts only, no names or addresses. */
export interface SeedSummary extends SeedOutcome {
  agenciesInFile: number;
  sourcesInFile: number;
}

export interface SeedHandlerDeps {
  clients: AwsClients;
  /** The configuration to seed from; default the bundled `config/agencies.json`, validated. */
  config?: Pick<CchcConfig, 'agencies' | 'sources'>;
  now?: () => Date;
}

/** Builds the handler over explicit dependencies (tests pass local clients). */
export function createSeedHandler(deps: SeedHandlerDeps) {
  const repo = new SourceAdminRepository(deps.clients);
  // Validated here too, although the synth validated the same file: a boundary checks what it is given.
  const config = deps.config ?? parseConfig(BUNDLED_CONFIG);
  // The Trigger's invocation carries no payload worth reading; whatever arrives is ignored.
  return async (): Promise<SeedSummary> => {
    const outcome = await seedFromConfig(repo, config, deps.now?.() ?? new Date());
    const summary: SeedSummary = { ...outcome, agenciesInFile: config.agencies.length, sourcesInFile: config.sources.length };
    logger.info('seeded configuration', { ...summary });
    return summary;
  };
}

let defaultHandler: ReturnType<typeof createSeedHandler> | undefined;

/** The Lambda entry point: invoked by the deploy's Trigger (RequestResponse); a throw fails the deploy. */
export const handler = async (): Promise<SeedSummary> => {
  defaultHandler ??= createSeedHandler({ clients: awsTableClients() });
  return defaultHandler();
};
