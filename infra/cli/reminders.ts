import type { CommandIo } from './io';
import { CliError } from './io';
import { parseCommandArgs } from './args';
import { loadConfig } from '../../shared/config/load';
import { remindersCliStrings } from '../../shared/web/strings-mail';
import { RemindersIncompleteError } from '../../functions/reminders/handler';
import type { RemindersSummary } from '../../shared/reminders/run';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';
import { SEED_AUTHOR } from '../../shared/sources/config-sync';
import { openLocalStores, runningRuntime } from '../local/stores';
import { createLocalReminders } from '../local/reminders';
import { DEMO_CONFIG, OUTBOX_DIR } from '../local/paths';

const USAGE = 'usage: cchc reminders [--now ISO] [--config FILE]\n';

/**
 * `cchc reminders`: one reminders round on the local store, into the local
 * outbox — what the daily schedule runs. Safe to repeat: a reminder already
 * sent is skipped.
 */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const values = parseCommandArgs(argv, { now: { type: 'string' }, config: { type: 'string' } }, USAGE, io);
  if (!values) return 0;
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(now.getTime())) throw new CliError(`--now: not an ISO 8601 instant: ${values.now}`);
  }
  const config = await loadConfig(values.config ?? DEMO_CONFIG).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const running = await runningRuntime();
  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) }).catch((error: Error) => {
    throw new CliError(`cannot open the local store: ${error.message}`, 1);
  });
  try {
    const fixed = now;
    const round = createLocalReminders({
      clients: stores.clients,
      config,
      appUrl: running?.httpUrl ?? 'http://localhost:3000',
      ...(fixed ? { now: () => fixed } : {}),
    });
    if (!round) throw new CliError(remindersCliStrings.noMail, 1);
    // The quarter view judges the agencies held in the store: the configuration's seeded as `npm start`
    // seeds them — only those absent, so an agency an admin changed in the product is kept.
    const agencies = new SourceAdminRepository(stores.clients);
    for (const agency of config.agencies) await agencies.putAgencyIfAbsent(agency, new Date(), SEED_AUTHOR);
    let summary: RemindersSummary;
    let code = 0;
    try {
      summary = await round();
    } catch (error) {
      if (!(error instanceof RemindersIncompleteError)) throw error;
      summary = error.summary;
      code = 1;
    }
    io.stdout(`${remindersCliStrings.summary(summary.quarter, summary.threshold, summary.sent, summary.skipped, summary.failed)}\n`);
    for (const result of summary.results) {
      io.stdout(`  ${result.outcome.padEnd(12)} ${result.tag}${result.error ? `  (${result.error})` : ''}\n`);
    }
    if (summary.sent > 0) io.stdout(`${OUTBOX_DIR}\n`);
    io.stdout(`${JSON.stringify({ quarter: summary.quarter, threshold: summary.threshold, sent: summary.sent, skipped: summary.skipped, failed: summary.failed })}\n`);
    return code;
  } finally {
    await stores.stop();
  }
}
