import type { CommandIo } from './io';
import { parseCommandArgs } from './args';
import { progressBar } from './progress';
import { openLocalStores } from '../local/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { reclassifyStories } from '../../shared/stories/reclassify';
import { defaultClassifier } from '../../shared/stories/default-classifier';
import { CliError } from './io';
import { loadConfig } from '../../shared/config/load';
import { createDeskService } from '../../shared/desks/create';
import { DEMO_CONFIG } from '../local/paths';

const USAGE = 'usage: cchc reclassify [--since YYYY-MM] [--config FILE]\n';

/**
 * `cchc reclassify`: labels again every stored story whose machine label is
 * from an older classifier version. Idempotent and resumable: run it again
 * after an interruption and it carries on.
 */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const values = parseCommandArgs(argv, { since: { type: 'string' }, config: { type: 'string' } }, USAGE, io);
  if (!values) return 0;
  const since = values.since ?? '2020-01';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(since)) throw new CliError(`--since: not a month: ${since} (expected e.g. 2025-04)`);
  const config = await loadConfig(values.config ?? DEMO_CONFIG).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) });
  try {
    const router = createDeskService(stores.clients, config.desks ?? []);
    const bar = progressBar(io, 'Phân loại lại');
    const result = await reclassifyStories(
      { stories: new StoriesRepository(stores.clients), classifier: defaultClassifier, now: () => new Date(), router },
      { since, onProgress: (p) => bar.update(p.monthsDone, p.monthsTotal) },
    );
    bar.clear();
    io.stdout(
      `Đã xem ${result.examined} tin, phân loại lại ${result.relabelled} tin bằng bộ phân loại ${defaultClassifier.version} (${result.monthsTotal} tháng từ ${since}).\n`,
    );
    return 0;
  } finally {
    await stores.stop();
  }
}
