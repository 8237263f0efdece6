/**
 * `cchc digest --week 2025-W14 [--send]`: the digest of an ISO week
 * (Vietnam time) on the local store. Renders and archives it (S3 and
 * `.cchc/digests/<week>/`), prints the absolute paths of the HTML and JSON;
 * with `--send` e-mails it through the local outbox, once per recipient. A
 * week already sent is never sent or rewritten again: it says
 * `already sent at <time>` and exits 0.
 */
import { join } from 'node:path';
import type { CommandIo } from './io';
import { CliError } from './io';
import { parseCommandArgs } from './args';
import { loadConfig } from '../../shared/config/load';
import { createDeskService } from '../../shared/desks/create';
import { resolveRecipients } from '../../shared/digest/config';
import { prepareDigest, sendDigest, type DigestSources } from '../../shared/digest/service';
import { writeLocalDigest } from '../../shared/digest/local';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { isoWeekBounds } from '../../shared/time/vietnam';
import { openLocalStores, runningRuntime } from '../local/stores';
import { DATA_DIR, DEMO_CONFIG, OUTBOX_DIR } from '../local/paths';

const USAGE = 'usage: cchc digest --week YYYY-Www [--send] [--config FILE]\n';

/** Only ever used for `.eml` files in the local outbox when the configuration names no sender. */
const LOCAL_FALLBACK_SENDER = 'cchc@localhost.localdomain';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const values = parseCommandArgs(argv, { week: { type: 'string' }, send: { type: 'boolean' }, config: { type: 'string' } }, USAGE, io);
  if (!values) return 0;
  if (!values.week) throw new CliError(`--week is required — ${USAGE.trim()}`);
  const week = values.week.toUpperCase().replace(/^(\d{4})-W(\d)$/, '$1-W0$2');
  try {
    isoWeekBounds(week);
  } catch (error) {
    throw new CliError(`--week: ${(error as Error).message}`);
  }
  const config = await loadConfig(values.config ?? DEMO_CONFIG).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const runtime = await runningRuntime();
  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) });
  try {
    const now = new Date();
    const deps: DigestSources = {
      clients: stores.clients,
      stories: new StoriesRepository(stores.clients),
      sources: new SourcesRepository(stores.clients),
      desks: createDeskService(stores.clients, config.desks ?? []),
    };
    const dir = join(DATA_DIR, 'digests');
    if (!values.send) {
      const prepared = await prepareDigest(deps, week, now);
      const files = await writeLocalDigest(dir, prepared.content);
      io.stdout(`${files.html}\n${files.json}\n`);
      if (prepared.record?.state === 'sent') io.stdout(`already sent at ${prepared.record.sentAt}\n`);
      return 0;
    }
    const mailer = new OutboxMailer({ clients: stores.clients, dir: OUTBOX_DIR, sender: config.mail?.sender ?? LOCAL_FALLBACK_SENDER });
    const appUrl = config.mail?.appUrl ?? runtime?.httpUrl ?? 'http://localhost:3000';
    const recipients = resolveRecipients(config.digest, config.users ?? []);
    const summary = await sendDigest({ ...deps, mailer, config: { recipients, appUrl } }, week, now);
    const files = await writeLocalDigest(dir, summary.content);
    io.stdout(`${files.html}\n${files.json}\n`);
    if (summary.outcome === 'already-sent') {
      io.stdout(`already sent at ${summary.sentAt}\n`);
      return 0;
    }
    io.stdout(`sent to ${summary.sent} recipient(s), ${summary.skipped} skipped, ${summary.failed} failed — outbox: ${OUTBOX_DIR}\n`);
    if (summary.outcome === 'incomplete') {
      for (const result of summary.results.filter((r) => r.outcome === 'failed')) io.stderr(`cchc digest: ${result.email}: ${result.error}\n`);
      return 1;
    }
    return 0;
  } finally {
    await stores.stop();
  }
}
