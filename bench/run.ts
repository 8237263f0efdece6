/**
 * `npm run bench`: the collection benchmark of issue 2, against the real
 * DynamoDB Local and s3rver and 50 local agency hosts in another process.
 * Prints each figure beside its target and the machine it ran on.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpus, totalmem } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { startS3Local } from '../infra/local/s3-local';
import { ensureBucket, ensureTable } from '../infra/local/provision';
import { createLocalPipeline } from '../infra/local/pipeline';
import { createAwsClients } from '../shared/store/clients';
import { extractItems } from '../shared/extract/extract';
import type { Source } from '../shared/config/schema';
import { REPO_ROOT } from '../infra/local/paths';
import { loadConfig } from '../shared/config/load';

const ARTICLE_DRAIN_LIMIT_MS = Number(process.env.BENCH_ARTICLE_LIMIT_MS ?? 600_000);

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
}

function line(name: string, value: string, target: string, ok: boolean | null) {
  const mark = ok === null ? ' ' : ok ? '✓' : '✗';
  console.log(`${mark} ${name.padEnd(44)} ${value.padStart(14)}   target ${target}`);
}

async function startSites(): Promise<{ origins: string[]; sourcesPerHost: number; stop(): void }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run-ts.mjs'), join(REPO_ROOT, 'bench/bench-sites.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench sites exited with ${code}`)));
  });
  const info = JSON.parse(first) as { origins: string[]; sourcesPerHost: number };
  return { ...info, stop: () => child.kill() };
}

/** `BENCH_ONLY=desks npm run bench`: the desks benchmark alone (a minute instead of ten). */
async function desksOnly() {
  console.log(`Machine: ${machine()}`);
  const dynamo = await startDynamoDbLocal();
  const clients = createAwsClients({ region: 'ap-southeast-1', tableName: 'bench-desks', bucketName: 'bench', dynamoEndpoint: dynamo.endpoint, s3Endpoint: 'http://127.0.0.1:1' });
  await ensureTable(clients);
  await printDesks(clients);
  await dynamo.stop();
  process.exit(0);
}

async function printDesks(clients: ReturnType<typeof createAwsClients>): Promise<{ queueP95: number; queuePageBytes: { raw: number; gzip: number } }> {
  const { benchDesks } = await import('./desks-bench');
  const config = await loadConfig(join(REPO_ROOT, 'config/demo.json'));
  const desk = config.desks?.find((candidate) => candidate.id === 'newspaper');
  if (!desk) throw new Error('config/demo.json has no newspaper desk');
  const figures = await benchDesks(clients, desk);
  console.log('');
  console.log(`    desks: ${figures.stories.toLocaleString('en')} stories seeded in ${figures.seedSeconds.toFixed(0)} s`);
  line('desk queue page (50, filtered by area), p95', `${figures.queueP95.toFixed(0)} ms`, '≤ 150 ms', figures.queueP95 <= 150);
  console.log(`    the page as sent: ${(figures.queuePageBytes.raw / 1000).toFixed(0)} kB of HTML, ${(figures.queuePageBytes.gzip / 1000).toFixed(1)} kB gzipped`);
  line('text search in the queue, p95', `${figures.searchP95.toFixed(0)} ms`, '≤ 300 ms', figures.searchP95 <= 300);
  console.log(`    ${figures.searchHits} hits for "so hoa ho so cap xa"`);
  line('text search finding nothing (whole queue), p95', `${figures.searchMissP95.toFixed(0)} ms`, '≤ 300 ms', figures.searchMissP95 <= 300);
  line('planner for one slot, p95', `${figures.plannerP95.toFixed(0)} ms`, '≤ 200 ms', figures.plannerP95 <= 200);
  console.log(`    proposes ${figures.plannerStories} stories, fill ${(figures.plannerFill * 100).toFixed(0)}%`);
  return figures;
}

/** `BENCH_ONLY=compliance npm run bench`: the compliance benchmark alone (issue 5). */
async function complianceOnly() {
  console.log(`Machine: ${machine()}`);
  const dynamo = await startDynamoDbLocal();
  const clients = createAwsClients({ region: 'ap-southeast-1', tableName: 'bench-compliance', bucketName: 'bench', dynamoEndpoint: dynamo.endpoint, s3Endpoint: 'http://127.0.0.1:1' });
  await ensureTable(clients);
  await printCompliance(clients);
  await dynamo.stop();
  process.exit(0);
}

async function printCompliance(clients: ReturnType<typeof createAwsClients>) {
  const { benchCompliance } = await import('./compliance-bench');
  const figures = await benchCompliance(clients);
  console.log('');
  console.log(`    compliance: ${figures.agencies} agencies × ${figures.credits / figures.agencies} credits seeded in ${figures.seedSeconds.toFixed(0)} s`);
  line('quarter view (200 agencies, health, year), p95', `${figures.viewP95.toFixed(0)} ms`, '≤ 300 ms', figures.viewP95 <= 300);
  line('quarter XLSX (read + write), p95', `${figures.xlsxP95.toFixed(0)} ms`, '≤ 1,000 ms', figures.xlsxP95 <= 1000);
  console.log(`    XLSX ${(figures.xlsxBytes / 1024).toFixed(0)} KiB`);
}

