import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { freshStores } from '../support/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { toStory, withMachineLabel, type Story } from '../../shared/stories/story';
import { ConflictError } from '../../shared/stories/labels';
import { parseConfig } from '../../shared/config/load';
import { createDeskService } from '../../shared/desks/create';
import { DeskService, SlotFullError, searchWords } from '../../shared/desks/desk-service';
import { TransitionError } from '../../shared/desks/workflow';
import type { Source } from '../../shared/config/schema';
import type { AreaId } from '../../shared/config/areas';
import type { AwsClients } from '../../shared/store/clients';

const config = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));
const now = new Date('2026-12-01T03:00:00Z');
const department: Source = { id: 'so-tu-phap-rss', agencyId: 'so-tu-phap', kind: 'rss', url: 'https://sotuphap.example.gov.vn/rss' };
const press: Source = { id: 'bao-rss', agencyId: 'bao-binh-dinh', kind: 'rss', url: 'https://baobinhdinh.example.vn/rss' };

let counter = 0;
async function newStory(
  stories: StoriesRepository,
  input: { title: string; areas?: AreaId[]; relevant?: boolean; source?: Source; daysAgo?: number; words?: number; summary?: string },
): Promise<Story> {
  counter++;
  const published = new Date(now.getTime() - (input.daysAgo ?? 1) * 86_400_000 - counter * 60_000).toISOString();
  const base = toStory({ title: input.title, url: `https://site.example.gov.vn/tin/${counter}`, publishedAt: published, summary: input.summary ?? null }, input.source ?? department, now);
  const relevant = input.relevant ?? true;
  const labelled = withMachineLabel(base, { relevant, areas: relevant ? (input.areas ?? ['procedures']) : [], confidence: 0.9, evidence: [], version: 'test', at: now.toISOString() });
  const story = { ...labelled.story, ...(input.words ? { wordCount: input.words } : {}) };
  await stories.create({ ...labelled, story });
  return (await stories.get(story.id))!;
}

