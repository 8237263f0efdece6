/**
 * The desks benchmark of issue 4: 20,000 stories in DynamoDB Local, queued
 * on the newspaper desk as collection would leave them, then a desk's queue
 * page (50 stories, filtered by area), a text search in that queue and the
 * planner for one slot, each timed many times.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { AREA_IDS, type AreaId } from '../shared/config/areas';
import type { Desk } from '../shared/desks/config';
import { DeskService, entryFromStory, searchWords } from '../shared/desks/desk-service';
import type { DeskStatus } from '../shared/desks/workflow';
import { newEntryItems } from '../shared/store/desks-repo';
import { StoriesRepository } from '../shared/store/stories-repo';
import type { AwsClients } from '../shared/store/clients';
import { keys, gsi1 } from '../shared/store/table';
import { toStory, withMachineLabel, type Story } from '../shared/stories/story';
import { SeededRandom } from '../infra/demo/random';
import { nextSlot } from '../shared/desks/slots';
import { renderDeskQueuePage } from '../shared/web/pages/desk-queue';
import { compressed } from '../functions/api/compress';
import { percentile } from './stats';

const STORIES = Number(process.env.BENCH_DESK_STORIES ?? 20_000);
const RUNS = 40;

const TITLE_PARTS = [
  ['Sở Tư pháp', 'UBND huyện Tuy Phước', 'Sở Nội vụ', 'UBND thị xã An Nhơn', 'Sở Tài chính', 'Sở Thông tin và Truyền thông', 'UBND thành phố Quy Nhơn'],
  ['triển khai', 'đẩy mạnh', 'kiểm tra', 'tổng kết', 'rà soát', 'hướng dẫn'],
  ['cải cách thủ tục hành chính', 'số hóa hồ sơ', 'dịch vụ công trực tuyến', 'tinh gọn bộ máy', 'chữ ký số', 'kỷ luật, kỷ cương hành chính', 'Đề án 06', 'tự chủ tài chính', 'bộ phận một cửa', 'chuyển đổi số'],
  ['năm 2026', 'quý IV', 'tại cấp xã', 'trên địa bàn tỉnh', 'cho người dân và doanh nghiệp', 'đợt 2'],
];

async function timed(runs: number, work: (run: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work(run);
    times.push(performance.now() - started);
  }
  return times;
}

/** Writes the stories and their desk entries with batched writes, as fast as the local table takes them. */
async function seed(clients: AwsClients, desk: Desk, now: Date): Promise<Story[]> {
  const random = new SeededRandom('bench-desks');
  const statuses: DeskStatus[] = ['proposed', 'proposed', 'proposed', 'proposed', 'proposed', 'proposed', 'proposed', 'proposed', 'shortlisted', 'rejected'];
  const stories: Story[] = [];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < STORIES; i++) {
    const title = TITLE_PARTS.map((part) => part[random.int(0, part.length - 1)]!).join(' ') + ` (${i})`;
    const agencyId = `co-quan-${random.int(1, 48)}`;
    const publishedAt = new Date(now.getTime() - random.int(0, 59 * 24 * 60) * 60_000).toISOString();
    const source = { id: `${agencyId}-rss`, agencyId, kind: 'rss' as const, url: `https://${agencyId}.example.gov.vn/rss` };
    const primary = AREA_IDS[random.int(0, AREA_IDS.length - 1)]!;
    const secondary = random.int(0, 2) === 0 ? [AREA_IDS[random.int(0, AREA_IDS.length - 1)]!].filter((area) => area !== primary) : [];
    const areas: AreaId[] = [primary, ...secondary];
    const candidate = toStory({ title, url: `https://${agencyId}.example.gov.vn/tin/${i}`, publishedAt, summary: `Tóm tắt tin ${title.toLowerCase()}.` }, source, now);
    const labelled = withMachineLabel(candidate, { relevant: true, areas, confidence: 0.5 + random.int(0, 50) / 100, evidence: [], version: 'bench', at: now.toISOString() });
    const story = { ...labelled.story, wordCount: random.int(150, 700) };
    stories.push(story);
    items.push({ ...keys.story(story.id), type: 'story', gsi1pk: gsi1.feed(story.sortAt.slice(0, 7)), gsi1sk: `${story.sortAt}#${story.id}`, ...story, agencyIds: new Set(story.agencyIds) });
    const entry = { ...entryFromStory(story, desk, now, null), status: statuses[random.int(0, statuses.length - 1)]! };
    items.push(...newEntryItems(entry));
  }
  const limit = pLimit(8);
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let done = 0;
  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const result = await clients.dynamo.send(new BatchWriteCommand({ RequestItems: { [clients.tableName]: pending } }));
          pending = (result.UnprocessedItems?.[clients.tableName] ?? []) as typeof pending;
        }
        if (++done % 1000 === 0) process.stderr.write(`  desks: ${done * 25} of ${items.length} items written\n`);
      }),
    ),
  );
  return stories;
}