/**
 * Bundle sizes and cold start (issue 7); returns each function's cold-start
 * time for the cost model: its init plus every deferred chunk, as if the
 * first invocation needed them all (an upper bound).
 */
async function printBundleFigures() {
  const { benchBundles, printBundles } = await import('./bundles');
  const bundles = await benchBundles();
  printBundles(bundles);
  return Object.fromEntries(bundles.figures.map((f) => [f.name, f.initMs + f.deferredMs]));
}

/** The monthly cost (issue 7), with whatever this run measured. */
async function printCostModel(measured: Parameters<typeof import('./cost').withMeasured>[1] = {}) {
  const { DEFAULT_INPUTS, measureLogBytes, printCost, withMeasured } = await import('./cost');
  printCost(withMeasured(DEFAULT_INPUTS, { ...measured, logs: measureLogBytes() }));
}

/** `BENCH_ONLY=bundles npm run bench`: bundle sizes and cold start alone, then the cost model with those init times. */
async function bundlesOnly() {
  console.log(`Machine: ${machine()}`);
  const initMs = await printBundleFigures();
  await printCostModel({ initMs });
  process.exit(0);
}

/** `BENCH_ONLY=cost npm run bench`: the cost model with its defaults (and measured log lines). */
async function costOnly() {
  await printCostModel();
  process.exit(0);
}

