/** The agency registry and its admin service against the real DynamoDB Local. */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { demoConfig, seedAgencies, seedStory } from '../compliance/support';
import type { AwsClients } from '../../shared/store/clients';
import { AgencyConflictError, AgencyExistsError, AgencyRegistry } from '../../shared/agencies/registry';
import { AgencyAdmin } from '../../shared/agencies/service';
import { AgencyValidationError } from '../../shared/agencies/validate';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { loadQuarterView } from '../../shared/compliance/view';

const NOW = new Date('2026-11-23T03:00:00Z'); // 2026-Q4 running
const noivu = { userId: 'noivu', name: 'Chuyên viên Sở Nội vụ' };
const quantri = { userId: 'quantri', name: 'Quản trị hệ thống' };

let clients: AwsClients;
let registry: AgencyRegistry;
let admin: AgencyAdmin;

beforeAll(async () => {
  clients = await freshStores();
  await seedAgencies(clients, NOW);
  registry = new AgencyRegistry(clients);
  admin = new AgencyAdmin(registry, new StoriesRepository(clients));
});

const tuPhap = () => demoConfig.agencies.find((agency) => agency.id === 'so-tu-phap')!;

describe('the agency registry', () => {
  it('reads the seeded agencies as version 0 and saves a change conditionally, with an audit entry', async () => {
    const seeded = await registry.get('so-tu-phap');
    expect(seeded).toMatchObject({ version: 0, updatedBy: null });
    const renamed = { ...tuPhap(), name: 'Sở Tư pháp tỉnh Bình Định', contacts: ['vanphong@sotuphap.example.gov.vn'] };
    const saved = await admin.save({ input: renamed, version: 0 }, noivu, NOW);
    expect(saved).toMatchObject({ version: 1, updatedBy: noivu.name });
    expect(await registry.get('so-tu-phap')).toMatchObject({ version: 1, updatedBy: noivu.name, updatedAt: NOW.toISOString() });
    // The collector and the compliance view read the same item.
    expect((await new SourcesRepository(clients).listAgencies()).find((agency) => agency.id === 'so-tu-phap')?.name).toBe('Sở Tư pháp tỉnh Bình Định');
    const [entry] = await registry.history('so-tu-phap');
    expect(entry).toMatchObject({ by: noivu.name, action: 'edit', at: NOW.toISOString(), before: { name: tuPhap().name }, after: { name: 'Sở Tư pháp tỉnh Bình Định' } });
  });

  it('refuses a change made on a stale version, naming who changed it and when', async () => {
    const later = new Date(NOW.getTime() + 60_000);
    const error = await admin.save({ input: { ...tuPhap(), name: 'Tên khác' }, version: 0 }, quantri, later).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgencyConflictError);
    expect(error).toMatchObject({ changedBy: noivu.name, changedAt: NOW.toISOString() });
    expect((await registry.get('so-tu-phap'))?.agency.name).toBe('Sở Tư pháp tỉnh Bình Định');
    expect(await registry.history('so-tu-phap')).toHaveLength(1);
  });

  it('lets only one of two concurrent saves on the same version win', async () => {
    const current = (await registry.get('so-tu-phap'))!;
    const results = await Promise.allSettled(
      ['Sở Tư pháp (A)', 'Sở Tư pháp (B)'].map((name) => admin.save({ input: { ...current.agency, name }, version: current.version }, quantri, NOW)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(AgencyConflictError);
    expect((await registry.get('so-tu-phap'))?.version).toBe(current.version + 1);
  });

  it('adds an agency once, and validates references before writing', async () => {
    const added = { id: 'so-moi', name: 'Sở Mới', kind: 'department', leadAreas: ['digital_government'], contacts: [], validFrom: '2026-10-01', validTo: null, successorId: null };
    expect((await admin.save({ input: added, version: null }, quantri, NOW)).version).toBe(1);
    await expect(registry.create({ ...added, kind: 'department', leadAreas: ['digital_government'] }, quantri, NOW)).rejects.toBeInstanceOf(AgencyExistsError);
    await expect(admin.save({ input: added, version: null }, quantri, NOW)).rejects.toBeInstanceOf(AgencyValidationError);
    const cycle = await admin.save({ input: { ...added, validTo: '2026-12-31', successorId: 'so-khong-co' }, version: 1 }, quantri, NOW).catch((caught: unknown) => caught);
    expect((cycle as AgencyValidationError).issues).toEqual([{ field: 'successorId', message: 'Không có cơ quan mã “so-khong-co”.' }]);
  });
});

describe('previewing and recording a merger', () => {
  it('shows the effect from the stored credits, then saves it, and the quarter view follows', async () => {
    // Sở Văn hóa has two counted stories in 2026-Q3 and one in 2026-Q4 (one not relevant).
    await seedStory(clients, 'so-van-hoa-the-thao', '2026-08-10T09:00:00+07:00', { relevant: true, areas: ['procedures'] });
    await seedStory(clients, 'so-van-hoa-the-thao', '2026-09-10T09:00:00+07:00', { relevant: true, areas: ['digital_government'] });
    await seedStory(clients, 'so-van-hoa-the-thao', '2026-10-20T09:00:00+07:00', { relevant: true, areas: ['procedures'] });
    await seedStory(clients, 'so-van-hoa-the-thao', '2026-10-21T09:00:00+07:00', { relevant: false, areas: [] });
    const current = (await registry.get('so-van-hoa-the-thao'))!;
    const merger = { ...current.agency, validTo: '2026-09-30', successorId: 'so-tu-phap' };
    const preview = await admin.preview({ input: merger, version: current.version }, NOW);
    expect(preview.effect.quarters.map((quarter) => quarter.quarter)).toEqual(['2026-Q3', '2026-Q4']);
    const [q3, q4] = preview.effect.quarters;
    expect(q3!.agency.after).toMatchObject({ expected: true, credited: 2 });
    expect(q3!.changed).toBe(false);
    expect(q4!.agency.before).toMatchObject({ expected: true, credited: 1 });
    expect(q4!.agency.after).toMatchObject({ expected: false, credited: 0, uncredited: 1, status: null });
    expect(q4!.successor).toMatchObject({ agencyId: 'so-tu-phap', after: { expected: true } });
    expect(preview.effect.warnings).toContainEqual({ code: 'credits-dropped', quarter: '2026-Q4', count: 1 });

    await admin.save({ input: merger, version: current.version }, noivu, NOW);
    const deps = { stories: new StoriesRepository(clients), sources: new SourcesRepository(clients) };
    const q4View = await loadQuarterView(deps, '2026-Q4', NOW);
    expect(q4View.rows.some((row) => row.agencyId === 'so-van-hoa-the-thao')).toBe(false);
    const q3View = await loadQuarterView(deps, '2026-Q3', NOW);
    expect(q3View.rows.find((row) => row.agencyId === 'so-van-hoa-the-thao')).toMatchObject({ items: 2 });
  });
});
