import type { CommandIo } from './io';
import { CliError } from './io';
import { parseCommandArgs } from './args';
import { loadConfig } from '../../shared/config/load';
import { openLocalStores } from '../local/stores';
import { createLocalPipeline } from '../local/pipeline';
import { DEMO_CONFIG } from '../local/paths';
import { isPortOpen } from '../local/child-process';
import { formatPollLine, progressBar } from './progress';

const USAGE = 'usage: cchc collect --once [--config FILE] [--no-articles]\n';

/** How long `--once` waits for the article stage to drain before it stops. */
const ARTICLE_DRAIN_LIMIT_MS = 180_000;

/** `cchc collect --once`: one collection cycle on the local store. */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const values = parseCommandArgs(argv, { once: { type: 'boolean' }, config: { type: 'string' }, 'no-articles': { type: 'boolean' } }, USAGE, io);
  if (!values) return 0;
  if (!values.once) throw new CliError(`collect needs --once (the schedule runs in "npm start") — ${USAGE.trim()}`);

  const config = await loadConfig(values.config ?? DEMO_CONFIG).catch((error: Error) => {
    throw new CliError(error.message);
  });
  let demo: { close(): Promise<void> } | null = null;
  if (!values.config) {
    const { startDemoSites, DEMO_FIRST_PORT } = await import('../demo/server');
    // A running `npm start` already serves the demo sites on their ports.
    if (!(await isPortOpen(DEMO_FIRST_PORT))) demo = await startDemoSites({ ports: 'fixed' });
  }
  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) }).catch((error: Error) => {
    throw new CliError(`cannot open the local store: ${error.message}`, 1);
  });
  const pipeline = createLocalPipeline({ clients: stores.clients, desks: config.desks ?? [] });
  try {
    await pipeline.seed(config);
    if (!values['no-articles']) await pipeline.resumeArticles();
    const bar = progressBar(io, 'Thu thập');
    const summary = await pipeline.runCycle({
      all: true,
      onResult: (result, done, total) => {
        bar.clear();
        io.stdout(`${formatPollLine(result)}\n`);
        bar.update(done, total);
      },
    });
    bar.clear();
    io.stdout(
      `Chu kỳ xong: ${summary.sources} nguồn, ${summary.newStories} tin mới, ${summary.seen} tin đã có, ${summary.syndicated} tin đăng lại, ${summary.failed} nguồn lỗi, ${(summary.durationMs / 1000).toFixed(1)} s\n`,
    );
    if (!values['no-articles'] && pipeline.articleQueue.depth > 0) {
      io.stderr(`Đang lấy nội dung ${pipeline.articleQueue.depth} bài viết…\n`);
      const drained = await Promise.race([
        pipeline.articleQueue.idle().then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ARTICLE_DRAIN_LIMIT_MS).unref()),
      ]);
      if (!drained) io.stderr(`Còn ${pipeline.articleQueue.depth} bài chưa lấy nội dung; lần chạy sau sẽ tiếp tục.\n`);
    }
    return 0;
  } finally {
    pipeline.close();
    await stores.stop();
    await demo?.close();
  }
}
