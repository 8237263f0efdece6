/**
 * The compliance benchmark of issue 5: 200 agencies × 20 credits in one
 * quarter of DynamoDB Local (seeded with batch writes of credit items, the
 * shape StoriesRepository writes, and the agencies' quarter tallies), then the quarter view (target ≤ 300 ms)
 * and the quarter's XLSX (≤ 1 s), each the 95th percentile of several runs.
 */
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AREA_IDS, type AreaId } from '../shared/config/areas';
import { contributionOf, type TallyContribution } from '../shared/compliance/tally';
import type { CountMark } from '../shared/compliance/types';
import { tallyItem } from '../shared/store/tallies';
import type { Agency } from '../shared/config/schema';
import type { AwsClients } from '../shared/store/clients';
import { SourcesRepository } from '../shared/store/sources-repo';
import { StoriesRepository, creditItem } from '../shared/store/stories-repo';
import { gsi1, keys } from '../shared/store/table';
import { fromVietnamWallClock, toVietnamIso } from '../shared/time/vietnam';
import { loadQuarterView } from '../shared/compliance/view';
import { buildReport } from '../shared/compliance/report';
import { parsePeriod } from '../shared/compliance/periods';
import { complianceXlsx } from '../shared/compliance/exports/xlsx';
import { percentile } from './stats';

export interface ComplianceFigures {
  agencies: number;
  credits: number;
  seedSeconds: number;
  viewP95: number;
  xlsxP95: number;
  xlsxBytes: number;
}

const QUARTER = '2025-Q2';
const AGENCIES = 200;
const PER_AGENCY = 20;
const RUNS = 10;


async function batchWrite(clients: AwsClients, items: Record<string, unknown>[]): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  const write = async (chunk: Record<string, unknown>[]) => {
    let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const result = await clients.dynamo.send(new BatchWriteCommand({ RequestItems: { [clients.tableName]: requests } }));
      requests = (result.UnprocessedItems?.[clients.tableName] ?? []) as typeof requests;
    }
  };
  for (let i = 0; i < chunks.length; i += 8) await Promise.all(chunks.slice(i, i + 8).map(write));
}

/** Seeds and measures; `clients` points at an empty table. */
export async function benchCompliance(clients: AwsClients): Promise<ComplianceFigures> {
  const seedStart = performance.now();
  const sources = new SourcesRepository(clients);
  const stories = new StoriesRepository(clients);
  const kinds: Agency['kind'][] = ['department', 'district', 'commune', 'central', 'association'];
  const agencies: Agency[] = Array.from({ length: AGENCIES }, (_, i) => ({
    id: `agency-${String(i).padStart(3, '0')}`,
    name: `Cơ quan thử nghiệm số ${i}`,
    kind: kinds[i % kinds.length]!,
    leadAreas: i % 4 === 0 ? [AREA_IDS[i % AREA_IDS.length]!] : [],
    contacts: [],
    validFrom: '2020-01-01',
    validTo: null,
    successorId: null,
  }));
  const now = new Date('2025-08-01T00:00:00Z');
  await batchWrite(clients, agencies.map((agency) => ({ ...keys.agency(agency.id), gsi1pk: gsi1.agencies, gsi1sk: agency.id, type: 'agency', agency })));
  for (let i = 0; i < agencies.length; i += 20) {
    await Promise.all(agencies.slice(i, i + 20).map((agency) => sources.upsertSource({ id: `${agency.id}-rss`, agencyId: agency.id, kind: 'rss', url: `https://${agency.id}.example.gov.vn/rss` }, now)));
  }
  const credits: Record<string, unknown>[] = [];
  for (const [a, agency] of agencies.entries()) {
    for (let n = 0; n < PER_AGENCY; n++) {
      const sortAt = toVietnamIso(fromVietnamWallClock(2025, 4 + (n % 3), 1 + ((a + n) % 28), 8 + (n % 9)));
      const storyId = `story-${a}-${n}`;
      credits.push(
        creditItem(
          agency.id,
          {
            id: storyId,
            quarter: QUARTER,
            sortAt,
            title: `Tin cải cách hành chính số ${n} của ${agency.name}: đẩy mạnh dịch vụ công trực tuyến toàn trình`,
            relevant: n % 5 !== 0,
            areas: [AREA_IDS[(a + n) % AREA_IDS.length]!, AREA_IDS[(a + 2 * n + 1) % AREA_IDS.length]!],
            ...(n === 7 ? { countMark: { counted: false, reason: 'Tin trùng', by: 'noivu', at: now.toISOString() } } : {}),
          },
          `${agency.id}-rss`,
          `https://${agency.id}.example.gov.vn/tin/${n}`,
        ),
      );
    }
  }
  await batchWrite(clients, credits);
  // The tallies StoriesRepository writes with every credit, built from the same credits.
  // Each agency has one source here, so one tally item per agency.
  const tallies = new Map<string, Map<string, TallyContribution>>();
  for (const credit of credits) {
    const contributions = tallies.get(credit.agencyId as string) ?? new Map<string, TallyContribution>();
    contributions.set(credit.storyId as string, contributionOf({ sortAt: credit.sortAt as string, relevant: credit.relevant as boolean, areas: credit.areas as AreaId[], mark: credit.mark as CountMark | null }));
    tallies.set(credit.agencyId as string, contributions);
  }
  await batchWrite(clients, [...tallies].map(([agencyId, contributions]) => tallyItem(agencyId, QUARTER, `${agencyId}-rss`, contributions)));
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const deps = { stories, sources };
  // One warm-up each (connections, JIT), then the measured runs.
  await loadQuarterView(deps, QUARTER, now);
  const view: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await loadQuarterView(deps, QUARTER, now);
    view.push(performance.now() - start);
    if (result.rows.length !== AGENCIES) throw new Error(`the view has ${result.rows.length} rows, expected ${AGENCIES}`);
  }
  const period = parsePeriod(QUARTER);
  await complianceXlsx(await buildReport(deps, period, now));
  const xlsx: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const file = await complianceXlsx(await buildReport(deps, period, now));
    xlsx.push(performance.now() - start);
    bytes = file.length;
  }
  return { agencies: AGENCIES, credits: credits.length, seedSeconds, viewP95: percentile(view, 95), xlsxP95: percentile(xlsx, 95), xlsxBytes: bytes };
}