async function main() {
  if (process.env.BENCH_ONLY === 'desks') return desksOnly();
  if (process.env.BENCH_ONLY === 'compliance') return complianceOnly();
  if (process.env.BENCH_ONLY === 'bundles') return bundlesOnly();
  if (process.env.BENCH_ONLY === 'cost') return costOnly();
  console.log(`Machine: ${machine()}`);
  // The classifier first, on a quiet machine: it is measured on its own.
  const { benchClassifier } = await import('./classify-bench');
  const classifier = await benchClassifier();
  const s3Dir = mkdtempSync(join(tmpdir(), 'cchc-bench-s3-'));
  const [dynamo, s3] = await Promise.all([startDynamoDbLocal(), startS3Local({ dataDir: s3Dir })]);
  const sites = await startSites();
  const clients = createAwsClients({ region: 'ap-southeast-1', tableName: 'bench', bucketName: 'bench', dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint });
  await ensureTable(clients);
  await ensureBucket(clients);

  const sources: Source[] = sites.origins.flatMap((origin, host) =>
    Array.from({ length: sites.sourcesPerHost }, (_, index): Source =>
      index % 2 === 0
        ? { id: `h${host}-s${index}`, agencyId: 'bench', kind: 'rss', url: `${origin}/s${index}/list` }
        : { id: `h${host}-s${index}`, agencyId: 'bench', kind: 'html', url: `${origin}/s${index}/list`, html: { item: 'ul.news > li', title: 'a.title', link: 'a.title', date: 'span.date', summary: 'p.sapo' } },
    ),
  );
  console.log(`${sources.length} sources on ${sites.origins.length} hosts; politeness on (1 request at a time, ≥ 1 s apart per host).`);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);

  const globalConcurrency = process.env.BENCH_GLOBAL_CONCURRENCY ? Number(process.env.BENCH_GLOBAL_CONCURRENCY) : undefined;
  const pipeline = createLocalPipeline({ clients, fetcher: globalConcurrency ? { globalConcurrency } : {} });
  await pipeline.seed({ agencies: [{ id: 'bench', name: 'Cơ quan thử', kind: 'department', leadAreas: [], contacts: [], validFrom: '2020-01-01', validTo: null, successorId: null }], sources });
  // The article stage is measured on its own, after the list cycles.
  pipeline.articleQueue.pause();

  // Request units, metered as DynamoDB reports them, for the cost model.
  const { meterCapacity } = await import('./cost');
  const meter = meterCapacity(clients.dynamo);
  let started = performance.now();
  const first = await pipeline.runCycle({
    all: true,
    onResult: (_result, done, total) => {
      if (done % 50 === 0) process.stderr.write(`  first cycle: ${done}/${total} sources, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    },
  });
  const firstMs = performance.now() - started;
  const firstUnits = { read: meter.read, write: meter.write };
  meter.reset();
  started = performance.now();
  const second = await pipeline.runCycle({ all: true });
  const secondMs = performance.now() - started;
  const secondUnits = { read: meter.read, write: meter.write };
  meter.reset();

  // The collecting process's peak is that of the cycles; the article stage
  // (its own Lambda in AWS) is measured on its own below.
  const collectingPeakRss = peakRss;
  peakRss = process.memoryUsage().rss;
  const backlog = pipeline.articleQueue.depth;
  started = performance.now();
  pipeline.articleQueue.resume();
  const drained = await Promise.race([
    pipeline.articleQueue.idle().then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ARTICLE_DRAIN_LIMIT_MS)),
  ]);
  const articleMs = performance.now() - started;
  const articleUnits = { read: meter.read, write: meter.write };
  clearInterval(sampler);

  // Extraction alone: the same list bodies, parsed again and again in-process.
  const bodies = await Promise.all(
    sources.slice(0, 40).map(async (source) => {
      const response = await fetch(source.url);
      return { source, body: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
    }),
  );
  let items = 0;
  const extractStarted = performance.now();
  while (performance.now() - extractStarted < 3000) {
    for (const { source, body, contentType } of bodies) {
      items += (await extractItems({ source, body, url: source.url, contentType, now: new Date() })).length;
    }
  }
  const itemsPerSecond = items / ((performance.now() - extractStarted) / 1000);

  console.log('');
  line('first cycle (200 sources, new stories)', `${(firstMs / 1000).toFixed(1)} s`, '≤ 30 s', firstMs <= 30_000);
  console.log(`    ${first.newStories} new stories, ${first.failed} failed sources`);
  line('second cycle (all 304, robots cached)', `${(secondMs / 1000).toFixed(1)} s`, '≤ 5 s', secondMs <= 5000);
  console.log(`    ${second.notModified} not modified, ${second.newStories} new, ${second.failed} failed`);
  line('extraction alone', `${Math.round(itemsPerSecond).toLocaleString('en')} items/s`, '≥ 2,000 items/s', itemsPerSecond >= 2000);
  line('peak RSS of the collecting process (cycles)', `${(collectingPeakRss / 2 ** 20).toFixed(0)} MB`, '≤ 300 MB', collectingPeakRss <= 300 * 2 ** 20);
  line(
    `article stage, backlog of ${backlog}`,
    drained ? `${(articleMs / 1000).toFixed(1)} s` : `> ${(ARTICLE_DRAIN_LIMIT_MS / 1000).toFixed(0)} s`,
    'measured (1 request/s/host)',
    null,
  );
  const fetched = backlog - pipeline.articleQueue.depth;
  console.log(
    `    ${fetched} of ${backlog} fetched, ${(fetched / (articleMs / 1000)).toFixed(1)} articles/s; dead letters: ${pipeline.articleQueue.deadLetters.length}; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`,
  );

  line('classifier (title + summary, one core)', `${Math.round(classifier.itemsPerSecond).toLocaleString('en')} items/s`, '≥ 20,000 items/s', classifier.itemsPerSecond >= 20_000);
  line('classifier load (fresh process, first call)', `${classifier.loadMs.toFixed(0)} ms`, '≤ 50 ms', classifier.loadMs <= 50);

  const desksClients = createAwsClients({ region: 'ap-southeast-1', tableName: 'bench-desks', bucketName: 'bench', dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint });
  await ensureTable(desksClients);
  const desks = await printDesks(desksClients);

  const complianceClients = createAwsClients({ region: 'ap-southeast-1', tableName: 'bench-compliance', bucketName: 'bench', dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint });
  await ensureTable(complianceClients);
  await printCompliance(complianceClients);

  pipeline.close();
  sites.stop();
  await Promise.all([dynamo.stop(), s3.stop()]);
  rmSync(s3Dir, { recursive: true, force: true });

  // Last, on a quiet machine: fresh processes importing each bundle, then the bill from what was measured.
  const initMs = await printBundleFigures();
  // A steady-state poll's units are metered (plain reads and updates). A new
  // item's are not: DynamoDB Local reports transactional writes growing with
  // the whole transaction's size (≈ 1,800 WRU a story in pages of 20–50, ≈ 6
  // in the demo's small pages, for the same code), which is not how DynamoDB
  // bills them (2 WRU per KB of each item), so the model keeps its estimate.
  console.log(
    `    DynamoDB Local reported: second cycle ${secondUnits.read.toFixed(0)} RRU / ${secondUnits.write.toFixed(0)} WRU; first cycle ${firstUnits.read.toFixed(0)} / ${firstUnits.write.toFixed(0)}; article stage ${articleUnits.read.toFixed(0)} / ${articleUnits.write.toFixed(0)} for ${fetched} articles`,
  );
  await printCostModel({
    initMs,
    collectPolls: second.results.map((r) => ({ host: new URL(sources.find((s) => s.id === r.sourceId)!.url).host, ms: r.durationMs })),
    apiPageMs: desks.queueP95,
    pageBytes: desks.queuePageBytes.gzip,
    units: { pollRead: secondUnits.read / sources.length, pollWrite: secondUnits.write / sources.length },
  });
  process.exit(0);
}

main().catch((error) => {
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