/** The figures of the desks benchmark, p95 in milliseconds. */
export interface DesksBenchFigures {
  stories: number;
  queueP95: number;
  /** One rendered queue page (50 stories, 200 agencies in the filter), as sent and gzipped as the api sends it. */
  queuePageBytes: { raw: number; gzip: number };
  searchP95: number;
  searchHits: number;
  /** A search that finds nothing, so reads the whole queue's search copy. */
  searchMissP95: number;
  plannerP95: number;
  plannerStories: number;
  plannerFill: number;
  seedSeconds: number;
}

/** The bytes of one queue page as an editor's browser receives it: rendered as the api does, then gzipped by its response step. */
async function measureQueuePage(desks: DeskService, desk: Desk): Promise<{ raw: number; gzip: number }> {
  const result = await desks.queue({ desk: desk.id, status: 'proposed' });
  const agencies = Array.from({ length: 200 }, (_, index) => ({ id: `xa-${index}`, name: `Ủy ban nhân dân xã Phước Sơn ${index + 1}` }));
  const body = renderDeskQueuePage({
    desk,
    filters: { status: 'proposed' },
    rows: result.rows,
    cursor: result.cursor,
    isFirstPage: true,
    agencies,
    canPlan: true,
    chrome: { userName: 'Biên tập viên Báo Bình Định', roleName: 'Biên tập viên', links: [{ href: '/', label: 'Tin mới' }], csrfToken: 'x'.repeat(43) },
  });
  const sent = compressed({ headers: { 'accept-encoding': 'gzip, deflate, br' } }, { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body });
  return { raw: Buffer.byteLength(body), gzip: Buffer.from(sent.body!, 'base64').length };
}

/** Seeds the table and measures the desk's three hot paths. */
export async function benchDesks(clients: AwsClients, desk: Desk, now = new Date()): Promise<DesksBenchFigures> {
  const seedStarted = performance.now();
  await seed(clients, desk, now);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const desks = new DeskService(clients, new StoriesRepository(clients), [desk], async () => new Map());

  // Warm the connection and the JVM's paths once; Lambda keeps warm containers too.
  await desks.queue({ desk: desk.id, status: 'proposed', area: 'procedures' });
  const queue = await timed(RUNS, (run) => desks.queue({ desk: desk.id, status: 'proposed', area: AREA_IDS[run % AREA_IDS.length]! }));
  const queuePageBytes = await measureQueuePage(desks, desk);
  // A word that occurs in some titles only, typed without diacritics: the whole partition may be read.
  let searchHits = 0;
  const search = await timed(RUNS / 2, async () => {
    const page = await desks.queue({ desk: desk.id, status: 'proposed', words: searchWords('so hoa ho so cap xa') });
    searchHits = page.rows.length;
  });
  // The worst case: a word found nowhere, so the whole search partition is read.
  const searchMiss = await timed(RUNS / 4, () => desks.queue({ desk: desk.id, status: 'proposed', words: searchWords('khongcotu') }));
  let plannerStories = 0;
  let plannerFill = 0;
  const slot = nextSlot(desk.slot, now);
  const planner = await timed(RUNS / 2, async () => {
    const { plan } = await desks.plan(desk.id, slot, now);
    plannerStories = plan.storyIds.length;
    plannerFill = plan.fill;
  });
  return {
    stories: STORIES,
    queueP95: percentile(queue, 95),
    queuePageBytes,
    searchP95: percentile(search, 95),
    searchHits,
    searchMissP95: percentile(searchMiss, 95),
    plannerP95: percentile(planner, 95),
    plannerStories,
    plannerFill,
    seedSeconds,
  };
}
