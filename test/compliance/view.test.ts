/** The quarter view and an agency's history on the real store (DynamoDB Local). */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import type { AwsClients } from '../../shared/store/clients';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { DesksRepository } from '../../shared/store/desks-repo';
import { loadAgencyHistory, loadQuarterView } from '../../shared/compliance/view';
import { saveCountMark } from '../../shared/compliance/marks';
import { buildReport } from '../../shared/compliance/report';
import { parsePeriod, quartersUpTo } from '../../shared/compliance/periods';
import { ConflictError } from '../../shared/stories/labels';
import { seedAgencies, seedStory, sourceOf, syndicate } from './support';

const now = new Date('2025-08-10T03:00:00Z');

describe('the quarter view on the store', () => {
  let clients: AwsClients;
  let stories: StoriesRepository;
  let sources: SourcesRepository;
  const deps = () => ({ stories, sources });
  const ids = { tuPhap: '', yTe: '', xayDung: '', noiVu: '' };

  beforeAll(async () => {
    clients = await freshStores();
    sources = await seedAgencies(clients, now);
    stories = new StoriesRepository(clients);
    // Sở Tư pháp: its lead theme in Q2, at 00:30 on 1 April Vietnam time.
    ids.tuPhap = (await seedStory(clients, 'so-tu-phap', '2025-04-01T00:30:00+07:00', { relevant: true, areas: ['institutions'] })).id;
    // The same agency on 31 March 23:59 (Q1).
    await seedStory(clients, 'so-tu-phap', '2025-03-31T23:59:00+07:00', { relevant: true, areas: ['procedures'] });
    // Sở Y tế: a relevant story the machine saw, that a person corrects to not relevant.
    ids.yTe = (await seedStory(clients, 'so-y-te', '2025-05-05T09:00:00+07:00', { relevant: true, areas: ['digital_government'] })).id;
    // Sở Xây dựng: not relevant by the machine, counted by Sở Nội vụ's mark.
    ids.xayDung = (await seedStory(clients, 'so-xay-dung', '2025-05-06T09:00:00+07:00', { relevant: false, areas: [] })).id;
    // Sở Nội vụ: relevant, marked not counted.
    ids.noiVu = (await seedStory(clients, 'so-noi-vu', '2025-05-07T09:00:00+07:00', { relevant: true, areas: ['direction', 'organization', 'civil_service'] })).id;
    // A syndicated story: Văn phòng UBND tỉnh first, copied by UBND An Nhơn.
    const first = await seedStory(clients, 'van-phong-ubnd-tinh', '2025-06-01T08:00:00+07:00', { relevant: true, areas: ['procedures'] });
    await syndicate(clients, first, 'ubnd-an-nhon');
    // The merged agency in Q1, before its validTo.
    await seedStory(clients, 'so-ke-hoach-dau-tu', '2025-02-10T08:00:00+07:00', { relevant: true, areas: ['business_environment'] });
    // Sở Du lịch's source keeps failing; Sở Ngoại vụ's needs repair.
    const failing = (await sources.get(sourceOf('so-du-lich').id))!;
    await sources.savePoll(failing.source.id, { ...failing, health: { ...failing.health, consecutiveFailures: 4, lastError: 'HTTP 503 đang bảo trì' } });
    const broken = (await sources.get(sourceOf('so-ngoai-vu').id))!;
    await sources.savePoll(broken.source.id, { ...broken, health: { ...broken.health, needsRepair: true, lastError: 'selectors match nothing' } });

    const y = (await stories.get(ids.yTe))!;
    await stories.saveHumanLabel(ids.yTe, { relevant: false, areas: [], by: 'noivu', at: now.toISOString() }, y.version);
    const audit = new DesksRepository(clients);
    const xd = (await stories.get(ids.xayDung))!;
    await saveCountMark({ stories, audit }, { storyId: ids.xayDung, mark: { counted: true, reason: 'Tin về một cửa liên thông', version: xd.version }, by: 'noivu', now });
    const nv = (await stories.get(ids.noiVu))!;
    await saveCountMark({ stories, audit }, { storyId: ids.noiVu, mark: { counted: false, reason: 'Tin trùng', version: nv.version }, by: 'noivu', now });
  });

  it('judges Q2 by the contract: boundary in Vietnam time, corrections, marks, syndication', async () => {
    const view = await loadQuarterView(deps(), '2025-Q2', now);
    const row = (id: string) => view.rows.find((r) => r.agencyId === id);
    expect(view.state).toBe('past');
    expect(row('so-tu-phap')).toMatchObject({ items: 1, status: 'met', firstAt: '2025-04-01T00:30:00+07:00' });
    expect(row('so-y-te')).toMatchObject({ items: 0, status: 'missing' });
    expect(row('so-xay-dung')).toMatchObject({ items: 1, status: 'met' });
    expect(row('so-noi-vu')).toMatchObject({ items: 0, status: 'missing' });
    expect(row('van-phong-ubnd-tinh')).toMatchObject({ items: 1, status: 'met' });
    expect(row('ubnd-an-nhon')).toMatchObject({ items: 1, status: 'met' });
    expect(row('so-ke-hoach-dau-tu')).toBeUndefined();
    expect(view.totals).toMatchObject({ agencies: view.rows.length, met: 4 });
  });

  it('puts source health next to the status, so silence is not confused with a broken scraper', async () => {
    const view = await loadQuarterView(deps(), '2025-Q2', now);
    const row = (id: string) => view.rows.find((r) => r.agencyId === id)!;
    expect(row('so-du-lich')).toMatchObject({ status: 'missing', health: { state: 'failing', failing: 1, lastError: 'HTTP 503 đang bảo trì' } });
    expect(row('so-ngoai-vu')).toMatchObject({ status: 'missing', health: { state: 'needs_repair', needsRepair: 1 } });
    expect(row('so-y-te').health.state).toBe('ok');
  });

  it("counts the year's items against the target and narrows to one agency", async () => {
    const view = await loadQuarterView(deps(), '2025-Q2', now, { agencyId: 'so-tu-phap' });
    expect(view.rows).toHaveLength(1);
    expect(view.rows[0]).toMatchObject({ agencyId: 'so-tu-phap', yearItems: 2, yearlyTarget: 10 });
  });

  it('shows a running quarter as of now, with days left', async () => {
    const view = await loadQuarterView(deps(), '2025-Q3', now);
    expect(view).toMatchObject({ state: 'running', daysLeft: 52 });
    expect(view.rows[0]!.daysLeft).toBe(52);
  });

  it("keeps a merged agency's record under its own name, linked from its successor", async () => {
    const merged = (await loadAgencyHistory(deps(), 'so-ke-hoach-dau-tu', quartersUpTo('2025-Q3', 8), now))!;
    expect(merged.successor?.id).toBe('so-tai-chinh');
    const q1 = merged.quarters.find((q) => q.quarter === '2025-Q1')!;
    expect(q1).toMatchObject({ judged: true, row: { items: 1, status: 'met', agencyName: 'Sở Kế hoạch và Đầu tư' } });
    expect(merged.quarters.find((q) => q.quarter === '2025-Q2')).toMatchObject({ judged: false, row: null });
    const successor = (await loadAgencyHistory(deps(), 'so-tai-chinh', quartersUpTo('2025-Q3', 8), now))!;
    expect(successor.predecessors.map((a) => a.id)).toEqual(['so-ke-hoach-dau-tu']);
    expect(await loadAgencyHistory(deps(), 'khong-co', ['2025-Q1'], now)).toBeNull();
  });

  it('lists counted and not-counted items in the history', async () => {
    const history = (await loadAgencyHistory(deps(), 'so-noi-vu', ['2025-Q2'], now))!;
    expect(history.quarters[0]!.counted).toHaveLength(0);
    expect(history.quarters[0]!.notCounted[0]).toMatchObject({ storyId: ids.noiVu, mark: { counted: false, reason: 'Tin trùng', by: 'noivu' } });
    expect(history.years).toEqual([{ year: 2025, items: 0, target: 10 }]);
  });

  it('builds the half-year report with each quarter and totals', async () => {
    const report = await buildReport(deps(), parsePeriod('2025-H1'), now);
    expect(report.kind).toBe('period');
    const tuPhap = report.rows.find((r) => r.agencyId === 'so-tu-phap')!;
    expect(tuPhap).toMatchObject({ items: 2, status: 'lead_missing' });
    expect(Object.keys((tuPhap as { quarters: object }).quarters)).toEqual(['2025-Q1', '2025-Q2']);
  });

  it('refuses a stale mark, clears a mark and records both in the history', async () => {
    const audit = new DesksRepository(clients);
    const story = (await stories.get(ids.xayDung))!;
    await expect(saveCountMark({ stories, audit }, { storyId: ids.xayDung, mark: { clear: true, version: story.version - 1 }, by: 'noivu', now })).rejects.toBeInstanceOf(ConflictError);
    const cleared = await saveCountMark({ stories, audit }, { storyId: ids.xayDung, mark: { clear: true, version: story.version }, by: 'noivu', now });
    expect(cleared.countMark).toBeUndefined();
    const view = await loadQuarterView(deps(), '2025-Q2', now, { agencyId: 'so-xay-dung' });
    expect(view.rows[0]).toMatchObject({ items: 0, status: 'missing' });
    const { history } = await audit.entriesAndHistory(ids.xayDung);
    const events = history.filter((e) => e.kind === 'count').map((e) => [e.from, e.to, e.note]);
    expect(events).toHaveLength(2);
    expect(events).toEqual(expect.arrayContaining([
      ['none', 'counted', 'Tin về một cửa liên thông'],
      ['counted', 'none', null],
    ]));
  });
});
