import { describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { toStory } from '../../shared/stories/story';
import type { Source } from '../../shared/config/schema';

const source: Source = { id: 'so-noi-vu-cchc', agencyId: 'so-noi-vu', kind: 'rss', url: 'https://example.gov.vn/rss' };
const collectedAt = new Date('2026-11-23T03:00:00Z');
const candidate = (n: number, title = `Tin cải cách hành chính số ${n} của Sở Nội vụ`) =>
  toStory({ title, url: `https://example.gov.vn/tin/${n}`, publishedAt: '2026-11-23T08:30:00+07:00', summary: `Tóm tắt ${n}` }, source, collectedAt);

describe('writing many new stories', () => {
  it('writes 45 stories in grouped transactions, each whole, with its credit and article marker', async () => {
    const stories = new StoriesRepository(await freshStores());
    const candidates = Array.from({ length: 45 }, (_, n) => candidate(n));
    const outcomes = await stories.createMany(candidates.map((c) => ({ candidate: c, withFingerprint: true })));
    expect([...outcomes.values()].every((o) => o === 'created')).toBe(true);
    expect(outcomes.size).toBe(45);
    expect(await stories.creditsOf('so-noi-vu', '2026-Q4')).toHaveLength(45);
    expect(await stories.listPendingArticles()).toHaveLength(45);
    const known = await stories.findKnown(candidates.map((c) => c.urlHash), candidates.map((c) => c.fingerprint!));
    expect(known.urls.size).toBe(45);
    expect(known.texts.size).toBe(45);
  });

  it('answers "exists" for a retried story and still creates the rest of its group', async () => {
    const stories = new StoriesRepository(await freshStores());
    await stories.create(candidate(3));
    const outcomes = await stories.createMany([1, 2, 3, 4].map((n) => ({ candidate: candidate(n), withFingerprint: true })));
    expect([1, 2, 3, 4].map((n) => outcomes.get(candidate(n).story.id))).toEqual(['created', 'created', 'exists', 'created']);
    expect(await stories.creditsOf('so-noi-vu', '2026-Q4')).toHaveLength(4);
  });

  it('sends a title repeated on one page alone, so its fingerprint is claimed once', async () => {
    const stories = new StoriesRepository(await freshStores());
    const title = 'Hội nghị triển khai công tác cải cách hành chính năm 2027';
    const outcomes = await stories.createMany([candidate(1, title), candidate(2, title)].map((c) => ({ candidate: c, withFingerprint: true })));
    expect(outcomes.get(candidate(1, title).story.id)).toBe('created');
    expect(outcomes.get(candidate(2, title).story.id)).toBe('text-taken');
  });
});
