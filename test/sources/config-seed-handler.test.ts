/**
 * The config-seed function (what the deploy's Trigger invokes) over the real
 * local DynamoDB: the first run writes the bundled file's agencies, a second
 * run changes nothing at all, and an entry an admin edited in the table
 * survives every later run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSeedHandler } from '../../functions/config-seed/handler';
import { DEMO_CONFIG, REPO_ROOT } from '../../infra/local/paths';
import { loadConfig } from '../../shared/config/load';
import type { CchcConfig } from '../../shared/config/schema';
import { SEED_AUTHOR } from '../../shared/sources/config-sync';
import type { AwsClients } from '../../shared/store/clients';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';
import { freshStores } from '../support/stores';
import { join } from 'node:path';

const now = () => new Date('2026-12-01T02:00:00Z');

/** Everything seeding may touch, versions and stamps included. */
async function snapshot(repo: SourceAdminRepository) {
  const [agencies, sources] = await Promise.all([repo.listAgencies(), repo.listSources()]);
  return { agencies, sources };
}

describe('the config-seed handler, with the bundled config/agencies.json', () => {
  let clients: AwsClients;
  let repo: SourceAdminRepository;
  let file: CchcConfig;

  beforeAll(async () => {
    clients = await freshStores();
    repo = new SourceAdminRepository(clients);
    file = await loadConfig(join(REPO_ROOT, 'config', 'agencies.json'));
  });

  it('writes every agency and source of the file into an empty table, stamped as the seed', async () => {
    const summary = await createSeedHandler({ clients, now })();
    expect(summary).toEqual({
      agenciesAdded: file.agencies.length,
      sourcesAdded: file.sources.length,
      differing: 0,
      agenciesInFile: file.agencies.length,
      sourcesInFile: file.sources.length,
    });
    expect(file.agencies.length).toBeGreaterThan(10);
    const agencies = await repo.listAgencies();
    expect(agencies.map((a) => a.agency.id).sort()).toEqual(file.agencies.map((a) => a.id).sort());
    expect(agencies.every((a) => a.updatedBy === SEED_AUTHOR)).toBe(true);
  });

  it('changes nothing when run again (a redeploy, a retried trigger)', async () => {
    const before = await snapshot(repo);
    const summary = await createSeedHandler({ clients, now: () => new Date('2026-12-02T02:00:00Z') })();
    expect(summary).toMatchObject({ agenciesAdded: 0, sourcesAdded: 0, differing: 0 });
    expect(await snapshot(repo)).toEqual(before);
  });

  it('keeps an agency an admin edited in the table, and counts it as differing', async () => {
    const original = file.agencies[0]!;
    const stored = (await repo.getAgency(original.id))!;
    const edited = { ...original, name: `${original.name} (đã đổi tên)` };
    await repo.updateAgency(edited, stored.version, { at: now(), by: 'admin@example.gov.vn', action: 'edit', before: original });
    const before = await snapshot(repo);

    const summary = await createSeedHandler({ clients, now })();
    expect(summary).toMatchObject({ agenciesAdded: 0, sourcesAdded: 0, differing: 1 });
    expect(await snapshot(repo)).toEqual(before);
    expect((await repo.getAgency(original.id))!.agency.name).toBe(edited.name);
  });
});

describe('the config-seed handler, with sources (the demo file)', () => {
  it('adds only what is absent and never overwrites an edited source', async () => {
    const clients = await freshStores();
    const repo = new SourceAdminRepository(clients);
    const demo = await loadConfig(DEMO_CONFIG);
    expect(demo.sources.length).toBeGreaterThan(1);
    // The table already has one source, changed by an admin before the first seed ran.
    const [first, ...rest] = demo.sources;
    const edited = { ...first!, url: `${first!.url}?sua-tay=1` };
    await repo.putAgencyIfAbsent(demo.agencies.find((a) => a.id === first!.agencyId)!, now(), 'admin@example.gov.vn');
    await repo.putSourceIfAbsent(edited, now(), 'admin@example.gov.vn');

    const summary = await createSeedHandler({ clients, config: demo, now })();
    expect(summary).toMatchObject({ agenciesAdded: demo.agencies.length - 1, sourcesAdded: rest.length, differing: 1 });
    const kept = (await repo.getSource(first!.id))!;
    expect(kept.record.source.url).toBe(edited.url);
    expect(kept.updatedBy).toBe('admin@example.gov.vn');

    const before = await snapshot(repo);
    expect(await createSeedHandler({ clients, config: demo, now })()).toMatchObject({ agenciesAdded: 0, sourcesAdded: 0, differing: 1 });
    expect(await snapshot(repo)).toEqual(before);
  });
});
