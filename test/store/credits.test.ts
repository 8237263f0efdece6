import { beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { toStory, withMachineLabel, type Story } from '../../shared/stories/story';
import { ConflictError } from '../../shared/stories/labels';
import type { Source } from '../../shared/config/schema';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { EMPTY_TALLY, talliesOfCredits } from '../../shared/compliance/tally';
import type { AwsClients } from '../../shared/store/clients';
import { keys } from '../../shared/store/table';
import { rebuildQuarterTallies } from '../../infra/local/migrations';

const now = new Date('2026-11-23T03:00:00Z');
const tuPhap: Source = { id: 'so-tu-phap-rss', agencyId: 'so-tu-phap', kind: 'rss', url: 'https://sotuphap.example.gov.vn/rss' };
const noiVu: Source = { id: 'so-noi-vu-rss', agencyId: 'so-noi-vu', kind: 'rss', url: 'https://sonoivu.example.gov.vn/rss' };

/** The stored tallies of a quarter are exactly what its credits add up to. */
async function expectTalliesMatchCredits(stories: StoriesRepository, quarter: string) {
  const expected = talliesOfCredits(await stories.quarterCredits(quarter), quarter);
  const stored = await stories.quarterTallies(quarter);
  // An agency whose last story left the quarter keeps an empty tally item.
  for (const [agencyId, tally] of stored) if (!expected.has(agencyId)) expect(tally.items).toBe(0);
  // Only stories that count are held: an agency with none may have no item at all.
  for (const [agencyId, tally] of expected) expect(stored.get(agencyId) ?? EMPTY_TALLY).toEqual(tally);
}

describe('credits count what their story counts as, through the quarter index', () => {
  let stories: StoriesRepository;
  let story: Story;

  beforeAll(async () => {
    stories = new StoriesRepository(await freshStores());
    const candidate = toStory({ title: 'Rút ngắn thời gian cấp phiếu lý lịch tư pháp', url: 'https://sotuphap.example.gov.vn/tin/1', publishedAt: '2026-11-20T08:00:00+07:00', summary: null }, tuPhap, now);
    const labelled = withMachineLabel(candidate, { relevant: true, areas: ['procedures'], confidence: 0.8, evidence: [], version: 'test', at: now.toISOString() });
    await stories.create(labelled);
    // Syndicated by Sở Nội vụ: both agencies are credited.
    await stories.addPublication(labelled.story, { agencyId: 'so-noi-vu', sourceId: noiVu.id, url: 'https://sonoivu.example.gov.vn/tin/9', publishedAt: null, collectedAt: now.toISOString() }, 'hash-of-copy');
    story = (await stories.get(candidate.story.id))!;
  });

  it('lists every agency credited in the quarter with the label, and nothing for other quarters', async () => {
    const credits = await stories.quarterCredits('2026-Q4');
    expect(credits.map((c) => [c.agencyId, c.relevant, c.areas, c.mark]).sort()).toEqual([
      ['so-noi-vu', true, ['procedures'], null],
      ['so-tu-phap', true, ['procedures'], null],
    ]);
    expect(credits[0]).toMatchObject({ storyId: story.id, quarter: '2026-Q4', title: story.title });
    expect(await stories.quarterCredits('2026-Q3')).toEqual([]);
    expect((await stories.agencyCredits('so-tu-phap', '2026-Q4')).map((c) => c.storyId)).toEqual([story.id]);
    await expectTalliesMatchCredits(stories, '2026-Q4');
    expect((await stories.quarterTallies('2026-Q4')).get('so-noi-vu')).toEqual({ items: 1, areas: { procedures: 1 }, firstAt: story.sortAt, lastAt: story.sortAt });
    expect((await stories.quarterTallies('2026-Q3')).size).toBe(0);
  });

  it('follows a machine relabel, then a human correction, which later machine labels do not undo', async () => {
    await stories.saveMachineLabel(story.id, { relevant: true, areas: ['procedures', 'digital_government'], confidence: 0.9, evidence: [], version: 'test-2', at: now.toISOString() });
    expect((await stories.quarterCredits('2026-Q4')).every((c) => c.areas.join() === 'procedures,digital_government')).toBe(true);
    await expectTalliesMatchCredits(stories, '2026-Q4');
    const current = (await stories.get(story.id))!;
    await stories.saveHumanLabel(story.id, { relevant: false, areas: [], by: 'Biên tập A', at: now.toISOString() }, current.version);
    await stories.saveMachineLabel(story.id, { relevant: true, areas: ['procedures'], confidence: 0.9, evidence: [], version: 'test-3', at: now.toISOString() });
    expect((await stories.quarterCredits('2026-Q4')).map((c) => [c.relevant, c.areas])).toEqual([
      [false, []],
      [false, []],
    ]);
    await expectTalliesMatchCredits(stories, '2026-Q4');
    expect((await stories.quarterTallies('2026-Q4')).get('so-tu-phap')?.items).toBe(0);
  });

  it("records Sở Nội vụ's mark on the story and its credits, conditional on the version", async () => {
    const current = (await stories.get(story.id))!;
    const mark = { counted: true, reason: 'Tin do Sở gửi trực tiếp qua công văn', by: 'Chuyên viên Nội vụ', at: now.toISOString() };
    const marked = await stories.saveCountMark(story.id, mark, current.version);
    expect(marked).toMatchObject({ countMark: mark, version: current.version + 1, updatedBy: 'Chuyên viên Nội vụ' });
    expect((await stories.quarterCredits('2026-Q4')).map((c) => c.mark?.counted)).toEqual([true, true]);
    // The mark beats the human's "not relevant": it counts, with no areas.
    expect((await stories.quarterTallies('2026-Q4')).get('so-tu-phap')).toMatchObject({ items: 1, areas: {} });
    await expect(stories.saveCountMark(story.id, null, current.version, { by: 'Người khác', at: now.toISOString() })).rejects.toBeInstanceOf(ConflictError);
    const cleared = await stories.saveCountMark(story.id, null, marked.version, { by: 'Chuyên viên Nội vụ', at: now.toISOString() });
    expect(cleared.countMark).toBeUndefined();
    expect((await stories.quarterCredits('2026-Q4')).map((c) => c.mark)).toEqual([null, null]);
    await expectTalliesMatchCredits(stories, '2026-Q4');
  });
});

describe('quarter tallies follow every write of a credit', () => {
  let clients: AwsClients;
  let stories: StoriesRepository;
  const page = (n: number, publishedAt: string | null) =>
    withMachineLabel(toStory({ title: `Tin cải cách hành chính số ${n} về một cửa liên thông`, url: `https://sotuphap.example.gov.vn/tin/${100 + n}`, publishedAt, summary: null }, tuPhap, now), {
      relevant: n % 3 !== 0,
      areas: n % 2 ? ['procedures'] : ['digital_government', 'procedures'],
      confidence: 0.8,
      evidence: [],
      version: 'test',
      at: now.toISOString(),
    });

  beforeAll(async () => {
    clients = await freshStores();
    stories = new StoriesRepository(clients);
  });

  it('adds up a first poll written several stories to a transaction', async () => {
    const candidates = Array.from({ length: 12 }, (_, n) => ({ candidate: page(n, `2026-11-${String(10 + n).padStart(2, '0')}T08:00:00+07:00`), withFingerprint: true }));
    const outcomes = await stories.createMany(candidates);
    expect([...outcomes.values()].every((outcome) => outcome === 'created')).toBe(true);
    // Retried delivery of the same poll: nothing changes.
    await stories.createMany(candidates);
    await expectTalliesMatchCredits(stories, '2026-Q4');
    expect((await stories.quarterTallies('2026-Q4')).get('so-tu-phap')).toEqual({
      items: 8,
      areas: { procedures: 8, digital_government: 4 },
      firstAt: '2026-11-11T08:00:00+07:00',
      lastAt: '2026-11-21T08:00:00+07:00',
    });
  });

  it('moves a story to the quarter its article dates it in, and not twice on a retry', async () => {
    const undated = page(20, null);
    await stories.create(undated);
    const story = (await stories.get(undated.story.id))!;
    expect(story.quarter).toBe('2026-Q4');
    const update = { text: 'Nội dung', wordCount: 2, summary: null, publishedAt: '2026-09-30T09:00:00+07:00', sortAt: '2026-09-30T09:00:00+07:00', quarter: '2026-Q3', week: '2026-W40', fetchedAt: now.toISOString() };
    await stories.saveArticle(story, update);
    await stories.saveArticle(story, update);
    await expectTalliesMatchCredits(stories, '2026-Q4');
    await expectTalliesMatchCredits(stories, '2026-Q3');
    expect((await stories.quarterTallies('2026-Q3')).get('so-tu-phap')).toEqual({ items: 1, areas: { procedures: 1, digital_government: 1 }, firstAt: update.sortAt, lastAt: update.sortAt });
  });

  it('rebuilds the same tallies from the credits for a table written before tallies existed', async () => {
    const before = [await stories.quarterTallies('2026-Q3'), await stories.quarterTallies('2026-Q4')];
    for (const quarter of ['2026-Q3', '2026-Q4']) {
      await clients.dynamo.send(new DeleteCommand({ TableName: clients.tableName, Key: keys.quarterTally('so-tu-phap', quarter, tuPhap.id) }));
    }
    expect((await stories.quarterTallies('2026-Q4')).size).toBe(0);
    expect(await rebuildQuarterTallies(clients)).toBe(2);
    expect([await stories.quarterTallies('2026-Q3'), await stories.quarterTallies('2026-Q4')]).toEqual(before);
  });
});