describe('desks over the real local table', () => {
  let clients: AwsClients;
  let stories: StoriesRepository;
  let desks: DeskService;

  beforeAll(async () => {
    clients = await freshStores();
    stories = new StoriesRepository(clients);
    const sources = new SourcesRepository(clients);
    for (const agency of config.agencies) await sources.putAgency(agency);
    expect(config.agencies.some((agency) => agency.id === 'bao-binh-dinh' && agency.kind === 'press')).toBe(true);
    desks = createDeskService(clients, config.desks ?? [], () => now);
  });

  it('proposes a fresh relevant story to the desks whose rules it meets, and only those', async () => {
    const fresh = await newStory(stories, { title: 'Sở Tư pháp rút ngắn thời gian giải quyết thủ tục' });
    const fromPress = await newStory(stories, { title: 'Báo Bình Định mở chuyên trang cải cách hành chính', source: press });
    const stale = await newStory(stories, { title: 'Tin cũ về một cửa', daysAgo: 90 });
    const other = await newStory(stories, { title: 'Giải bóng đá', relevant: false });
    for (const story of [fresh, fromPress, stale, other]) await desks.route(story, now, { isNew: true });

    const desksOf = async (story: Story) => (await desks.storyView(story.id))!.entries.map((entry) => entry.desk).sort();
    expect(await desksOf(fresh)).toEqual(['newspaper', 'tv']);
    expect(await desksOf(fromPress)).toEqual(['newspaper']); // the TV desk takes government agencies only
    expect(await desksOf(stale)).toEqual([]);
    expect(await desksOf(other)).toEqual([]);
    // Routing again changes nothing and adds no history.
    await desks.route(fresh, now);
    const view = (await desks.storyView(fresh.id))!;
    expect(view.entries).toHaveLength(2);
    expect(view.history.filter((event) => event.to === 'proposed')).toHaveLength(2);
  });

  it('walks the workflow with an audit trail, and tells the second editor who changed the story first', async () => {
    const story = await newStory(stories, { title: 'Ứng dụng dịch vụ công trực tuyến toàn trình', areas: ['digital_government'] });
    await desks.route(story, now, { isNew: true });
    // Each step a minute after the last, so the history has an order.
    let minute = 0;
    const later = () => new Date(now.getTime() + ++minute * 60_000);
    const shortlisted = await desks.transition({ storyId: story.id, desk: 'newspaper', to: 'shortlisted', version: story.version, by: 'Biên tập A', now: later() });
    expect(shortlisted.entry.status).toBe('shortlisted');
    // A second editor acts on the version they loaded before the first change.
    const stale = desks.transition({ storyId: story.id, desk: 'newspaper', to: 'rejected', note: 'trùng', version: story.version, by: 'Biên tập B', now: later() });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow(/changed by Biên tập A at/);

    await expect(desks.transition({ storyId: story.id, desk: 'newspaper', to: 'scheduled', version: shortlisted.story.version, by: 'Biên tập A', now: later() })).rejects.toBeInstanceOf(
      TransitionError,
    );
    const scheduled = await desks.transition({ storyId: story.id, desk: 'newspaper', to: 'scheduled', slot: '2026-12', version: shortlisted.story.version, by: 'Biên tập A', now: later() });
    expect(scheduled.entry).toMatchObject({ status: 'scheduled', slot: '2026-12' });
    const slot = await desks.slot('newspaper', '2026-12');
    expect(slot.members.map((member) => member.storyId)).toEqual([story.id]);
    expect(slot.usedStories).toBe(1);

    const unscheduled = await desks.transition({ storyId: story.id, desk: 'newspaper', to: 'shortlisted', version: scheduled.story.version, by: 'Biên tập A', now: later() });
    expect((await desks.slot('newspaper', '2026-12')).usedStories).toBe(0);
    await expect(desks.transition({ storyId: story.id, desk: 'newspaper', to: 'rejected', version: unscheduled.story.version, by: 'Biên tập A', now: later() })).rejects.toThrow(/lý do/);
    await desks.transition({ storyId: story.id, desk: 'newspaper', to: 'rejected', note: 'Đã đăng tháng trước', version: unscheduled.story.version, by: 'Biên tập A', now: later() });

    const history = (await desks.storyView(story.id))!.history.filter((event) => event.desk === 'newspaper').map((event) => `${event.from ?? '∅'}→${event.to}`);
    expect(history).toEqual(['∅→proposed', 'proposed→shortlisted', 'shortlisted→scheduled', 'scheduled→shortlisted', 'shortlisted→rejected']);
  });

  it('refuses to overfill a segment, with the figures in the message', async () => {
    // 2,000 words at 160 a minute is 12:30 of air, plus the lead-in.
    const long = await newStory(stories, { title: 'Phóng sự dài về một cửa liên thông', words: 2000 });
    const another = await newStory(stories, { title: 'Tin ngắn về chữ ký số', words: 600, areas: ['digital_government'] });
    for (const story of [long, another]) await desks.route(story, now, { isNew: true });
    const airDate = '2026-12-19';
    await desks.transition({ storyId: long.id, desk: 'tv', to: 'scheduled', slot: airDate, version: long.version, by: 'Biên tập TV', now });
    const refused = desks.transition({ storyId: another.id, desk: 'tv', to: 'scheduled', slot: airDate, version: another.version, by: 'Biên tập TV', now });
    await expect(refused).rejects.toBeInstanceOf(SlotFullError);
    await expect(refused).rejects.toThrow(/19\/12\/2026.*15:00/);
    expect((await desks.slot('tv', airDate)).members).toHaveLength(1);
  });

  it('withdraws a proposed story when a person marks it not relevant, and records the correction', async () => {
    const story = await newStory(stories, { title: 'Hội thi văn nghệ có lồng ghép cải cách hành chính' });
    await desks.route(story, now, { isNew: true });
    await desks.correctLabels({ storyId: story.id, raw: { relevant: false, areas: [] }, version: story.version, by: 'Chuyên viên Nội vụ', now });
    const view = (await desks.storyView(story.id))!;
    expect(view.entries).toEqual([]);
    expect(view.history.map((event) => event.to)).toEqual(expect.arrayContaining(['not relevant', 'withdrawn']));
    // Back to relevant: proposed again.
    await desks.correctLabels({ storyId: story.id, raw: { relevant: true, areas: ['civil_service'] }, version: view.story.version, by: 'Chuyên viên Nội vụ', now });
    const again = (await desks.storyView(story.id))!;
    expect(again.entries.map((entry) => [entry.desk, entry.status, entry.areas])).toEqual([
      ['newspaper', 'proposed', ['civil_service']],
      ['tv', 'proposed', ['civil_service']],
    ]);
  });

  it('lists a queue by status, area, agency and folded words, page by page', async () => {
    const own = await freshStores();
    const ownStories = new StoriesRepository(own);
    const sources = new SourcesRepository(own);
    for (const agency of config.agencies) await sources.putAgency(agency);
    const service = createDeskService(own, config.desks ?? [], () => now);
    const made: Story[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await newStory(ownStories, {
          title: i % 2 ? `Số hóa hồ sơ thủ tục hành chính đợt ${i}` : `Tinh gọn bộ máy cấp xã đợt ${i}`,
          areas: i % 2 ? ['digital_government', 'procedures'] : ['organization'],
          source: i === 6 ? press : department,
        }),
      );
    }
    for (const story of made) await service.route(story, now, { isNew: true });
    const all = await service.queue({ desk: 'newspaper', status: 'proposed' });
    expect(all.rows.map((row) => row.storyId)).toEqual(made.map((story) => story.id)); // newest first: each made a minute older
    expect((await service.queue({ desk: 'newspaper', status: 'proposed', area: 'procedures' })).rows).toHaveLength(3);
    expect((await service.queue({ desk: 'newspaper', status: 'proposed', agencyId: 'bao-binh-dinh' })).rows).toHaveLength(1);
    // Diacritic-insensitive: "so hoa" finds "Số hóa"; every word must occur.
    expect((await service.queue({ desk: 'newspaper', status: 'proposed', words: searchWords('SO HOA ho so') })).rows).toHaveLength(3);
    expect((await service.queue({ desk: 'newspaper', status: 'proposed', words: searchWords('tinh gọn số hóa') })).rows).toHaveLength(0);
    // Whole words: "máy" is found, "ma" (inside "máy") is not.
    expect((await service.queue({ desk: 'newspaper', status: 'proposed', words: searchWords('may') })).rows).toHaveLength(4);
    expect((await service.queue({ desk: 'newspaper', status: 'proposed', words: searchWords('ma') })).rows).toHaveLength(0);
    // Words, area and agency together; and a search page by page.
    expect((await service.queue({ desk: 'newspaper', status: 'proposed', words: searchWords('so hoa'), area: 'procedures', agencyId: 'so-tu-phap' })).rows).toHaveLength(3);
    const firstHits = await service.queue({ desk: 'newspaper', status: 'proposed', words: searchWords('dot'), limit: 5 });
    const moreHits = await service.queue({ desk: 'newspaper', status: 'proposed', words: searchWords('dot'), limit: 5, cursor: firstHits.cursor! });
    expect([...firstHits.rows, ...moreHits.rows].map((row) => row.storyId)).toEqual(made.map((story) => story.id));
    const first = await service.queue({ desk: 'newspaper', status: 'proposed', limit: 4 });
    const second = await service.queue({ desk: 'newspaper', status: 'proposed', limit: 4, cursor: first.cursor! });
    expect([...first.rows, ...second.rows].map((row) => row.storyId)).toEqual(all.rows.map((row) => row.storyId));
    expect(second.cursor).toBeNull();
    await expect(service.queue({ desk: 'newspaper', status: 'shortlisted', cursor: first.cursor! })).rejects.toThrow(/cursor/);
  });
});
