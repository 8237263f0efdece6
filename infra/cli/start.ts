import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { Cron } from 'croner';
import type { CommandIo } from './io';
import { CliError } from './io';
import { parseCommandArgs } from './args';
import { loadConfig } from '../../shared/config/load';
import { COLLECT_SCHEDULE, REMINDERS_SCHEDULE, DIGEST_SCHEDULE, DIGEST_CHECK_SCHEDULE } from '../../shared/schedules';
import { formatVietnamDateTime } from '../../shared/web/html';
import { openLocalStores, runningRuntime, type RuntimeInfo } from '../local/stores';
import { createLocalPipeline } from '../local/pipeline';
import { createLocalReminders } from '../local/reminders';
import { createLocalDigest } from '../local/digest';
import { remindersCliStrings } from '../../shared/web/strings-mail';
import { routeByPrefix, startApiServer } from '../local/http-server';
import { DATA_DIR, DEMO_CONFIG, OUTBOX_DIR, RUNTIME_FILE } from '../local/paths';
import { createApiHandler } from '../../functions/api/handler';
import { OutboxMailer } from '../../shared/mail/outbox-mailer';
import { EXPORTS_PREFIX, createExportsHandler } from '../../functions/exports/handler';
import { createSourcePreviewHandler, sourcePreviewRoutes } from '../../functions/source-preview/handler';
import { formatPollLine } from './progress';
import { sourcesVi } from '../../shared/sources/strings';

const USAGE = 'usage: npm start [-- --fresh] [--port 3000] [--config FILE]\n';

