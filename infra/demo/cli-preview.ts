/**
 * Starts the demo agency sites on their fixed ports and prints their URLs,
 * for browsing by hand: `npx tsx infra/demo/cli-preview.ts [--now ISO]`.
 * Ctrl-C stops them.
 */
import { parseArgs } from 'node:util';
import { DEMO_SITES, startDemoSites } from './server';

const { values } = parseArgs({ options: { now: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  process.stdout.write('usage: npx tsx infra/demo/cli-preview.ts [--now 2026-11-25T10:30:00+07:00]\n');
  process.exit(0);
}
const fixed = values.now ? new Date(values.now) : null;
if (fixed && Number.isNaN(fixed.getTime())) {
  process.stderr.write(`cli-preview: not a date: ${values.now}\n`);
  process.exit(2);
}

const demo = await startDemoSites({ ports: 'fixed', ...(fixed ? { now: () => fixed } : {}) }).catch((error: Error) => {
  process.stderr.write(`cli-preview: ${error.message}\n`);
  process.exit(1);
});

process.stdout.write(`Các trang web mẫu đang chạy${fixed ? ` (đồng hồ cố định ${fixed.toISOString()})` : ''}:\n\n`);
for (const site of demo.sites) {
  const definition = DEMO_SITES.find((s) => s.id === site.id)!;
  const flag = site.broken ? `  [hỏng có chủ ý: ${site.broken}]` : '';
  process.stdout.write(`  ${site.id.padEnd(36)} ${site.kind.padEnd(5)} ${site.sourceUrl}${flag}\n`);
  process.stdout.write(`  ${''.padEnd(36)} ${''.padEnd(5)} ${definition.quirks.join('; ')}\n`);
}
process.stdout.write('\nNhấn Ctrl-C để dừng.\n');

const stop = () => {
  void demo.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
