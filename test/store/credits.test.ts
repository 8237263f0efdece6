import { beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { toStory, withMachineLabel, type Story } from '../../shared/stories/story';
import { ConflictError } from '../../shared/stories/labels';
import type { Source } from '../../shared/config/schema';

const now = new Date('2026-11-23T03:00:00Z');
const tuPhap: Source = { id: 'so-tu-phap-rss', agencyId: 'so-tu-phap', kind: 'rss', url: 'https://sotuphap.example.gov.vn/rss' };
const noiVu: Source = { id: 'so-noi-vu-rss', agencyId: 'so-noi-vu', kind: 'rss', url: 'https://sonoivu.example.gov.vn/rss' };

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
  });

  it('follows a machine relabel, then a human correction, which later machine labels do not undo', async () => {
    await stories.saveMachineLabel(story.id, { relevant: true, areas: ['procedures', 'digital_government'], confidence: 0.9, evidence: [], version: 'test-2', at: now.toISOString() });
    expect((await stories.quarterCredits('2026-Q4')).every((c) => c.areas.join() === 'procedures,digital_government')).toBe(true);
    const current = (await stories.get(story.id))!;
    await stories.saveHumanLabel(story.id, { relevant: false, areas: [], by: 'Biên tập A', at: now.toISOString() }, current.version);
    await stories.saveMachineLabel(story.id, { relevant: true, areas: ['procedures'], confidence: 0.9, evidence: [], version: 'test-3', at: now.toISOString() });
    expect((await stories.quarterCredits('2026-Q4')).map((c) => [c.relevant, c.areas])).toEqual([
      [false, []],
      [false, []],
    ]);
  });

  it("records Sở Nội vụ's mark on the story and its credits, conditional on the version", async () => {
    const current = (await stories.get(story.id))!;
    const mark = { counted: true, reason: 'Tin do Sở gửi trực tiếp qua công văn', by: 'Chuyên viên Nội vụ', at: now.toISOString() };
    const marked = await stories.saveCountMark(story.id, mark, current.version);
    expect(marked).toMatchObject({ countMark: mark, version: current.version + 1, updatedBy: 'Chuyên viên Nội vụ' });
    expect((await stories.quarterCredits('2026-Q4')).map((c) => c.mark?.counted)).toEqual([true, true]);
    await expect(stories.saveCountMark(story.id, null, current.version, { by: 'Người khác', at: now.toISOString() })).rejects.toBeInstanceOf(ConflictError);
    const cleared = await stories.saveCountMark(story.id, null, marked.version, { by: 'Chuyên viên Nội vụ', at: now.toISOString() });
    expect(cleared.countMark).toBeUndefined();
    expect((await stories.quarterCredits('2026-Q4')).map((c) => c.mark)).toEqual([null, null]);
  });
});