/**
 * `npm start`: the whole pipeline on one machine — DynamoDB Local and
 * s3rver as child processes, the demo agency sites, a first collection cycle
 * at once and then on the stack's schedule, and the web pages on :3000.
 */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const values = parseCommandArgs(argv, { fresh: { type: 'boolean' }, port: { type: 'string' }, config: { type: 'string' } }, USAGE, io);
  if (!values) return 0;
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port: not a port number: ${values.port}`);
  const running = await runningRuntime();
  if (running) throw new CliError(`the local runtime is already running (pid ${running.pid}) at ${running.httpUrl ?? 'unknown'}`, 1);
  const config = await loadConfig(values.config ?? DEMO_CONFIG).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const log = (line: string) => io.stdout(`${line}\n`);

  const stores = await openLocalStores({ fresh: values.fresh, log });
  const cleanups: (() => Promise<void> | void)[] = [() => stores.stop()];
  const shutdown = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    rmSync(RUNTIME_FILE, { force: true });
  };
  try {
    if (!values.config) {
      const { startDemoSites } = await import('../demo/server');
      const demo = await startDemoSites({ ports: 'fixed' });
      cleanups.push(() => demo.close());
      log(`Các trang web mẫu của ${demo.sites.length} cơ quan đang chạy (${demo.sites[0]?.origin} …).`);
    }
    const pipeline = createLocalPipeline({ clients: stores.clients, desks: config.desks ?? [] });
    cleanups.push(() => pipeline.close());
    const seeded = await pipeline.seed(config);
    if (seeded.agenciesAdded || seeded.sourcesAdded) log(sourcesVi.cli.seeded(seeded.agenciesAdded, seeded.sourcesAdded));
    if (seeded.differing) log(sourcesVi.cli.seedDiffers(seeded.differing));
    const resumed = await pipeline.resumeArticles();
    if (resumed) log(`Tiếp tục lấy nội dung ${resumed} bài viết còn dở.`);

    // Receipts of direct submissions go to the local outbox, like every e-mail here.
    const mailer = config.mail ? new OutboxMailer({ clients: stores.clients, dir: OUTBOX_DIR, sender: config.mail.sender }) : undefined;
    const apiHandler = createApiHandler({
      clients: stores.clients,
      desks: config.desks ?? [],
      users: config.users ?? [],
      ...(config.compliance ? { compliance: config.compliance } : {}),
      ...(mailer ? { mailer } : {}),
      appUrl: config.mail?.appUrl ?? `http://localhost:${port}`,
    });
    const exportsHandler = createExportsHandler({ clients: stores.clients, users: config.users ?? [] });
    // "Thử nguồn này" fetches through the collector's fetcher: the same robots cache and per-host pacing.
    const previewHandler = createSourcePreviewHandler({ clients: stores.clients, desks: config.desks ?? [], users: config.users ?? [], fetcher: pipeline.deps.fetcher });
    // As API Gateway routes in AWS: exports and "Thử nguồn này" to their own functions, the rest to the api.
    const api = await startApiServer(routeByPrefix([{ prefix: EXPORTS_PREFIX, handler: exportsHandler }, ...sourcePreviewRoutes(previewHandler)], apiHandler), { port });
    cleanups.push(() => api.close());
    mkdirSync(DATA_DIR, { recursive: true });
    const info: RuntimeInfo = {
      pid: process.pid,
      dynamoEndpoint: stores.dynamoEndpoint,
      s3Endpoint: stores.s3Endpoint,
      httpUrl: api.url,
      startedAt: new Date().toISOString(),
    };
    writeFileSync(RUNTIME_FILE, JSON.stringify(info, null, 2));
    log(`Giao diện web: ${api.url}  ·  tình trạng: ${api.url}/health  ·  dữ liệu: ${DATA_DIR}`);
    log('Nhấn Ctrl-C để dừng mọi tiến trình.');

    let cycleRunning: Promise<void> | null = null;
    const cycle = (reason: string) => {
      if (cycleRunning) return cycleRunning;
      cycleRunning = (async () => {
        log(`— Chu kỳ thu thập (${reason}) bắt đầu lúc ${formatVietnamDateTime(new Date().toISOString())}`);
        try {
          const summary = await pipeline.dispatchCycle((result) => log(`  ${formatPollLine(result)}`));
          log(
            `— Xong: ${summary.sources} nguồn, ${summary.newStories} tin mới, ${summary.failed} nguồn lỗi, ${(summary.durationMs / 1000).toFixed(1)} s. Nội dung bài viết đang được lấy dần.`,
          );
        } catch (error) {
          log(`— Chu kỳ thu thập thất bại: ${(error as Error).message}`);
        } finally {
          cycleRunning = null;
        }
      })();
      return cycleRunning;
    };
    // The same rule as the stack's EventBridge schedule, in Vietnam time.
    const job = new Cron(COLLECT_SCHEDULE.cron, { timezone: COLLECT_SCHEDULE.timeZone }, () => void cycle('theo lịch'));
    cleanups.push(() => job.stop());
    void cycle('khởi động');
    // The reminders, on the stack's daily schedule, into the local outbox (.cchc/outbox/).
    const reminders = createLocalReminders({ clients: stores.clients, config, appUrl: api.url });
    if (reminders) {
      const remindersJob = new Cron(REMINDERS_SCHEDULE.cron, { timezone: REMINDERS_SCHEDULE.timeZone }, () =>
        void reminders().then(
          (s) => log(`— ${remindersCliStrings.summary(s.quarter, s.threshold, s.sent, s.skipped, s.failed)}`),
          (error: Error & { summary?: { quarter: string; threshold: number | null; sent: number; skipped: number; failed: number } }) =>
            log(`— ${error.summary ? remindersCliStrings.summary(error.summary.quarter, error.summary.threshold, error.summary.sent, error.summary.skipped, error.summary.failed) : `Nhắc việc thất bại: ${error.message}`}`),
        ),
      );
      cleanups.push(() => remindersJob.stop());
    }
    // The weekly digest, Mondays 07:00 Vietnam time as in the stack, into the local outbox.
    const digest = createLocalDigest({ clients: stores.clients, config, appUrl: api.url });
    if (digest) {
      const digestJob = new Cron(DIGEST_SCHEDULE.cron, { timezone: DIGEST_SCHEDULE.timeZone }, () =>
        void digest.send().then(
          (s) => log(`— Bản tin ${s.week}: ${s.outcome === 'already-sent' ? 'đã gửi trước đó' : `gửi ${s.sent}, bỏ qua ${s.skipped}, lỗi ${s.failed}`}`),
          (error: Error) => log(`— Bản tin tuần thất bại: ${error.message}`),
        ),
      );
      cleanups.push(() => digestJob.stop());
      // Its watchdog, Mondays 08:00 as in the stack: in AWS an alarm reads its metric; here the terminal says it.
      const checkJob = new Cron(DIGEST_CHECK_SCHEDULE.cron, { timezone: DIGEST_CHECK_SCHEDULE.timeZone }, () =>
        void digest.check().then(
          (c) => log(`— Kiểm tra bản tin ${c.week}: ${c.overdue ? `CHƯA gửi đủ (${c.missing} trong ${c.recipients} người nhận chưa nhận)` : 'đã gửi đủ'}`),
          (error: Error) => log(`— Kiểm tra bản tin tuần thất bại: ${error.message}`),
        ),
      );
      cleanups.push(() => checkJob.stop());
    }

    await new Promise<void>((resolve) => {
      const stop = () => {
        log('\nĐang dừng…');
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await shutdown();
    log('Đã dừng mọi tiến trình.');
    return 0;
  } catch (error) {
    await shutdown();
    throw error;
  }
}
