import { beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { toStory, withMachineLabel } from '../../shared/stories/story';
import { ConflictError, LabelError, machineLabelOf, parseHumanLabelInput, type StoryClassifier } from '../../shared/stories/labels';
import type { Source } from '../../shared/config/schema';

/** A stand-in classifier with a fixed rule, so these tests are about the labels' bookkeeping. */
const classifier: StoryClassifier = {
  version: 'test-1',
  classify: ({ title, body }) =>
    /một cửa/i.test(`${title} ${body ?? ''}`)
      ? { relevant: true, areas: body ? ['procedures', 'digital_government'] : ['procedures'], confidence: 0.8, evidence: ['một cửa'] }
      : { relevant: false, areas: [], confidence: 0.7, evidence: [] },
};

const source: Source = { id: 'so-noi-vu-cchc', agencyId: 'so-noi-vu', kind: 'rss', url: 'https://example.gov.vn/rss' };
const now = new Date('2026-11-23T03:00:00Z');

describe('machine and human labels', () => {
  let stories: StoriesRepository;
  let storyId: string;

  beforeAll(async () => {
    stories = new StoriesRepository(await freshStores());
    const candidate = toStory({ title: 'Bộ phận một cửa cấp xã phục vụ người dân', url: 'https://example.gov.vn/tin/1', publishedAt: null, summary: null }, source, now);
    const labelled = withMachineLabel(candidate, machineLabelOf(classifier, candidate.story, now));
    await stories.create(labelled);
    storyId = candidate.story.id;
  });

  it('stores the machine label with its version, and it counts while no human has spoken', async () => {
    const story = (await stories.get(storyId))!;
    expect(story.machineLabel).toMatchObject({ relevant: true, areas: ['procedures'], version: 'test-1', evidence: ['một cửa'] });
    expect(story).toMatchObject({ relevant: true, areas: ['procedures'], confidence: 0.8 });
  });

  it('lets a relabel with the article text change the effective label', async () => {
    await stories.saveMachineLabel(storyId, machineLabelOf(classifier, { title: 'x một cửa', body: 'văn bản' }, now));
    expect((await stories.get(storyId))!.areas).toEqual(['procedures', 'digital_government']);
  });

  it('keeps a human label over any later machine label, with who and when', async () => {
    const before = (await stories.get(storyId))!;
    const after = await stories.saveHumanLabel(storyId, { relevant: true, areas: ['civil_service'], by: 'bientap@baobinhdinh', at: now.toISOString() }, before.version);
    expect(after).toMatchObject({ relevant: true, areas: ['civil_service'], confidence: 1, updatedBy: 'bientap@baobinhdinh', version: before.version + 1 });
    await stories.saveMachineLabel(storyId, machineLabelOf({ ...classifier, version: 'test-2' }, { title: 'một cửa' }, now));
    const story = (await stories.get(storyId))!;
    expect(story.areas).toEqual(['civil_service']);
    expect(story.machineLabel!.version).toBe('test-2');
    expect((await stories.listHumanLabelled()).map((s) => s.id)).toEqual([storyId]);
  });

  it('refuses a change made on a stale version, naming who changed it and when', async () => {
    const stale = (await stories.get(storyId))!.version - 1;
    const error = await stories.saveHumanLabel(storyId, { relevant: false, areas: [], by: 'other', at: now.toISOString() }, stale).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/changed by bientap@baobinhdinh at 2026-11-23T03:00:00.000Z — reload/);
    await expect(stories.saveHumanLabel('khong-co', { relevant: false, areas: [], by: 'x', at: now.toISOString() }, 1)).rejects.toBeInstanceOf(LabelError);
  });

  it('validates a human label at the boundary', () => {
    expect(() => parseHumanLabelInput({ relevant: true, areas: [] })).toThrow(/areas: a relevant story needs at least one area/);
    expect(() => parseHumanLabelInput({ relevant: true, areas: ['sport'] })).toThrow(/areas/);
    expect(() => parseHumanLabelInput({ relevant: false, areas: ['procedures'] })).toThrow(/not relevant has no areas/);
    expect(parseHumanLabelInput({ relevant: true, areas: ['procedures', 'project06'] })).toEqual({ relevant: true, areas: ['procedures', 'project06'] });
  });
});

describe('reclassification', () => {
  it('relabels only stories of an older classifier version, keeps human labels, and does nothing the second time', async () => {
    const { reclassifyStories, monthsBack } = await import('../../shared/stories/reclassify');
    expect(monthsBack('2026-10', now)).toEqual(['2026-11', '2026-10']);
    const stories = new StoriesRepository(await freshStores());
    const make = (n: number, title: string) => toStory({ title, url: `https://example.gov.vn/r/${n}`, publishedAt: '2026-10-05T08:00:00+07:00', summary: null }, source, now);
    const a = make(1, 'Một cửa liên thông cấp huyện đi vào hoạt động');
    const b = make(2, 'Lễ hội đua thuyền truyền thống trên sông Kôn');
    await stories.create(withMachineLabel(a, machineLabelOf({ ...classifier, version: 'old' }, a.story, now)));
    await stories.create(b);
    const v2 = { ...classifier, version: 'test-2' };
    const first = await reclassifyStories({ stories, classifier: v2, now: () => now }, { since: '2026-09' });
    expect(first).toMatchObject({ monthsTotal: 3, monthsDone: 3, examined: 2, relabelled: 2 });
    expect((await stories.get(a.story.id))!.machineLabel!.version).toBe('test-2');
    expect((await stories.get(b.story.id))!).toMatchObject({ relevant: false, areas: [] });
    const second = await reclassifyStories({ stories, classifier: v2, now: () => now }, { since: '2026-09' });
    expect(second.relabelled).toBe(0);
  });
});
